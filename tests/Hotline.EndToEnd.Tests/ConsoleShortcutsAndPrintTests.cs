namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Keys as a Mac user presses them (Option with a letter, ⌘+Enter to send), moving through the queue without the mouse;
/// and the monthly statistics on paper, nothing else of the console with them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleShortcutsAndPrintTests(ConsoleStack stack)
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } };

    private Task<IPage> SignInAsync(Browser browser, string username, string password) => stack.OpenConsoleAsync(browser, Desktop, username, password);

    [Fact]
    public async Task Option_with_J_and_K_moves_through_the_queue_and_Command_Enter_sends_the_reply()
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();
        var (first, firstId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = first;
        var (second, secondId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", api);
        using var __ = second;
        var page = await SignInAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        await Assertions.Expect(page.Locator($"#queue button[data-case-id='{secondId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // The rows in the order the queue shows them: Option+J opens the first, then each next one; Option+K goes back.
        var rows = await page.Locator("#queue button[data-case-id]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.caseId)");
        Assert.True(rows.Length >= 2, "two cases or more are listed");
        await page.Keyboard.PressAsync("Alt+KeyJ");
        await Assertions.Expect(page.Locator("#case-id")).ToHaveTextAsync(rows[0], new() { Timeout = 10_000 });
        await page.Keyboard.PressAsync("Alt+KeyJ");
        await Assertions.Expect(page.Locator("#case-id")).ToHaveTextAsync(rows[1], new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator($"#queue button[data-case-id='{rows[1]}']")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+KeyK");
        await Assertions.Expect(page.Locator("#case-id")).ToHaveTextAsync(rows[0], new() { Timeout = 10_000 });

        // Open one of this test's cases the same way, claim it and answer with ⌘+Enter.
        var target = Array.IndexOf(rows, firstId);
        for (var i = 0; i < target; i++) await page.Keyboard.PressAsync("Alt+KeyJ");
        await Assertions.Expect(page.Locator("#case-id")).ToHaveTextAsync(firstId, new() { Timeout = 10_000 });
        await page.Keyboard.PressAsync("Alt+KeyC");
        await Assertions.Expect(page.Locator("#release")).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await page.Keyboard.PressAsync("Alt+KeyR");
        await page.Keyboard.TypeAsync("I am here with you.");
        await page.Keyboard.PressAsync("Meta+Enter");
        await first.WaitForBotMessageAsync(t => t == "I am here with you.", TimeSpan.FromSeconds(10));
        await page.Keyboard.PressAsync("Alt+KeyL");
        await first.WaitForBotMessageAsync(t => t.Contains("counsellor has left", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(10));
        if ((await api.PostAsync($"/api/cases/{secondId}/claim", null)).IsSuccessStatusCode) await api.PostAsync($"/api/cases/{secondId}/release", null);
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Print_puts_only_the_monthly_statistics_on_paper()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await SignInAsync(browser, ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        await page.ClickAsync("#tabs button[data-view='supervisor']");
        await Assertions.Expect(page.Locator("#statistics-tables table").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        // What is on paper at the moment the print dialog would open.
        await page.EvaluateAsync("""
            () => { window.print = () => {
              const shown = (el) => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
              window.printed = {
                statistics: shown(document.getElementById("statistics")),
                tables: [...document.querySelectorAll("#statistics-tables table")].filter(shown).length,
                others: ["#ops-table", "#audit", "#accounts", "#canned-form", "#statistics-form", "header", "#tabs"].filter((s) => shown(document.querySelector(s)))
              };
            }; }
            """);
        await page.ClickAsync("#statistics-print");
        await page.WaitForFunctionAsync("() => window.printed", null, new() { Timeout = 10_000 });
        var printed = await page.EvaluateAsync<JsonElement>("() => window.printed");
        Assert.True(printed.GetProperty("statistics").GetBoolean(), "the statistics are printed");
        Assert.True(printed.GetProperty("tables").GetInt32() > 0, "with their tables");
        Assert.Empty(printed.GetProperty("others").EnumerateArray());
        browser.AssertNoPageErrors();
    }
}
