namespace Hotline.EndToEnd.Tests;

/// <summary>Closing a case as a test, a prank or no contact: one action, for the holder or a supervisor, audited, counted.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CloseCaseTests(ConsoleStack stack)
{
    private static async Task<List<string>> OpenIdsAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/cases?status=open")).EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

    private static Task<HttpResponseMessage> CloseAsync(HttpClient api, string caseId, string? reason) =>
        api.PostAsJsonAsync($"/api/cases/{caseId}/close", new { reason });

    [Fact]
    public async Task Closing_as_a_prank_is_one_action_for_the_holder_or_a_supervisor_audited_and_counted()
    {
        var demo = await stack.SignInAsync();
        var colleague = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var (visitor, caseId) = await stack.OpenCaseAsync("lol this is my friend testing your chat, sorry", demo);
        using var _ = visitor;

        // Neither holder nor supervisor: 403, nothing changes. A reason outside the three: 400, nothing changes.
        Assert.Equal(HttpStatusCode.Forbidden, (await CloseAsync(colleague, caseId, "prank")).StatusCode);
        var bad = await CloseAsync(colleague, caseId, "spam");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await CloseAsync(colleague, caseId, null)).StatusCode);
        Assert.Contains(caseId, await OpenIdsAsync(demo));

        // The holder closes it: gone from the queue, closed as a prank, the person hears the counsellor left.
        Assert.Equal(HttpStatusCode.OK, (await colleague.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);
        var closed = await CloseAsync(colleague, caseId, "prank");
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var view = await closed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("closed", view.GetProperty("status").GetString());
        Assert.Equal("prank", view.GetProperty("closeReason").GetString());
        Assert.DoesNotContain(caseId, await OpenIdsAsync(demo));
        Assert.Equal(HttpStatusCode.Conflict, (await CloseAsync(colleague, caseId, "test")).StatusCode);
        await visitor.WaitForBotMessageAsync(t => t.Contains("counsellor has left", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(10));
        var timeline = (await ConsoleStack.DetailAsync(demo, caseId)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, t => t.GetProperty("kind").GetString() == "closed" && t.GetProperty("by").GetString() == ConsoleStack.Operator2 && t.GetProperty("detail").GetString() == "prank");

        // A supervisor closes a waiting case nobody holds.
        var supervisor = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var (other, otherId) = await stack.OpenCaseAsync("hello? testing testing 123", demo);
        using var __ = other;
        Assert.Equal(HttpStatusCode.OK, (await CloseAsync(supervisor, otherId, "no-contact")).StatusCode);
        Assert.DoesNotContain(otherId, await OpenIdsAsync(demo));

        var dashboard = await demo.GetFromJsonAsync<JsonElement>("/api/dashboard");
        var byReason = dashboard.GetProperty("closedByReason").EnumerateArray().ToDictionary(c => c.GetProperty("reason").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.True(byReason.GetValueOrDefault("prank") >= 1);
        Assert.True(byReason.GetValueOrDefault("no-contact") >= 1);

        var audit = await supervisor.GetFromJsonAsync<JsonElement>($"/api/audit?caseId={caseId}&last=2000");
        var actions = audit.GetProperty("entries").EnumerateArray().Select(e => $"{e.GetProperty("actor").GetString()}: {e.GetProperty("action").GetString()}").ToList();
        Assert.Contains($"{ConsoleStack.Operator2}: POST /api/cases/{{id}}/close", actions);

        // The person writes again: the same conversation continues and a new case opens.
        (await visitor.SayAsync("ok sorry, actually I do need help with my landlord")).EnsureSuccessStatusCode();
        var reopened = await WebChatToOperatorTests.WaitForCaseAsync(demo, visitor.ConversationId, TimeSpan.FromSeconds(30));
        Assert.NotEqual(caseId, reopened.GetProperty("id").GetString());
        // Triage lists a new case before it writes the timeline's first entry: wait for that entry.
        var detail = await ConsoleStack.WaitForDetailAsync(demo, reopened.GetProperty("id").GetString()!, d => ConsoleStack.TimelineHas(d, "opened"), TimeSpan.FromSeconds(30));
        var opened = detail.GetProperty("timeline").EnumerateArray().First();
        Assert.Equal("opened", opened.GetProperty("kind").GetString());
        Assert.Contains(caseId, opened.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_console_closes_a_held_case_as_a_test_with_one_button()
    {
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("just checking whether this chat works", api);
        using var _ = visitor;
        await using var browser = await Browser.LaunchAsync();
        var page = await stack.OpenConsoleAsync(browser);
        await page.Locator($"#queue button[data-case-id='{caseId}']").ClickAsync(new() { Timeout = 30_000 });
        await page.ClickAsync("#claim");
        await Assertions.Expect(page.Locator("#close-case")).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await page.SelectOptionAsync("#close-reason", "test");
        await page.ClickAsync("#close-case");
        await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.GetProperty("case").GetProperty("status").GetString() == "closed", TimeSpan.FromSeconds(15));
        var view = await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal("test", view.GetProperty("closeReason").GetString());
    }
}
