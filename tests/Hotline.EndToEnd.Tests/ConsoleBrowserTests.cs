namespace Hotline.EndToEnd.Tests;

/// <summary>The console as operators use it, in Debian's chromium: claim, reply, transfer with a private note; no serious accessibility violation.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleStack stack)
{
    [Fact]
    public async Task Operator_claims_with_the_keyboard_replies_and_transfers_to_a_colleague_with_a_private_note()
    {
        await using var browser = await Browser.LaunchAsync();
        var demo = await stack.OpenConsoleAsync(browser);
        var colleague = await stack.OpenConsoleAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var api = await stack.SignInAsync();

        const string words = "burri po me rreh tani, ka thike ne dore, ndihme";
        var (visitor, caseId) = await stack.OpenCaseAsync(words, api);
        using var _ = visitor;

        // The new urgent case is announced in both consoles.
        await Assertions.Expect(demo.Locator($"#alerts li[data-case-id='{caseId}']").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(colleague.Locator($"#alerts li[data-case-id='{caseId}']").First).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await ConsoleStack.OpenFromQueueAsync(demo, caseId, words);
        // The screening explanation: what fired, highlighted over the decrypted words.
        await Assertions.Expect(demo.Locator("#transcript mark").First).ToBeVisibleAsync();
        Assert.NotEqual(0, await demo.Locator("#indicators li").CountAsync());

        await demo.Keyboard.PressAsync("Alt+c");
        await Assertions.Expect(demo.Locator("#release")).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await demo.Keyboard.PressAsync("Alt+r");
        await demo.Keyboard.TypeAsync("Jam këtu me ju. A jeni vetëm tani?");
        await demo.Keyboard.PressAsync("Control+Enter");
        await visitor.WaitForBotMessageAsync(t => t == "Jam këtu me ju. A jeni vetëm tani?", TimeSpan.FromSeconds(10));

        await demo.Keyboard.PressAsync("Alt+t");
        await Assertions.Expect(demo.Locator("#transfer")).ToBeVisibleAsync();
        await demo.SelectOptionAsync("#transfer-to", ConsoleStack.Operator2);
        const string note = "She is hiding in the bathroom; keep messages short.";
        await demo.FillAsync("#transfer-note", note);
        await demo.ClickAsync("#transfer button[type=submit]");

        // The colleague is told, holds the case, and reads the note decrypted in their own page.
        await Assertions.Expect(colleague.Locator($"#alerts li.handed[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await colleague.ClickAsync($"#alerts li.handed[data-case-id='{caseId}'] button:has-text('Open')");
        await Assertions.Expect(colleague.Locator("#notes")).ToContainTextAsync(note, new() { Timeout = 10_000 });
        await Assertions.Expect(colleague.Locator("#release")).ToBeEnabledAsync();
        var view = await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal(ConsoleStack.Operator2, view.GetProperty("holder").GetString());

        // The note is sealed at rest: its words are nowhere in Redis.
        var dump = await stack.Redis.AllKeysAndValuesAsync();
        Assert.DoesNotContain(dump.Values, v => v.Contains("bathroom", StringComparison.OrdinalIgnoreCase));

        await colleague.Keyboard.PressAsync("Alt+l");
        await visitor.WaitForBotMessageAsync(t => t.Contains("counsellor has left", StringComparison.OrdinalIgnoreCase) || t.Contains("Këshilltari doli", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Console_dashboard_supervisor_and_unit_pages_have_no_serious_or_critical_accessibility_violation()
    {
        await using var browser = await Browser.LaunchAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport");
        using var _ = visitor;

        var page = await browser.NewPageAsync();
        await page.GotoAsync(stack.OperatorUrl.ToString());
        await Axe.AssertNoSeriousAsync(page, "sign-in");

        var console = await stack.OpenConsoleAsync(browser);
        await console.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await Assertions.Expect(console.Locator("#transcript li").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Axe.AssertNoSeriousAsync(console, "case view");
        await console.ClickAsync("#tabs button[data-view='dashboard']");
        await Assertions.Expect(console.Locator("#chart-queue svg")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Axe.AssertNoSeriousAsync(console, "dashboard");
        await console.ClickAsync("#tabs button[data-view='supervisor']");
        await Assertions.Expect(console.Locator("#ops-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Axe.AssertNoSeriousAsync(console, "supervisor");

        var unit = await browser.NewPhonePageAsync();
        await unit.GotoAsync(new Uri(stack.OperatorUrl, "unit.html").ToString());
        await Axe.AssertNoSeriousAsync(unit, "unit sign-in");
        await unit.FillAsync("#username", "unit-tirana");
        await unit.FillAsync("#password", ConsoleStack.UnitPassword);
        await unit.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(unit.Locator("#unit-status")).Not.ToBeEmptyAsync(new() { Timeout = 10_000 });
        await Axe.AssertNoSeriousAsync(unit, "unit dispatches");
    }

    [Fact]
    public async Task After_releasing_the_case_in_view_the_next_new_case_appears_in_the_queue_and_opens()
    {
        await using var browser = await Browser.LaunchAsync();
        var demo = await stack.OpenConsoleAsync(browser);
        var api = await stack.SignInAsync();
        var (first, firstId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = first;

        await ConsoleStack.OpenFromQueueAsync(demo, firstId, "took my passport");
        await ConsoleStack.ClaimAsync(demo);
        await demo.ClickAsync("#release");
        await Assertions.Expect(demo.Locator($"#queue button[data-case-id='{firstId}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        // The queue keeps living: a new case is listed, and opening it shows that case, not the released one.
        var (second, secondId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", api);
        using var __ = second;
        var row = demo.Locator($"#queue button[data-case-id='{secondId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await row.ClickAsync();
        await Assertions.Expect(demo.Locator("#case-id")).ToHaveTextAsync(secondId, new() { Timeout = 10_000 });
        await Assertions.Expect(demo.Locator("#transcript")).ToContainTextAsync("ka thike ne dore", new() { Timeout = 10_000 });
        browser.AssertNoPageErrors();
        (await api.PostAsync($"/api/cases/{secondId}/claim", null)).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/cases/{secondId}/release", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_holder_sees_when_the_person_is_typing()
    {
        await using var browser = await Browser.LaunchAsync();
        var demo = await stack.OpenConsoleAsync(browser);
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = visitor;
        await ConsoleStack.OpenFromQueueAsync(demo, caseId, "took my passport");
        await ConsoleStack.ClaimAsync(demo);
        (await visitor.Client.PostAsJsonAsync($"/v3/directline/conversations/{visitor.ConversationId}/activities", new { type = "typing" })).EnsureSuccessStatusCode();
        await Assertions.Expect(demo.Locator("#typing")).ToHaveTextAsync("The person is typing…", new() { Timeout = 10_000 });
        // And the operator's typing is accepted for the person's channel, stored nowhere.
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await api.PostAsync($"/api/cases/{caseId}/typing", null)).StatusCode);
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
    }
}
