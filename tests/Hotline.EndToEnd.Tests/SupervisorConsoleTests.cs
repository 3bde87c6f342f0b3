namespace Hotline.EndToEnd.Tests;

/// <summary>The supervisor's view in the browser: reassign a held case to another operator, take a case over and reply.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SupervisorConsoleTests(ConsoleStack stack)
{
    [Fact]
    public async Task The_supervisor_reassigns_a_held_case_the_new_holder_sees_it_and_the_old_one_no_longer_holds_it()
    {
        await using var browser = await Browser.LaunchAsync();
        var lead = await stack.OpenConsoleAsync(browser, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var colleague = await stack.OpenConsoleAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var demo = await stack.SignInAsync();
        var (visitor, caseId) = await HeldByDemoAsync(demo, lead);
        using var _ = visitor;
        await lead.SelectOptionAsync($"select[aria-label='Reassign case {caseId} to']", ConsoleStack.Operator2);
        await lead.Locator("#all-table tbody tr", new() { HasText = caseId }).Locator("button:has-text('Reassign')").ClickAsync();

        // The new holder is told, and the case is theirs in their console.
        await Assertions.Expect(colleague.Locator($"#alerts li.handed[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await colleague.ClickAsync($"#alerts li.handed[data-case-id='{caseId}'] button:has-text('Open')");
        await Assertions.Expect(colleague.Locator("#release")).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(colleague.Locator("#timeline")).ToContainTextAsync($"Reassigned · {ConsoleStack.Supervisor} · from demo to {ConsoleStack.Operator2}");
        await Assertions.Expect(colleague.Locator("#timeline")).ToContainTextAsync("Claimed · demo");
        await Assertions.Expect(lead.Locator("#all-table tbody tr", new() { HasText = caseId })).ToContainTextAsync(ConsoleStack.Operator2, new() { Timeout = 10_000 });

        // The old holder can no longer write to the person.
        Assert.Equal(HttpStatusCode.Conflict, (await demo.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "still here" })).StatusCode);
        Assert.Equal(ConsoleStack.Operator2, (await demo.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("holder").GetString());
        var holder = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        (await holder.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_supervisor_takes_a_case_over_and_the_reply_reaches_the_persons_web_chat()
    {
        await using var browser = await Browser.LaunchAsync();
        var lead = await stack.OpenConsoleAsync(browser, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var demo = await stack.SignInAsync();
        var (visitor, caseId) = await HeldByDemoAsync(demo, lead);
        using var _ = visitor;
        await lead.ClickAsync($"button[aria-label='Take over case {caseId}']");
        // The console opens the case, now held by the supervisor, ready for a reply.
        await Assertions.Expect(lead.Locator("#case-id")).ToHaveTextAsync(caseId, new() { Timeout = 10_000 });
        await Assertions.Expect(lead.Locator("#release")).ToBeEnabledAsync(new() { Timeout = 10_000 });
        const string reply = "I am the shift supervisor; I am with you now.";
        await lead.FillAsync("#reply-text", reply);
        await lead.ClickAsync("#reply button[type=submit]");
        await visitor.WaitForBotMessageAsync(t => t == reply, TimeSpan.FromSeconds(10));

        var detail = await ConsoleStack.DetailAsync(demo, caseId);
        Assert.Equal(ConsoleStack.Supervisor, detail.GetProperty("case").GetProperty("holder").GetString());
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "taken over"
            && t.GetProperty("by").GetString() == ConsoleStack.Supervisor && t.GetProperty("detail").GetString() == $"from demo to {ConsoleStack.Supervisor}");
        await Assertions.Expect(lead.Locator("#transcript")).ToContainTextAsync(reply, new() { Timeout = 10_000 });
        Assert.Equal(HttpStatusCode.Conflict, (await demo.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "still here" })).StatusCode);
        await lead.ClickAsync("#release");
        await visitor.WaitForBotMessageAsync(t => t.Contains("counsellor has left", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(10));
    }

    /// <summary>A person writes, demo claims the case, and the supervisor's page shows its row in "All cases".</summary>
    private async Task<(WebChatVisitor Visitor, string CaseId)> HeldByDemoAsync(HttpClient demo, IPage lead)
    {
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", demo);
        (await demo.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        await lead.ClickAsync("#tabs button[data-view='supervisor']");
        await Assertions.Expect(lead.Locator("#all-table tbody tr", new() { HasText = caseId })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        return (visitor, caseId);
    }
}
