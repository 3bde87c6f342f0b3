namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Operators correct the screener: PUT /api/cases/{id}/severity by the holder or a supervisor, the screener's rating kept
/// beside the operator's, audited, and counted in the supervisors' agreement figures (no text).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScreenerCorrectionTests(ConsoleStack stack)
{
    [Fact]
    public async Task Only_the_holder_or_a_supervisor_may_rate_a_case_and_an_unknown_severity_or_case_is_refused()
    {
        var demo = await stack.SignInAsync();
        var colleague = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", demo);
        using var _ = visitor;
        var screened = (await demo.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("severity").GetString();
        (await demo.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();

        var refused = await colleague.PutAsJsonAsync($"/api/cases/{caseId}/severity", new { severity = "low", categories = Array.Empty<string>(), reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(screened, (await demo.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("severity").GetString());

        var bad = await demo.PutAsJsonAsync($"/api/cases/{caseId}/severity", new { severity = "urgent", categories = new[] { "trafficking" }, reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await demo.PutAsJsonAsync($"/api/cases/{caseId}/severity", new { severity = "high", categories = new[] { "burglary" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await demo.PutAsJsonAsync("/api/cases/K000000000000/severity", new { severity = "high", categories = Array.Empty<string>() })).StatusCode);

        var rated = await demo.PutAsJsonAsync($"/api/cases/{caseId}/severity", new { severity = "critical", categories = new[] { "trafficking", "domestic_violence" }, reason = "he is outside" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var view = await demo.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal("critical", view.GetProperty("severity").GetString());
        Assert.Equal(screened, view.GetProperty("screenedSeverity").GetString());
        Assert.Equal(["domestic_violence", "trafficking"], view.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Order());

        // A supervisor who does not hold the case may rate it too.
        Assert.Equal(HttpStatusCode.OK,
            (await lead.PutAsJsonAsync($"/api/cases/{caseId}/severity", new { severity = "high", categories = new[] { "trafficking" }, reason = "" })).StatusCode);

        var audit = await lead.GetFromJsonAsync<JsonElement>("/api/audit?last=200");
        var entries = audit.GetProperty("entries").EnumerateArray().Where(e => e.TryGetProperty("caseId", out var c) && c.GetString() == caseId).ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "rate case" && e.GetProperty("actor").GetString() == "demo");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "rate case" && e.GetProperty("actor").GetString() == ConsoleStack.Supervisor);
        // The reason is operator text: it is never in the audit log, only in the sealed notes.
        Assert.DoesNotContain(entries, e => e.TryGetProperty("detail", out var d) && (d.GetString() ?? "").Contains("outside", StringComparison.Ordinal));
        (await demo.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_open_queue_lists_the_screeners_rating_beside_the_operators()
    {
        var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", lead);
        using var _ = visitor;
        (await lead.PutAsJsonAsync($"/api/cases/{caseId}/severity", new { severity = "medium", categories = new[] { "domestic_violence" }, reason = "" })).EnsureSuccessStatusCode();

        var open = await lead.GetFromJsonAsync<JsonElement>("/api/cases?status=open");
        var item = open.EnumerateArray().Single(c => c.GetProperty("id").GetString() == caseId);
        Assert.Equal("medium", item.GetProperty("severity").GetString());
        Assert.Equal("critical", item.GetProperty("screenedSeverity").GetString());
        // A later message that is no worse than what the screener already found leaves the operator's rating alone.
        (await visitor.SayAsync("ok")).EnsureSuccessStatusCode();
        await stack.WaitForTriageAsync();
        Assert.Equal("medium", (await lead.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Supervisors_see_agreement_between_screener_and_operators_by_language_category_and_severity()
    {
        var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var colleague = await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync("/api/supervisor/screening-agreement")).StatusCode);
        var before = await lead.GetFromJsonAsync<JsonElement>("/api/supervisor/screening-agreement");

        var (agreeing, agreed) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", lead);
        using var _ = agreeing;
        var screened = await lead.GetFromJsonAsync<JsonElement>($"/api/cases/{agreed}");
        var same = screened.GetProperty("screenedSeverity").GetString();
        (await lead.PutAsJsonAsync($"/api/cases/{agreed}/severity", new { severity = same, categories = new[] { "domestic_violence" }, reason = "" })).EnsureSuccessStatusCode();
        var (disagreeing, lowered) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", lead);
        using var __ = disagreeing;
        (await lead.PutAsJsonAsync($"/api/cases/{lowered}/severity", new { severity = "low", categories = new[] { "digital_violence" }, reason = "" })).EnsureSuccessStatusCode();

        var after = await lead.GetFromJsonAsync<JsonElement>("/api/supervisor/screening-agreement");
        Assert.Equal(before.GetProperty("rated").GetInt32() + 2, after.GetProperty("rated").GetInt32());
        Assert.Equal(before.GetProperty("agree").GetInt32() + 1, after.GetProperty("agree").GetInt32());
        Assert.Equal(Row(before, "byLanguage", "sq").Cases + 2, Row(after, "byLanguage", "sq").Cases);
        Assert.Equal(Row(before, "byLanguage", "sq").Agree + 1, Row(after, "byLanguage", "sq").Agree);
        // By the operator's severity: the lowered case counts under low, with the screener above the operator.
        Assert.Equal(Row(before, "bySeverity", "low").Extra + 1, Row(after, "bySeverity", "low").Extra);
        // By category: domestic violence agreed once and was the screener's alone once; digital violence the operator's alone.
        Assert.Equal(Row(before, "byCategory", "domestic_violence").Agree + 1, Row(after, "byCategory", "domestic_violence").Agree);
        Assert.Equal(Row(before, "byCategory", "domestic_violence").Extra + 1, Row(after, "byCategory", "domestic_violence").Extra);
        Assert.Equal(Row(before, "byCategory", "digital_violence").Missed + 1, Row(after, "byCategory", "digital_violence").Missed);
        Assert.DoesNotContain("rreh", after.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervisor_page_shows_the_agreement_figures_without_text()
    {
        var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", lead);
        using var _ = visitor;
        (await lead.PutAsJsonAsync($"/api/cases/{caseId}/severity", new { severity = "critical", categories = new[] { "trafficking" }, reason = "" })).EnsureSuccessStatusCode();

        await using var browser = await Browser.LaunchAsync();
        var page = await stack.OpenConsoleAsync(browser, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        await page.ClickAsync("#tab-supervisor");
        await Assertions.Expect(page.Locator("#agreement-summary")).ToContainTextAsync("cases rated by operators", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#agreement-table tbody")).ToContainTextAsync("Language: en");
        await Assertions.Expect(page.Locator("#agreement-table tbody")).ToContainTextAsync("Category: trafficking");
        await Assertions.Expect(page.Locator("#agreement-table tbody")).ToContainTextAsync("Operator's severity: critical");
        Assert.DoesNotContain("passport", await page.Locator("#agreement-table").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_supervisor_rates_a_case_from_the_console_and_the_screeners_rating_stays_beside_it()
    {
        var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        await using var browser = await Browser.LaunchAsync();
        var page = await stack.OpenConsoleAsync(browser, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", lead);
        using var _ = visitor;
        var screened = (await lead.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("severity").GetString();

        await page.ClickAsync($"#queue button[data-case-id='{caseId}']", new() { Timeout = 15_000 });
        await page.ClickAsync("#rating-title");
        await page.SelectOptionAsync("#rating-severity", "medium");
        await page.CheckAsync("#rating-digital_violence");
        await page.FillAsync("#rating-reason", "a threat made online, not at home");
        await page.ClickAsync("#rating button[type=submit]");

        await Assertions.Expect(page.Locator("#rating-status")).ToHaveTextAsync("Saved.", new() { Timeout = 10_000 });
        var view = await lead.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal("medium", view.GetProperty("severity").GetString());
        Assert.Equal(screened, view.GetProperty("screenedSeverity").GetString());
        Assert.Contains("digital_violence", view.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(ConsoleStack.Supervisor, view.GetProperty("correctedBy").GetString());
    }

    private static (int Cases, int Agree, int Missed, int Extra) Row(JsonElement report, string group, string key)
    {
        foreach (var row in report.GetProperty(group).EnumerateArray())
        {
            if (row.GetProperty("key").GetString() == key)
            {
                return (row.GetProperty("cases").GetInt32(), row.GetProperty("agree").GetInt32(), row.GetProperty("missed").GetInt32(), row.GetProperty("extra").GetInt32());
            }
        }
        return (0, 0, 0, 0);
    }
}
