using Hotline.Core.Transcripts;

namespace Hotline.EndToEnd.Tests;

/// <summary>A supervisor deletes a case's conversation from the console, after a confirm step, by the same path as the person.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleDeletionTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_supervisor_deletes_a_conversation_from_the_console_and_nothing_of_it_is_left_in_redis()
    {
        var demo = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("my husband hits me and I am afraid to go home", demo);
        using var _ = visitor;
        await visitor.WaitForBotMessageAsync(_ => true, TimeSpan.FromSeconds(15));
        var leftovers = ConversationLeftovers.Capture(await stack.Redis.AllKeysAndValuesAsync(), visitor.ConversationId, caseId, null);
        Assert.True(leftovers.Captured >= 2, "the transcript and the delivery copy were there to delete");

        // An operator who is not a supervisor may not.
        var colleague = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsync($"/api/cases/{caseId}/delete-conversation", null)).StatusCode);

        await using var browser = await Browser.LaunchAsync();
        var page = await stack.OpenConsoleAsync(browser, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        await page.Locator($"#queue button[data-case-id='{caseId}']").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#delete-open")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ClickAsync("#delete-open");
        await Assertions.Expect(page.Locator("#delete-panel")).ToBeVisibleAsync();
        await page.ClickAsync("#delete-confirm");
        // Said when the server answers: what is done by then (the case closed and stripped), and that the Bot is still deleting.
        await Assertions.Expect(page.Locator("#case-error")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("is being deleted|po fshihet"), new() { Timeout = 30_000 });

        await ConsoleStack.WaitForDetailAsync(demo, caseId, d => d.GetProperty("case").GetProperty("status").GetString() == "closed", TimeSpan.FromSeconds(15));
        var found = leftovers.Find(await stack.Redis.AllKeysAndValuesAsync(), ConversationDeletion.TombstoneFields, ConversationDeletion.IdentifyingCaseFields);
        for (var until = DateTime.UtcNow.AddSeconds(15); found.Count > 0 && DateTime.UtcNow < until; await Task.Delay(200))
        {
            // The Bot deletes its part from the outbox a moment later.
            found = leftovers.Find(await stack.Redis.AllKeysAndValuesAsync(), ConversationDeletion.TombstoneFields, ConversationDeletion.IdentifyingCaseFields);
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
        var detail = await ConsoleStack.DetailAsync(demo, caseId);
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), e => (e.GetProperty("detail").GetString() ?? "").StartsWith("deleted", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Array, detail.GetProperty("timeline").ValueKind);
    }
}
