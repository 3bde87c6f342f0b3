namespace Hotline.EndToEnd.Tests;

/// <summary>Offer to the best available operator, supervisors' take-over, wellbeing, and no plaintext at rest after the console's flows.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleRoutingTests(ConsoleStack stack) : IAsyncLifetime
{
    public Task InitializeAsync() => stack.ResetTeamAsync();

    public Task DisposeAsync() => stack.ResetTeamAsync();

    [Fact]
    public async Task A_new_urgent_case_is_offered_first_to_the_online_operator_who_speaks_the_language()
    {
        var demo = await stack.SignInAsync();
        var colleague = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        // demo takes a break; the supervisor, like everyone, is not on shift.
        (await demo.PostAsJsonAsync("/api/me/presence", new { status = "away" })).EnsureSuccessStatusCode();
        (await colleague.PostAsJsonAsync("/api/me/presence", new { status = "online" })).EnsureSuccessStatusCode();
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", demo);
        using var _ = visitor;
        var detail = await ConsoleStack.WaitForDetailAsync(demo, caseId, d => d.TryGetProperty("offeredTo", out var o) && o.ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(30));
        Assert.Equal(ConsoleStack.Operator2, detail.GetProperty("offeredTo").GetString());
        Assert.True(ConsoleStack.TimelineHas(detail, "offered"));
    }

    [Fact]
    public async Task A_supervisor_takes_over_or_reassigns_a_held_case_and_an_operator_cannot()
    {
        var demo = await stack.SignInAsync();
        var colleague = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", demo);
        using var _ = visitor;
        (await colleague.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsync($"/api/supervisor/cases/{caseId}/takeover", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/supervisor/cases/{caseId}/takeover", null)).StatusCode);
        Assert.Equal(ConsoleStack.Supervisor, (await lead.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("holder").GetString());
        // The previous holder can no longer write to the person; the supervisor can.
        Assert.Equal(HttpStatusCode.Conflict, (await colleague.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "still here" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "A supervisor is with you now." })).StatusCode);
        await visitor.WaitForBotMessageAsync(t => t == "A supervisor is with you now.", TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsJsonAsync($"/api/supervisor/cases/{caseId}/assign", new { to = "demo" })).StatusCode);
        var detail = await ConsoleStack.DetailAsync(demo, caseId);
        Assert.Equal("demo", detail.GetProperty("case").GetProperty("holder").GetString());
        Assert.True(ConsoleStack.TimelineHas(detail, "taken over"));
        Assert.True(ConsoleStack.TimelineHas(detail, "reassigned"));
        (await demo.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task After_three_critical_cases_since_a_break_the_console_suggests_a_pause()
    {
        var demo = await stack.SignInAsync();
        (await demo.PostAsJsonAsync("/api/me/presence", new { status = "away" })).EnsureSuccessStatusCode();
        var me = await (await demo.PostAsJsonAsync("/api/me/presence", new { status = "online" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(me.GetProperty("wellbeing").GetProperty("pauseSuggested").GetBoolean());
        var visitors = new List<WebChatVisitor>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", demo);
                visitors.Add(visitor);
                (await demo.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
                (await demo.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
            }
            me = await demo.GetFromJsonAsync<JsonElement>("/api/me");
            // The shift started with this test: exactly its three critical cases.
            Assert.Equal(3, me.GetProperty("wellbeing").GetProperty("criticalThisShift").GetInt32());
            Assert.True(me.GetProperty("wellbeing").GetProperty("pauseSuggested").GetBoolean());
            var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
            var overview = await lead.GetFromJsonAsync<JsonElement>("/api/supervisor/overview");
            var demoRow = overview.GetProperty("operators").EnumerateArray().Single(o => o.GetProperty("username").GetString() == "demo");
            Assert.True(demoRow.GetProperty("wellbeing").GetProperty("pauseSuggested").GetBoolean());
        }
        finally
        {
            foreach (var v in visitors) v.Dispose();
        }
    }

    [Fact]
    public async Task No_message_text_note_or_user_id_is_at_rest_after_transfer_dispatch_and_export()
    {
        var demo = await stack.SignInAsync();
        var colleague = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        (await colleague.PostAsJsonAsync("/api/me/presence", new { status = "online" })).EnsureSuccessStatusCode();
        const string first = "Zanafilla: burri po me rreh tani ne Durres, ka thike ne dore, ndihme Qendresa";
        const string note = "Handover: Bardhylka is hiding at her aunt's, call only after nine";
        const string reply = "Stay with me, Vjollcana, someone is coming";
        var (visitor, caseId) = await stack.OpenCaseAsync(first, demo);
        using var _ = visitor;
        (await demo.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await demo.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = reply })).EnsureSuccessStatusCode();
        await visitor.WaitForBotMessageAsync(t => t == reply, TimeSpan.FromSeconds(30));
        (await demo.PostAsJsonAsync($"/api/cases/{caseId}/transfer", new { to = ConsoleStack.Operator2, note })).EnsureSuccessStatusCode();
        await ConsoleStack.WaitForDetailAsync(demo, caseId, d => d.TryGetProperty("dispatch", out var x) && x.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));
        (await colleague.PostAsJsonAsync($"/api/cases/{caseId}/dispatch/confirm", new { municipality = "Durrës" })).EnsureSuccessStatusCode();
        var approval = await (await colleague.PostAsJsonAsync($"/api/cases/{caseId}/approvals", new { action = "export-transcript" })).Content.ReadFromJsonAsync<JsonElement>();
        (await demo.PostAsync($"/api/approvals/{approval.GetProperty("id").GetString()}/approve", null)).EnsureSuccessStatusCode();
        (await colleague.GetAsync($"/api/cases/{caseId}/export?approval={approval.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        await stack.Notifier.WaitForAsync(n => n.CaseId == caseId && n.Purpose == "dispatch", TimeSpan.FromSeconds(10));

        var scanner = new LeakScanner(first, note, reply, visitor.UserId, "Qendresa", "Bardhylka", "Vjollcana");
        await scanner.ScanRedisAsync(stack.Redis);
        scanner.ScanDirectory(stack.DataDir);
        scanner.ScanDirectory(stack.Redis.DataDirectory);
        scanner.ScanText("service logs", stack.Logs.AllText);
        scanner.ScanText("notices to staff", string.Join('\n', stack.Notifier.Sent.Select(n => n.Text)));
        scanner.AssertNoLeaks();
    }

    [Fact]
    public async Task In_a_surge_the_waiting_person_is_told_their_place_in_their_language()
    {
        // Nobody is online (the reset before each test): any urgent case waiting is a surge.
        var demo = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", demo);
        using var _ = visitor;
        var told = await visitor.WaitForBotMessageAsync(t => t.Contains("në radhë", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("112", told.GetProperty("text").GetString());
        var me = await demo.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.True(me.GetProperty("surge").GetProperty("active").GetBoolean());
        // Triage sends the place to the person, then writes it on the timeline: the message can arrive first.
        await ConsoleStack.WaitForDetailAsync(demo, caseId, d => ConsoleStack.TimelineHas(d, "surge"), TimeSpan.FromSeconds(30));
    }
}
