using System.Text.RegularExpressions;
using Hotline.Core.Transcripts;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Finding 5 of the privacy review: nothing was ever deleted, and the wipe reply overstated. "Delete this conversation"
/// on the web chat page goes through the one deletion path; afterwards Redis, read as the inspector user, holds nothing of
/// the conversation beyond what the deletion says it keeps, and its case code opens nothing.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed partial class DeletionTests(HotlineStack stack)
{
    [Fact]
    public async Task Deleting_from_the_web_chat_page_on_a_phone_leaves_nothing_of_the_conversation_in_redis()
    {
        var api = await stack.SignInAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(page.Locator("#log li").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.FillAsync("#text", "he beats me and took my phone, I am scared now");
        await page.Locator("#send").TapAsync();
        var codeLine = page.Locator("#log li.bot", new() { HasTextRegex = CodePattern() });
        await Assertions.Expect(codeLine).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var code = CodePattern().Match(await codeLine.InnerTextAsync()).Value;
        var conversationId = await page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('hl-chat')).conversationId");
        var token = await page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('hl-chat')).token");
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, conversationId, TimeSpan.FromSeconds(15))).GetProperty("id").GetString()!;
        // An operator answers: the web chat delivery copy now holds both sides.
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "You are not alone. Are you safe right now?" })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#log li", new() { HasText = "You are not alone" })).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        var leftovers = ConversationLeftovers.Capture(await stack.Redis.AllKeysAndValuesAsync(), conversationId, caseId, code);
        Assert.True(leftovers.Captured >= 4, "the transcript, the delivery copy, the risk state and the code were there to delete");

        // The delete action sits within reach on a 390×844 screen, and asks before it deletes.
        var width = await page.EvaluateAsync<int>("window.innerWidth");
        var box = await page.Locator("#delete").BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width && box.Height >= 40, "the delete button is on screen and large enough to tap");
        await page.Locator("#delete").TapAsync();
        await Assertions.Expect(page.Locator("#delete-confirm")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling with the confirm step open");
        await page.Locator("#delete-yes").TapAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("deleted from the hotline", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("case code no longer works");
        await Assertions.Expect(page.Locator("#log li")).ToHaveCountAsync(0);

        // The Triage worker closes the case and strips it (the page said "being closed").
        await WaitForAsync(async () => (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("status").GetString() == "closed", TimeSpan.FromSeconds(15));
        var found = leftovers.Find(await stack.Redis.AllKeysAndValuesAsync(), ConversationDeletion.TombstoneFields, ConversationDeletion.IdentifyingCaseFields);
        Assert.True(found.Count == 0, string.Join("\n", found));

        // The old token writes into nothing, and the code opens nothing from another chat.
        using var old = new WebChatVisitor(stack.BotUrl, conversationId, token);
        Assert.Equal(HttpStatusCode.Gone, (await old.SayAsync("hello again")).StatusCode);
        using var stranger = await stack.StartWebChatAsync();
        (await stranger.SayAsync(code)).EnsureSuccessStatusCode();
        await stranger.WaitForBotMessageAsync(t => t.Contains("code was not recognised", StringComparison.Ordinal) || t.Contains("kod nuk u njoh", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Equal("0", await ReadTranscriptLengthAsync(conversationId));
    }

    [Fact]
    public async Task Deleting_needs_the_conversations_own_token()
    {
        using var person = await stack.StartWebChatAsync();
        (await person.SayAsync("hello, I need some advice")).EnsureSuccessStatusCode();
        using var other = await stack.StartWebChatAsync();
        var response = await other.Client.DeleteAsync($"/api/webchat/conversations/{person.ConversationId}");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, response.StatusCode.ToString());
        Assert.NotEqual("0", await ReadTranscriptLengthAsync(person.ConversationId));
    }

    private async Task<string> ReadTranscriptLengthAsync(string conversationId)
    {
        await using var redis = await stack.Redis.ConnectAsync();
        return (await redis.GetDatabase().ListLengthAsync(RedisKeys.Transcript(conversationId))).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        for (var until = DateTime.UtcNow + timeout; DateTime.UtcNow < until; await Task.Delay(100))
        {
            if (await condition()) return;
        }
        Assert.Fail("The condition did not hold in time");
    }

    [GeneratedRegex("[a-z]+-[a-z]+-[0-9]{3}-[0-9]{3}-[0-9]{3}")]
    private static partial Regex CodePattern();
}
