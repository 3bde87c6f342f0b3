namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The console's smaller promises, in Debian's chromium at 1280×720: canned answers put where the cursor is, a new
/// message fetched and opened alone, a desktop notification without a word of the message, and dashboard charts with
/// legends, whole-number counts and a real time axis.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleFlowTests(ConsoleStack stack)
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } };

    // Desktop notifications recorded where the operating system would show them (permission is asked for, and given,
    // through the page's own button).
    private const string RecordedNotifications = """
        (() => {
          window.hlNotifications = [];
          class RecordedNotification {
            static permission = "default";
            static requestPermission() { RecordedNotification.permission = "granted"; return Promise.resolve("granted"); }
            constructor(title, options) { window.hlNotifications.push({ title: title, body: (options && options.body) || "", tag: (options && options.tag) || "" }); }
            close() {}
          }
          window.Notification = RecordedNotification;
        })();
        """;

    [Fact]
    public async Task Slash_in_the_composer_lists_canned_answers_and_Enter_puts_the_chosen_one_where_the_cursor_is()
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();
        var (page, visitor, caseId) = await ClaimInConsoleAsync(browser, api);
        using var _ = visitor;

        // Words before and after, the cursor between them.
        var box = page.Locator("#reply-text");
        await box.FillAsync("I hear you.  Take your time.");
        await box.EvaluateAsync("b => b.setSelectionRange(12, 12)");
        await box.PressSequentiallyAsync("/dang");
        var list = page.Locator("#canned-list");
        await Assertions.Expect(list).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // The case is in English: the English answer comes first.
        await Assertions.Expect(list.Locator("li[role=option]").First).ToHaveTextAsync("Danger · English");
        await Assertions.Expect(list.Locator("li[role=option]").First).ToHaveAttributeAsync("aria-selected", "true");
        await Axe.AssertNoSeriousAsync(page, "canned answers listed");

        await box.PressAsync("Enter");
        await Assertions.Expect(list).ToBeHiddenAsync();
        const string danger = "If you are in immediate danger, call 112 or the police on 129. Can you do that now?";
        await Assertions.Expect(box).ToHaveValueAsync($"I hear you. {danger} Take your time.");
        Assert.Equal(12 + danger.Length, await box.EvaluateAsync<int>("b => b.selectionStart"));

        // Enter chose the answer; it did not send. Ctrl+Enter sends the whole of it.
        Assert.DoesNotContain(visitor.BotTexts(), t => t.Contains(danger, StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Control+Enter");
        await visitor.WaitForBotMessageAsync(t => t == $"I hear you. {danger} Take your time.", TimeSpan.FromSeconds(15));
        (await (await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password)).PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_new_message_is_fetched_and_opened_alone_not_the_whole_transcript_again()
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();
        var (page, visitor, caseId) = await ClaimInConsoleAsync(browser, api);
        using var _ = visitor;
        // While the case is held the bot is quiet: the person's next message is the one new entry. Wait until what the
        // claim itself wrote (the bot's "a counsellor has joined") is shown, so it is not counted as new below.
        var conversationId = (await ConsoleStack.DetailAsync(api, caseId)).GetProperty("case").GetProperty("conversationId").GetString()!;
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync("A counsellor has joined", new() { Timeout = 30_000 });
        int stored = -1, lastShown = -1;
        for (var until = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < until;)
        {
            var all = await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/transcript");
            if (all.GetArrayLength() > 0 && await page.Locator("#transcript li.entry").CountAsync() == all.GetArrayLength())
            {
                stored = all.GetArrayLength();
                lastShown = all[stored - 1].GetProperty("seq").GetInt32();
                break;
            }
            await page.WaitForTimeoutAsync(100);
        }
        Assert.True(stored > 0, "the page shows every stored entry");

        // From here on, what the page asks for and what it opens with the team key, recorded in the page itself (the
        // test's own request events may still bring a request the page sent before this point).
        await page.EvaluateAsync("""
            id => { window.hlOpened = []; window.hlAsked = [];
              const open = TranscriptCrypto.openTranscript;
              TranscriptCrypto.openTranscript = function (sodium, team, conversationId, entries, after) {
                if (conversationId === id) window.hlOpened.push(entries.length);
                return open.apply(this, arguments);
              };
              const get = window.fetch;
              window.fetch = function (url) {
                if (String(url).includes("/transcript")) window.hlAsked.push(String(url));
                return get.apply(this, arguments);
              }; }
            """, conversationId);

        (await visitor.SayAsync("He is asleep now, I can write for a while")).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#transcript li.entry").Last).ToContainTextAsync("I can write for a while", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#transcript li.entry")).ToHaveCountAsync(stored + 1);

        // One entry was opened in all. Every read of the transcript since started at the last entry shown (read again
        // to check it is still there, unchanged, and not opened again) or later, never at the beginning.
        Assert.Equal(1, (await page.EvaluateAsync<int[]>("() => window.hlOpened")).Sum());
        Assert.All(await page.EvaluateAsync<string[]>("() => window.hlAsked"), url =>
        {
            var from = System.Text.RegularExpressions.Regex.Match(url, @"/transcript\?from=(\d+)$");
            Assert.True(from.Success, url);
            Assert.True(int.Parse(from.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= lastShown, $"{url}: the last entry shown is {lastShown}");
        });
        (await (await stack.SignInAsync(ConsoleStack.Operator2, ConsoleStack.Operator2Password)).PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task With_desktop_alerts_allowed_a_hidden_console_notifies_a_new_urgent_case_by_its_name_never_its_words()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(Desktop);
        await page.AddInitScriptAsync(ReplyStateTests.HiddenTab + RecordedNotifications);
        await page.GotoAsync(stack.OperatorUrl.ToString());
        await page.FillAsync("#username", ConsoleStack.Operator2);
        await page.FillAsync("#password", ConsoleStack.Operator2Password);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });

        // The operator allows desktop alerts with the header's button, which then goes away.
        await page.ClickAsync("#desktop-alerts");
        await Assertions.Expect(page.Locator("#desktop-alerts")).ToBeHiddenAsync(new() { Timeout = 10_000 });
        await page.EvaluateAsync("() => hlSetHidden(true)");

        const string words = "burri po me rreh tani, ka thike ne dore, ndihme";
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync(words, api);
        using var _ = visitor;
        var reference = "#" + new string(caseId.Where(char.IsLetterOrDigit).ToArray())[^6..].ToUpperInvariant();
        await page.WaitForFunctionAsync("ref => window.hlNotifications.some(n => n.body.includes(ref))", reference, new() { Timeout = 15_000 });
        var shown = (await page.EvaluateAsync<JsonElement>("() => window.hlNotifications")).EnumerateArray()
            .Where(n => n.GetProperty("body").GetString()!.Contains(reference, StringComparison.Ordinal)).ToList();
        Assert.All(shown, n =>
        {
            Assert.Equal("Hotline console", n.GetProperty("title").GetString());
            Assert.Contains("Critical", n.GetProperty("body").GetString(), StringComparison.Ordinal);
            // No word the person wrote: only the case's name and what happened.
            foreach (var word in new[] { "burri", "rreh", "thike", "ndihme" }) Assert.DoesNotContain(word, n.GetProperty("body").GetString(), StringComparison.OrdinalIgnoreCase);
        });
        // The tab's title counts it.
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(\d+\) Hotline console$"));

        // In front, the page shows it itself: no desktop notification for the next one.
        await page.EvaluateAsync("() => hlSetHidden(false)");
        var before = await page.EvaluateAsync<int>("() => window.hlNotifications.length");
        var (second, secondId) = await stack.OpenCaseAsync(words, api);
        using var __ = second;
        await Assertions.Expect(page.Locator($"#alerts li.new[data-case-id='{secondId}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(before, await page.EvaluateAsync<int>("() => window.hlNotifications.length"));

        foreach (var id in new[] { caseId, secondId })
        {
            if ((await api.PostAsync($"/api/cases/{id}/claim", null)).IsSuccessStatusCode) await api.PostAsync($"/api/cases/{id}/release", null);
        }
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Dashboard_charts_have_a_legend_whole_number_counts_and_a_time_axis_across_the_day()
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();
        // A case waits a moment and is claimed: the queue chart and the waiting-time chart both have values.
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = visitor;
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();

        var page = await SignInAsync(browser, "demo", ConsoleStack.DemoPassword);
        await page.ClickAsync("#tabs button[data-view='dashboard']");
        var queue = page.Locator("#chart-queue svg");
        var wait = page.Locator("#chart-wait svg");
        await Assertions.Expect(queue.Locator(".tick-x").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(wait.Locator(".tick-y").First).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // Legends name each series.
        await Assertions.Expect(queue.Locator(".legend-item")).ToHaveTextAsync(["cases waiting"]);
        await Assertions.Expect(wait.Locator(".legend-item")).ToHaveTextAsync(["median", "90th percentile"]);

        // Counts and seconds in whole numbers, from 0, evenly spaced.
        foreach (var chart in new[] { queue, wait })
        {
            var ticks = (await chart.Locator(".tick-y").AllTextContentsAsync()).Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(ticks.Count >= 2, string.Join(",", ticks));
            Assert.Equal(0, ticks[0]);
            Assert.Single(ticks.Zip(ticks.Skip(1), (a, b) => b - a).Distinct());
            Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.Second > p.First), string.Join(",", ticks));
        }

        // The time axis spans the last 24 hours: hours that differ and go forward, the day named on the first tick.
        var hours = (await queue.Locator(".tick-x").AllTextContentsAsync()).ToList();
        Assert.True(hours.Count >= 3, string.Join(" | ", hours));
        Assert.Equal(hours.Count, hours.Select(h => h[..5]).Distinct().Count());
        Assert.All(hours, h => Assert.Matches(@"^\d\d:\d\d", h));
        Assert.Matches(@"^\d\d:\d\d \d{1,2} \w+", hours[0]);
        await Axe.AssertNoSeriousAsync(page, "dashboard");
        browser.AssertNoPageErrors();
    }

    private Task<IPage> SignInAsync(Browser browser, string username, string password) => stack.OpenConsoleAsync(browser, Desktop, username, password);

    /// <summary>A person writes in English; the night-shift operator opens the case in the console and claims it.</summary>
    private async Task<(IPage Page, WebChatVisitor Visitor, string CaseId)> ClaimInConsoleAsync(Browser browser, HttpClient api)
    {
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        var page = await SignInAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        await page.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await ConsoleStack.ClaimAsync(page);
        return (page, visitor, caseId);
    }
}
