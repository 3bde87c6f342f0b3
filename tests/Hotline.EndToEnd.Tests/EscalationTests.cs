namespace Hotline.EndToEnd.Tests;

/// <summary>A critical case nobody claims: at its deadline every online console is alerted, then the supervisors, then the on-call supervisor by SMS. The test moves the clock.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EscalationTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_missed_deadline_alerts_every_console_then_the_supervisor_then_the_fallback_sms()
    {
        await using var browser = await Browser.LaunchAsync();
        var operatorPage = await stack.OpenConsoleAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var supervisorPage = await stack.OpenConsoleAsync(browser, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var api = await stack.SignInAsync();
        const string words = "motra ime 15 vjec, e kane mbyllur ne nje shtepi dhe nuk e lene te dale, tani";
        var (visitor, caseId) = await stack.OpenCaseAsync(words, api);
        using var _ = visitor;
        var detail = await ConsoleStack.DetailAsync(api, caseId);
        Assert.Equal(0, detail.GetProperty("escalation").GetInt32());
        var severity = detail.GetProperty("case").GetProperty("severity").GetString();
        var deadline = TimeSpan.FromSeconds(severity == "critical" ? 60 : 300);

        // Just before the deadline nothing happens; just after, every online console shows the alert. The clock is moved to
        // five seconds before the case's own deadline, whatever real time the case took to open and list on a busy machine,
        // and held there while the console is looked at: a busy machine's pause of five seconds must not reach the deadline.
        var openedAt = detail.GetProperty("case").GetProperty("openedAt").GetDateTimeOffset();
        using (stack.Clock.Freeze())
        {
            stack.Clock.Advance(openedAt + deadline - TimeSpan.FromSeconds(5) - stack.Clock.GetUtcNow());
            await Task.Delay(400);
            Assert.Equal(0, await operatorPage.Locator($"#alerts li.stage1[data-case-id='{caseId}']").CountAsync());
        }
        stack.Clock.Advance(TimeSpan.FromSeconds(6));
        await Assertions.Expect(operatorPage.Locator($"#alerts li.stage1[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(supervisorPage.Locator($"#alerts li.stage1[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // One more deadline: the supervisors, and only they.
        stack.Clock.Advance(deadline);
        await Assertions.Expect(supervisorPage.Locator($"#alerts li.stage2[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal(0, await operatorPage.Locator($"#alerts li.stage2[data-case-id='{caseId}']").CountAsync());

        // And then the configured fallback: an SMS to the on-call supervisor, through the notifier.
        stack.Clock.Advance(deadline);
        var sms = await stack.Notifier.WaitForAsync(n => n.CaseId == caseId && n.Purpose == "escalation", TimeSpan.FromSeconds(10));
        Assert.Equal("oncall-supervisor", sms.Recipient);
        Assert.DoesNotContain("mbyllur", sms.Text);
        await Assertions.Expect(supervisorPage.Locator($"#alerts li.stage3[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // The alerts go first and the step is recorded after them (a worker that dies between the two alerts again).
        var after = await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.GetProperty("escalation").GetInt32() == 3, TimeSpan.FromSeconds(30));
        Assert.Equal(3, after.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("kind").GetString() == "escalated"));
        // Nobody was dropped: the case still waits in the queue, first among its severity.
        Assert.Equal("open", after.GetProperty("case").GetProperty("status").GetString());
        Assert.Single(stack.Notifier.Sent, n => n.CaseId == caseId && n.Purpose == "escalation");
    }

    [Fact]
    public async Task A_claimed_case_never_escalates()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", api);
        using var _ = visitor;
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        stack.Clock.Advance(TimeSpan.FromMinutes(20));
        await Task.Delay(500);
        var detail = await ConsoleStack.DetailAsync(api, caseId);
        Assert.Equal(0, detail.GetProperty("escalation").GetInt32());
        Assert.DoesNotContain(stack.Notifier.Sent, n => n.CaseId == caseId);
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
    }
}
