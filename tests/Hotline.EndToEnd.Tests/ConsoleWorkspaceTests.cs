namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The console as a night shift lives in it, in Debian's chromium at 1280×720 and on a 390×844 phone: three panes that
/// fit the window, one notification area, taking the next case, a reload that keeps the session, history and search.
/// Screenshots go to $HOTLINE_SCREENSHOTS when it is set.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleWorkspaceTests(ConsoleStack stack)
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } };
    private static readonly BrowserNewContextOptions Phone = new() { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };

    [Fact]
    public async Task At_1280x720_the_queue_conversation_and_composer_all_fit_without_the_page_scrolling()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, Desktop, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", api);
        using var _ = visitor;

        await page.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await ConsoleStack.ClaimAsync(page);
        await Assertions.Expect(page.Locator("#transcript li").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#timeline li").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#case-facts")).Not.ToBeEmptyAsync(new() { Timeout = 10_000 });
        // The busiest the top of the page gets, whatever earlier tests left waiting: a surge banner and a full
        // notification area (which then scrolls on its own). The layout must hold with them. The server may end the
        // surge at any moment (its own news), so the check below shows the banner again each time it looks.
        await page.EvaluateAsync("""
            () => import('/console/notifications.js').then(m => {
              window.hlNotificationArea = m;
              for (const kind of ['stage1', 'stage2', 'stage3', 'handed', 'dispatch']) m.addAlert(null, kind, () => 'A long alert for the layout, ' + kind);
            })
            """);

        // The case view settles in steps on a loaded machine (detail, timeline, notes, alerts coming and going): wait
        // until the page does not scroll and every part is wholly inside the window and not cut off by its pane, then
        // check each part (the assertions say which one does not fit if the wait ran out).
        string[] parts = ["section.queue", "#take-next", "#transcript", "#reply-text", "#reply button[type=submit]", "#case-facts"];
        const string laidOut = """
            parts => {
              window.hlNotificationArea.renderSurge({ active: true, waiting: 12, free: 1 });
              const se = document.scrollingElement;
              if (se.scrollHeight > innerHeight || se.scrollWidth > innerWidth) return false;
              return parts.every(s => {
                const e = document.querySelector(s);
                if (!e) return false;
                const r = e.getBoundingClientRect();
                if (r.height === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false;
                // Not hidden under a pane's edge: the point at its middle is the element itself or inside it.
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
                return hit !== null && (hit === e || e.contains(hit));
              });
            }
            """;
        try
        {
            await page.WaitForFunctionAsync(laidOut, parts, new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            // The assertions below say what does not fit.
        }
        await ShotAsync(page, "console-1280x720");

        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollHeight <= window.innerHeight"), "the page itself does not scroll");
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        foreach (var selector in parts)
        {
            await Assertions.Expect(page.Locator(selector)).ToBeInViewportAsync(new() { Ratio = 1, Timeout = 10_000 });
            var box = await page.Locator(selector).BoundingBoxAsync();
            Assert.True(box is not null && box.Y >= 0 && box.Y + box.Height <= 720 && box.X + box.Width <= 1280, $"{selector} is inside the window: {box?.X},{box?.Y} {box?.Width}×{box?.Height}");
        }
        Assert.True(await page.EvaluateAsync<bool>(laidOut, parts), "no part is cut off by the edge of its pane");
        // Side by side: queue left, conversation middle, facts right.
        var queue = (await page.Locator("#queue").BoundingBoxAsync())!;
        var conversation = (await page.Locator("#transcript").BoundingBoxAsync())!;
        var facts = (await page.Locator("#case-facts").BoundingBoxAsync())!;
        Assert.True(queue.X < conversation.X && conversation.X + conversation.Width <= facts.X, "three panes, left to right");
        await Axe.AssertNoSeriousAsync(page, "three panes");
        var holder = await SignInAsApiAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        (await holder.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task On_a_390x844_phone_an_operator_opens_claims_and_replies_without_sideways_scrolling()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, Phone, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = visitor;

        await page.Locator($"#queue button[data-case-id='{caseId}']").TapAsync();
        await page.Locator("#claim").TapAsync();
        await Assertions.Expect(page.Locator("#release")).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await page.FillAsync("#reply-text", "I am here with you.");
        await page.Locator("#reply button[type=submit]").TapAsync();
        await visitor.WaitForBotMessageAsync(t => t == "I am here with you.", TimeSpan.FromSeconds(10));
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        await ShotAsync(page, "console-390x844");
        await Axe.AssertNoSeriousAsync(page, "phone");
        (await (await SignInAsApiAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password)).PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task One_notification_area_names_the_case_as_its_row_merges_repeats_and_clears_when_the_case_is_claimed()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, Desktop, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", api);
        using var _ = visitor;

        var alert = page.Locator($"#alerts li.new[data-case-id='{caseId}']");
        await Assertions.Expect(alert).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var reference = await page.Locator($"#queue button[data-case-id='{caseId}'] .ref").TextContentAsync();
        await Assertions.Expect(alert).ToContainTextAsync(reference!);
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(\d+\) Hotline console$"));
        Assert.True(await page.EvaluateAsync<int>("window.hlChimes || 0") > 0, "a sound was played");

        // The same alert again is counted, not stacked.
        await page.EvaluateAsync("id => import('/console/notifications.js').then(m => m.addAlert(id, 'new', () => 'again'))", caseId);
        await Assertions.Expect(alert).ToHaveCountAsync(1);
        await Assertions.Expect(alert).ToContainTextAsync("×2");

        // A colleague claims it: the waiting alert is over.
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(alert).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Assertions.Expect(page).ToHaveTitleAsync("Hotline console", new() { Timeout = 10_000 });
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Take_the_next_case_claims_the_most_urgent_waiting_case_with_one_shortcut()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, Desktop, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var api = await stack.SignInAsync();
        await DrainQueueAsync(api);
        var (v1, high) = await stack.OpenCaseAsync("My husband hits me and I am afraid of him", api);
        using var a = v1;
        var (v2, critical) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", api);
        using var b = v2;
        Assert.Equal("critical", (await ConsoleStack.DetailAsync(api, critical)).GetProperty("case").GetProperty("severity").GetString());
        await Assertions.Expect(page.Locator($"#queue button[data-case-id='{critical}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await page.Keyboard.PressAsync("Alt+n");
        await Assertions.Expect(page.Locator("#case-id")).ToHaveTextAsync(critical, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#release")).ToBeEnabledAsync(new() { Timeout = 10_000 });
        Assert.Equal(ConsoleStack.Operator2, (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{critical}")).GetProperty("holder").GetString());
        Assert.Equal("open", (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{high}")).GetProperty("status").GetString());

        var mine = await SignInAsApiAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        (await mine.PostAsync($"/api/cases/{critical}/release", null)).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/cases/{high}/claim", null)).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/cases/{high}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_reload_keeps_the_session_and_asks_only_for_the_passphrase()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, Desktop, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var server = await (await SignInAsApiAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password)).GetFromJsonAsync<JsonElement>("/api/me");
        await Assertions.Expect(page.Locator("#presence")).ToHaveValueAsync(server.GetProperty("status").GetString()!);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#signin-hint")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#username")).ToHaveValueAsync(ConsoleStack.Operator2);
        Assert.False(await page.Locator("#username").IsEditableAsync());
        await page.FillAsync("#password", ConsoleStack.Operator2Password);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#console-view")).ToBeVisibleAsync();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_resolved_case_is_in_the_closed_list_is_found_by_its_reference_and_reopens_with_its_timeline_and_note()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, Desktop, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = visitor;

        await page.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await ConsoleStack.ClaimAsync(page);
        var reference = (await page.Locator("#case-ref").TextContentAsync())!;

        // "Mine" lists the cases this operator holds and no other: a new waiting case is in the queue, not in Mine.
        var (waiting, waitingId) = await stack.OpenCaseAsync("my ex keeps sending me threats on instagram", api);
        using var __ = waiting;
        await Assertions.Expect(page.Locator($"#queue button[data-case-id='{waitingId}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ClickAsync(".lists button[data-list='mine']");
        await Assertions.Expect(page.Locator($"#queue button[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator($"#queue button[data-case-id='{waitingId}']")).ToHaveCountAsync(0);
        await page.ClickAsync(".lists button[data-list='queue']");

        await page.ClickAsync("#note-open");
        await page.FillAsync("#note-text", "Call back after six, not before.");
        await page.ClickAsync("#note-form button[type=submit]");
        await Assertions.Expect(page.Locator("#notes")).ToContainTextAsync("Call back after six", new() { Timeout = 10_000 });

        await page.ClickAsync("#resolve-open");
        var outcome = await page.Locator("#resolve-outcome option").Nth(1).GetAttributeAsync("value");
        await page.SelectOptionAsync("#resolve-outcome", outcome!);
        await page.ClickAsync("#resolve-form button[type=submit]");
        await visitor.WaitForBotMessageAsync(t => t.Contains("counsellor has left", StringComparison.OrdinalIgnoreCase) || t.Contains("Këshilltari doli", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var detail = await ConsoleStack.DetailAsync(api, caseId);
        Assert.Equal("closed", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(outcome, detail.GetProperty("record").GetProperty("outcome").GetString());

        await page.ClickAsync(".lists button[data-list='closed']");
        await Assertions.Expect(page.Locator($"#queue button[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.ClickAsync(".lists button[data-list='queue']");
        await page.FillAsync("#search", reference.TrimStart('#'));
        var found = page.Locator($"#queue button[data-case-id='{caseId}']");
        await Assertions.Expect(found).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await found.ClickAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Claimed", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Handed back to the bot");
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync("took my passport", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#notes")).ToContainTextAsync("Call back after six");
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_console_switches_to_Albanian_with_dates_in_the_Albanian_locale()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, Desktop, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        await page.SelectOptionAsync("#ui-language", "sq");
        await Assertions.Expect(page.Locator("#take-next")).ToHaveTextAsync("Merr rastin e radhës");
        Assert.Equal("sq", await page.EvaluateAsync<string>("document.documentElement.lang"));
        await page.SelectOptionAsync("#ui-language", "en");
        await Assertions.Expect(page.Locator("#take-next")).ToHaveTextAsync("Take the next case");
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_supervisor_reads_the_audit_in_words_and_monitors_a_case_without_taking_it()
    {
        await using var browser = await Browser.LaunchAsync();
        var lead = await SignInAsync(browser, Desktop, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = visitor;
        (await api.GetAsync($"/api/cases/{caseId}/transcript")).EnsureSuccessStatusCode();

        await lead.ClickAsync("#tabs button[data-view='supervisor']");
        var reference = "#" + new string(caseId.Where(char.IsLetterOrDigit).ToArray())[^6..].ToUpperInvariant();
        await Assertions.Expect(lead.Locator("#audit")).ToContainTextAsync($"demo opened the transcript of case {reference}", new() { Timeout = 10_000 });
        await Assertions.Expect(lead.Locator("#audit")).Not.ToContainTextAsync("/api/cases/{id}/transcript");

        await lead.ClickAsync($"button[aria-label='Monitor case {caseId} silently']");
        await Assertions.Expect(lead.Locator("#case-id")).ToHaveTextAsync(caseId, new() { Timeout = 10_000 });
        await Assertions.Expect(lead.Locator("#transcript")).ToContainTextAsync("took my passport", new() { Timeout = 10_000 });
        Assert.Equal("open", (await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("status").GetString());
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task The_monthly_statistics_count_contacts_without_text_or_identifiers_and_withhold_cells_under_five()
    {
        var api = await stack.SignInAsync();
        // The month is the stack's (its clock runs ahead of the wall clock by what earlier tests moved it), and in its last
        // minutes the test steps over the month's end, so the five cases open in the month the test asks about.
        var now = stack.Clock.GetUtcNow();
        var monthEnd = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        if (monthEnd - now < TimeSpan.FromMinutes(10)) stack.Clock.Advance(monthEnd - now + TimeSpan.FromSeconds(1));
        var month = stack.Clock.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var visitors = new List<WebChatVisitor>();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
            visitors.Add(visitor);
            ids.Add(caseId);
        }
        var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        var report = await lead.GetFromJsonAsync<JsonElement>($"/api/supervisor/statistics?month={month}");
        Assert.True(report.GetProperty("contacts").GetInt32() >= 5);
        var cells = report.GetProperty("cells").EnumerateArray().ToList();
        Assert.Contains(cells, c => c.GetProperty("dimension").GetString() == "channel" && c.GetProperty("value").GetString() == "webchat" && c.GetProperty("count").GetInt32() >= 5);
        // A withheld cell has no count (null is left out of the JSON); every count shown is 5 or more.
        Assert.All(cells, c => Assert.True(!c.TryGetProperty("count", out var n) || n.ValueKind == JsonValueKind.Null || n.GetInt32() >= 5, c.ToString()));
        foreach (var d in new[] { "channel", "language", "category", "severity", "outcome", "referral" })
            Assert.Contains(cells, c => c.GetProperty("dimension").GetString() == d);
        // Age and municipality are sealed: the server counts neither and hands the contacts' sealed facts, unordered, to the browser.
        Assert.DoesNotContain(cells, c => c.GetProperty("dimension").GetString() is "age band" or "municipality");
        Assert.True(report.GetProperty("sealed").GetArrayLength() >= 5);
        foreach (var id in ids) Assert.DoesNotContain(id, report.GetRawText(), StringComparison.Ordinal);

        var csv = await lead.GetStringAsync($"/api/supervisor/statistics?month={month}&format=csv");
        Assert.StartsWith("month,dimension,value,count\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(csv.Split('\n').Skip(1), line => line.Split(',') is [_, _, _, var n] && int.TryParse(n, out var k) && k < 5);
        foreach (var id in ids) Assert.DoesNotContain(id, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(visitors[0].ConversationId, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("passport", csv, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await lead.GetAsync("/api/supervisor/statistics?month=2026-13")).StatusCode);
        var operatorOnly = await SignInAsApiAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await operatorOnly.GetAsync($"/api/supervisor/statistics?month={month}")).StatusCode);

        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, Desktop, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        await page.ClickAsync("#tabs button[data-view='supervisor']");
        await Assertions.Expect(page.Locator("#statistics-tables caption", new() { HasText = "Channel" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // The supervisor's page opened them and counts the age bands and municipalities itself, small cells withheld.
        var ageBands = page.Locator("#statistics-tables table", new() { Has = page.Locator("caption", new() { HasText = "Age band" }) });
        await Assertions.Expect(ageBands).ToContainTextAsync("unknown", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#statistics-tables caption", new() { HasText = "Municipality" })).ToBeVisibleAsync();
        var channels = page.Locator("#statistics-tables table", new() { Has = page.Locator("caption", new() { HasText = "Channel" }) });
        await Assertions.Expect(channels).ToContainTextAsync("Web chat");
        await Axe.AssertNoSeriousAsync(page, "supervisor with statistics");
        // In Albanian the tables speak Albanian: dimension names and known values, not the server's identifiers.
        await page.SelectOptionAsync("#ui-language", "sq");
        var kanali = page.Locator("#statistics-tables table", new() { Has = page.Locator("caption", new() { HasText = "Kanali" }) });
        await Assertions.Expect(kanali).ToContainTextAsync("Chat në web", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#statistics-tables caption", new() { HasText = "Grupmosha" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#statistics-status")).ToContainTextAsync("kontakte");
        foreach (var v in visitors) v.Dispose();
        foreach (var id in ids)
        {
            if ((await api.PostAsync($"/api/cases/{id}/claim", null)).IsSuccessStatusCode) await api.PostAsync($"/api/cases/{id}/release", null);
        }
        browser.AssertNoPageErrors();
    }

    private Task<IPage> SignInAsync(Browser browser, BrowserNewContextOptions options, string username, string password) =>
        stack.OpenConsoleAsync(browser, options, username, password);

    /// <summary>Closes whatever earlier tests left waiting, so "the most urgent waiting case" is one of this test's.</summary>
    private static async Task DrainQueueAsync(HttpClient api)
    {
        foreach (var c in (await api.GetFromJsonAsync<JsonElement>("/api/cases?status=open")).EnumerateArray())
        {
            var id = c.GetProperty("id").GetString();
            if ((await api.PostAsync($"/api/cases/{id}/claim", null)).IsSuccessStatusCode) await api.PostAsync($"/api/cases/{id}/release", null);
        }
    }

    private Task<HttpClient> SignInAsApiAsync(string username, string password) => stack.SignInAsync(username, password);

    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HOTLINE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
    }
}
