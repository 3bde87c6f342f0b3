namespace Hotline.EndToEnd.Tests.Cluster;

/// <summary>
/// Scale-out on a Redis Cluster of three primaries with two of each service: whichever Bot a person writes to, and
/// whichever Operator service a console is open on, the console hears of it live (SignalR's Redis backplane across the
/// cluster's slots), and what one Operator service does the other shows.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterStack stack)
{
    private const string Urgent = "burri po me rreh tani, ka thike ne dore, ndihme";

    [Fact]
    public async Task Messages_at_Bot_A_and_at_Bot_B_both_reach_the_console_on_Operator_B_as_live_alerts_and_the_case_list_of_Operator_A()
    {
        await using var browser = await Browser.LaunchAsync();
        var console = await ConsoleStack.OpenConsoleAsync(browser, stack.OperatorB, "demo", ClusterStack.DemoPassword);
        using var atA = await HotlineHost.StartWebChatAsync(stack.BotA, "127.0.0.1");
        using var atB = await HotlineHost.StartWebChatAsync(stack.BotB, "127.0.0.1");

        (await atA.SayAsync(Urgent)).EnsureSuccessStatusCode();
        (await atB.SayAsync(Urgent)).EnsureSuccessStatusCode();

        // Each alert reached the page over the hub of Operator B, whichever Triage worker opened the case.
        foreach (var visitor in new[] { atA, atB })
        {
            await console.WaitForFunctionAsync("id => window.hlAlertLog.some(a => a.conversationId === id)", visitor.ConversationId,
                new PageWaitForFunctionOptions { Timeout = 60_000 });
        }
        using var apiAtA = await stack.SignInAtAsync(stack.OperatorA, ClusterStack.SecondOperator, ClusterStack.SecondPassword);
        foreach (var visitor in new[] { atA, atB })
        {
            var listed = await WebChatToOperatorTests.WaitForCaseAsync(apiAtA, visitor.ConversationId, TimeSpan.FromSeconds(30));
            Assert.Contains(listed.GetProperty("severity").GetString(), new[] { "high", "critical" });
        }
    }

    [Fact]
    public async Task A_case_claimed_at_Operator_A_shows_claimed_in_the_console_on_Operator_B_and_its_reply_reaches_the_person_at_the_other_Bot()
    {
        await using var browser = await Browser.LaunchAsync();
        var console = await ConsoleStack.OpenConsoleAsync(browser, stack.OperatorB, ClusterStack.SecondOperator, ClusterStack.SecondPassword);
        using var person = await HotlineHost.StartWebChatAsync(stack.BotB, "127.0.0.1");
        (await person.SayAsync(Urgent)).EnsureSuccessStatusCode();
        using var apiAtA = await stack.SignInAtAsync(stack.OperatorA, "demo", ClusterStack.DemoPassword);
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(apiAtA, person.ConversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;
        var row = console.Locator($"#queue button[data-case-id='{caseId}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-place", new System.Text.RegularExpressions.Regex("^[0-9]+$"), new() { Timeout = 60_000 });

        Assert.Equal(HttpStatusCode.OK, (await apiAtA.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);

        // Operator B's console hears the claim made at A: the row leaves the waiting places and names its holder.
        await Assertions.Expect(row).Not.ToHaveAttributeAsync("data-place", new System.Text.RegularExpressions.Regex(".*"), new() { Timeout = 60_000 });
        await Assertions.Expect(row).ToContainTextAsync("demo", new() { Timeout = 60_000 });
        using var apiAtB = await stack.SignInAtAsync(stack.OperatorB, ClusterStack.SecondOperator, ClusterStack.SecondPassword);
        var detail = await ConsoleStack.DetailAsync(apiAtB, caseId);
        Assert.Equal("claimed", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await apiAtB.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);

        (await apiAtA.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "We are here. Are you safe to write?" })).EnsureSuccessStatusCode();
        await person.WaitForBotMessageAsync(t => t == "We are here. Are you safe to write?", TimeSpan.FromSeconds(60));
    }
}
