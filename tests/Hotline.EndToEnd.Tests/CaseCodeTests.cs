using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hotline.EndToEnd.Tests;

[Collection(HotlineCollection.Name)]
public sealed partial class CaseCodeTests(HotlineStack stack)
{
    [Fact]
    public async Task A_person_continues_a_case_from_another_chat_with_the_case_code_and_the_operator_reaches_them_there()
    {
        var operatorClient = await stack.SignInAsync();
        using var first = await stack.StartWebChatAsync();
        (await first.SayAsync("he beats me and took my phone, I am scared now")).EnsureSuccessStatusCode();
        var answer = await first.WaitForBotMessageAsync(t => CodePattern().IsMatch(t), TimeSpan.FromSeconds(5));
        var code = CodePattern().Match(answer.GetProperty("text").GetString()!).Value;
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(operatorClient, first.ConversationId, TimeSpan.FromSeconds(5))).GetProperty("id").GetString()!;

        // Later, from another browser (or phone), the person gives only the code, typed loosely.
        using var second = await stack.StartWebChatAsync();
        (await second.SayAsync("KODI " + code.Replace('-', ' ').ToUpperInvariant())).EnsureSuccessStatusCode();
        await second.WaitForBotMessageAsync(t => t.Contains("earlier conversation", StringComparison.Ordinal), TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "I can see your earlier messages. Are you safe?" })).StatusCode);
        await second.WaitForBotMessageAsync(t => t == "I can see your earlier messages. Are you safe?", TimeSpan.FromSeconds(5));

        // What the person writes in the new chat joins the same case, whose id has not changed.
        (await second.SayAsync("yes for now")).EnsureSuccessStatusCode();
        var transcript = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/transcript");
        Assert.True(transcript.GetArrayLength() >= 6);
        var open = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal(first.ConversationId, open.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task A_wrong_code_is_not_recognised_and_guessing_is_limited()
    {
        using var visitor = await stack.StartWebChatAsync();
        for (var i = 0; i < 6; i++)
        {
            (await visitor.SayAsync($"mali hena {100 + i}")).EnsureSuccessStatusCode();
        }
        await visitor.PollAsync();
        Assert.Equal(6, visitor.BotTexts().Count(t => t.Contains("code was not recognised", StringComparison.Ordinal) || t.Contains("kod nuk u njoh", StringComparison.Ordinal)));
        Assert.DoesNotContain(visitor.BotTexts(), t => t.Contains("earlier conversation", StringComparison.Ordinal));
    }

    [GeneratedRegex("[a-z]+-[a-z]+-[0-9]{3}")]
    private static partial Regex CodePattern();
}
