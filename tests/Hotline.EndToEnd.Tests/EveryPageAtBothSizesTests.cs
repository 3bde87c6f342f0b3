namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Every page the hotline serves, at 1280×720 and on a 390×844 phone: the console's queue and an open case, the dashboard,
/// the supervisor's page, the mobile unit's page and the web chat, with no serious or critical axe-core violation and no
/// sideways scrolling. With HOTLINE_SCREENSHOTS set to a folder, each is saved there to look at.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EveryPageAtBothSizesTests(ConsoleStack stack)
{
    public static TheoryData<string, int, int> Sizes => new() { { "desktop", 1280, 720 }, { "phone", 390, 844 } };

    private static BrowserNewContextOptions Options(int width, int height) => new()
    {
        ViewportSize = new ViewportSize { Width = width, Height = height },
        IsMobile = width < 600,
        HasTouch = width < 600,
    };

    private static async Task CheckAsync(IPage page, string name)
    {
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= window.innerWidth"), $"{name}: no sideways scrolling");
        await Axe.AssertNoSeriousAsync(page, name);
        if (Environment.GetEnvironmentVariable("HOTLINE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Every_page_is_accessible_and_fits(string size, int width, int height)
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();

        // The person, in the web chat.
        var person = await browser.NewPageAsync(Options(width, height));
        await person.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(person.Locator("#log li").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await person.FillAsync("#text", "He locked me in the flat and took my passport");
        await person.ClickAsync("#send");
        var conversationId = await person.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('hl-chat')).conversationId");
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, conversationId, TimeSpan.FromSeconds(20))).GetProperty("id").GetString()!;

        // The supervisor's console: the queue, then the case open and claimed, with a reply.
        var console = await browser.NewPageAsync(Options(width, height));
        await console.GotoAsync(stack.OperatorUrl.ToString());
        await CheckAsync(console, $"signin-{size}");
        await console.FillAsync("#username", ConsoleStack.Supervisor);
        await console.FillAsync("#password", ConsoleStack.SupervisorPassword);
        await console.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(console.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        var row = console.Locator($"#queue button[data-case-id='{caseId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await CheckAsync(console, $"console-queue-{size}");
        await row.ClickAsync();
        await ConsoleStack.ClaimAsync(console);
        await console.FillAsync("#reply-text", "Jam këtu me ju. A jeni vetëm tani?");
        await console.ClickAsync("#reply button[type=submit]");
        await Assertions.Expect(console.Locator("#transcript li.operator .delivery").Last).ToHaveAttributeAsync("data-state", "read", new() { Timeout = 10_000 });
        await Assertions.Expect(console.Locator("#timeline li").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await CheckAsync(console, $"console-case-{size}");

        await Assertions.Expect(person.Locator("#log li.bot").Last).ToContainTextAsync("A jeni vetëm tani?", new() { Timeout = 10_000 });
        await CheckAsync(person, $"webchat-{size}");

        await console.ClickAsync("#tabs button[data-view='dashboard']");
        await Assertions.Expect(console.Locator("#chart-queue svg")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await CheckAsync(console, $"dashboard-{size}");
        await console.ClickAsync("#tabs button[data-view='supervisor']");
        await Assertions.Expect(console.Locator("#ops-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(console.Locator("#accounts-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await CheckAsync(console, $"supervisor-{size}");

        var unit = await browser.NewPageAsync(Options(width, height));
        await unit.GotoAsync(new Uri(stack.OperatorUrl, "unit.html").ToString());
        await unit.FillAsync("#username", "unit-tirana");
        await unit.FillAsync("#password", ConsoleStack.UnitPassword);
        await unit.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(unit.Locator("#unit-status")).Not.ToBeEmptyAsync(new() { Timeout = 10_000 });
        await CheckAsync(unit, $"unit-{size}");

        var lead = await stack.SignInAsync(ConsoleStack.Supervisor, ConsoleStack.SupervisorPassword);
        (await lead.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }
}
