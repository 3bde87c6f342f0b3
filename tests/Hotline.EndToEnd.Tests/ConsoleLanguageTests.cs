namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The console and the unit page speak the language chosen in the page, whatever the browser's own locale: words,
/// and dates in that language's format.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLanguageTests(ConsoleStack stack)
{
    private const string CriticalInTirana = "burri po me rreh tani ketu ne Tirane, ka thike ne dore, ndihme";

    // Albanian month abbreviations as CLDR writes them.
    private static readonly string[] AlbanianMonths = ["jan", "shk", "mar", "pri", "maj", "qer", "korr", "gush", "sht", "tet", "nën", "dhj"];
    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

    /// <summary>A browser whose own locale is American English, in UTC (so the expected dates are known here).</summary>
    private static Task<IPage> EnglishBrowserPageAsync(Browser browser, bool phone = false) => browser.NewPageAsync(new BrowserNewContextOptions
    {
        Locale = "en-US",
        TimezoneId = "UTC",
        ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 720 },
        IsMobile = phone,
        HasTouch = phone,
    });

    [Fact]
    public async Task Dashboard_dates_follow_the_chosen_language_not_the_browser_locale()
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();
        // A case opens, so the queue-length chart has points and a time axis that crosses midnight.
        var (visitor, _) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var __ = visitor;

        var page = await EnglishBrowserPageAsync(browser);
        await page.GotoAsync(stack.OperatorUrl.ToString());
        await page.SelectOptionAsync("#ui-language", "sq");
        await page.FillAsync("#username", "demo");
        await page.FillAsync("#password", ConsoleStack.DemoPassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await page.ClickAsync("#tabs button[data-view='dashboard']");
        await Assertions.Expect(page.Locator("#dashboard-view h2")).ToHaveTextAsync("Paneli (24 orët e fundit)");

        // The axis names the day on its first tick and where it changes (midnight, within the last 24 hours): today
        // is named, "4 dhj", not "Dec 4".
        var today = DateTimeOffset.UtcNow;
        var axis = page.Locator("#chart-queue svg");
        await Assertions.Expect(axis).ToContainTextAsync($"{today.Day} {AlbanianMonths[today.Month - 1]}", new() { Timeout = 10_000 });
        Assert.DoesNotContain($"{EnglishMonths[today.Month - 1]} {today.Day}", await axis.TextContentAsync() ?? "");

        await page.SelectOptionAsync("#ui-language", "en");
        await Assertions.Expect(axis).ToContainTextAsync($"{today.Day} {EnglishMonths[today.Month - 1]}", new() { Timeout = 10_000 });
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Unit_page_shows_when_a_dispatch_was_sent_in_the_chosen_language()
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync(CriticalInTirana, api);
        using var _ = visitor;
        var proposed = await ConsoleStack.WaitForDetailAsync(api, caseId, d => d.TryGetProperty("dispatch", out var x) && x.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(20));
        var code = proposed.GetProperty("dispatch").GetProperty("code").GetString()!;
        Assert.Equal("unit-tirana", proposed.GetProperty("dispatch").GetProperty("unit").GetString());
        Assert.Equal("domestic_violence", proposed.GetProperty("dispatch").GetProperty("category").GetString());
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        // The municipality comes from the confirming operator's console, which opened the sealed facts.
        (await api.PostAsJsonAsync($"/api/cases/{caseId}/dispatch/confirm", new { municipality = "Tiranë" })).EnsureSuccessStatusCode();

        var phone = await EnglishBrowserPageAsync(browser, phone: true);
        await phone.GotoAsync(new Uri(stack.OperatorUrl, "unit.html").ToString());
        await phone.SelectOptionAsync("#ui-language", "sq");
        await phone.FillAsync("#username", "unit-tirana");
        await phone.FillAsync("#password", ConsoleStack.UnitPassword);
        await phone.ClickAsync("#signin button[type=submit]");
        var item = phone.Locator($"#dispatches li[data-code='{code}']");
        await Assertions.Expect(item).ToContainTextAsync("dhunë në familje", new() { Timeout = 10_000 });
        var sent = item.Locator("time.sent-at");
        var at = DateTimeOffset.Parse(await sent.GetAttributeAsync("datetime") ?? "", System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
        await Assertions.Expect(sent).ToHaveTextAsync($"dërguar {at.Day} {AlbanianMonths[at.Month - 1]}, {at:HH:mm}");

        await phone.SelectOptionAsync("#ui-language", "en");
        await Assertions.Expect(item.Locator("time.sent-at")).ToHaveTextAsync($"sent {at.Day} {EnglishMonths[at.Month - 1]}, {at:HH:mm}", new() { Timeout = 10_000 });
        await Assertions.Expect(item).ToContainTextAsync("domestic violence");
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Account_screens_speak_albanian_and_english()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await EnglishBrowserPageAsync(browser);
        await page.GotoAsync(stack.OperatorUrl.ToString());
        await page.SelectOptionAsync("#ui-language", "sq");
        // The reset with the recovery key, on the sign-in page.
        await Assertions.Expect(page.Locator("#recover summary")).ToHaveTextAsync("Harruat fjalëkalimin? Përdorni çelësin e rikuperimit");
        await page.ClickAsync("#recover summary");
        await Assertions.Expect(page.Locator("label[for='recover-key']")).ToHaveTextAsync("Çelësi i rikuperimit");
        await page.FillAsync("#recover-username", "demo");
        await page.FillAsync("#recover-key", "not a recovery key");
        await page.FillAsync("#recover-password", "short");
        await page.ClickAsync("#recover-form button[type=submit]");
        await Assertions.Expect(page.Locator("#recover-status")).ToContainTextAsync("të paktën 12 shenja", new() { Timeout = 10_000 });

        await page.FillAsync("#username", "demo");
        await page.FillAsync("#password", ConsoleStack.DemoPassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });

        // Changing one's passphrase.
        await Assertions.Expect(page.Locator("#passphrase-toggle")).ToHaveTextAsync("Fjalëkalimi");
        await page.ClickAsync("#passphrase-toggle");
        await Assertions.Expect(page.Locator("#my-passphrase-title")).ToHaveTextAsync("Ndrysho fjalëkalimin tim");
        await page.FillAsync("#passphrase-current", ConsoleStack.DemoPassword);
        await page.FillAsync("#passphrase-new", "a long new passphrase");
        await page.FillAsync("#passphrase-new2", "a different long passphrase");
        await page.ClickAsync("#passphrase-form button[type=submit]");
        await Assertions.Expect(page.Locator("#passphrase-status")).ToHaveTextAsync("Dy fjalëkalimet nuk përputhen.");

        // Enrolling an operator, on the supervisor's tab.
        await page.ClickAsync("#tabs button[data-view='supervisor']");
        await Assertions.Expect(page.Locator("#enrol-title")).ToHaveTextAsync("Regjistro një operator (çelësat krijohen në këtë faqe)");
        await Assertions.Expect(page.Locator("#accounts-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#team-key-version")).ToContainTextAsync("versioni");
        await page.FillAsync("#enrol-username", "newcomer");
        await page.FillAsync("#enrol-password", "newcomer1234");
        await page.FillAsync("#enrol-password2", "newcomer1234");
        await page.ClickAsync("#enrol-form button[type=submit]");
        await Assertions.Expect(page.Locator("#enrol-status")).ToHaveTextAsync("Fjalëkalimi nuk duhet të ndërtohet mbi emrin e përdoruesit.", new() { Timeout = 10_000 });

        await page.SelectOptionAsync("#ui-language", "en");
        await Assertions.Expect(page.Locator("#enrol-title")).ToHaveTextAsync("Enrol an operator (the keys are made in this page)");
        await Assertions.Expect(page.Locator("#my-passphrase-title")).ToHaveTextAsync("Change my passphrase");

        // The audit log reads in the chosen language too (this sign-in is in it).
        await page.SelectOptionAsync("#ui-language", "sq");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("demo hyri", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#audit")).Not.ToContainTextAsync("demo signed in");
        browser.AssertNoPageErrors();
    }
}
