namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The operator sees beside each of their replies how far it went: sent when the person's channel has it, delivered when
/// the person's web chat page received it, read once that page showed it while visible, live, without a reload.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplyStateTests(ConsoleStack stack)
{
    /// <summary>The page's tab in the background, then in front again, as the browser tells the page (hlSetHidden).</summary>
    internal const string HiddenTab = """
        (() => {
          let hidden = false;
          Object.defineProperty(document, "visibilityState", { get: () => (hidden ? "hidden" : "visible") });
          Object.defineProperty(document, "hidden", { get: () => hidden });
          window.hlSetHidden = (value) => { hidden = value; document.dispatchEvent(new Event("visibilitychange")); };
        })();
        """;

    [Fact]
    public async Task Operator_sees_a_reply_sent_then_delivered_to_the_page_then_read_when_the_page_is_visible()
    {
        await using var browser = await Browser.LaunchAsync();
        var person = await browser.NewPhonePageAsync();
        await person.AddInitScriptAsync(HiddenTab);
        await person.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(person.Locator("#log li").First).ToContainTextAsync("Hello", new() { Timeout = 10_000 });
        await person.FillAsync("#text", "He locked me in the flat and took my passport");
        await person.ClickAsync("#send");
        var conversationId = await person.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('hl-chat')).conversationId");
        var api = await stack.SignInAsync();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, conversationId, TimeSpan.FromSeconds(20))).GetProperty("id").GetString();

        var console = await stack.OpenConsoleAsync(browser);
        await console.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await ConsoleStack.ClaimAsync(console);

        // The person's tab is in the background: the reply reaches the page (delivered) but is not read.
        await person.EvaluateAsync("hlSetHidden(true)");
        await console.FillAsync("#reply-text", "Jam këtu me ju. A jeni vetëm tani?");
        await console.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(person.Locator("#log li.bot").Last).ToContainTextAsync("A jeni vetëm tani?", new() { Timeout = 10_000 });
        var state = console.Locator("#transcript li.operator .delivery").Last;
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "delivered", new() { Timeout = 10_000 });
        await Assertions.Expect(state).ToHaveTextAsync("delivered");
        // Still delivered, not read, a moment later: nothing was shown on the person's screen.
        await console.WaitForTimeoutAsync(1500);
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "delivered");

        // The tab comes to the front: read, in the console, live.
        await person.EvaluateAsync("hlSetHidden(false)");
        await Assertions.Expect(state).ToHaveAttributeAsync("data-state", "read", new() { Timeout = 10_000 });
        await Assertions.Expect(state).ToHaveTextAsync("read");

        // The person's page is gone: the next reply reaches the hotline's web chat buffer (sent) and goes no further.
        await person.CloseAsync();
        await console.FillAsync("#reply-text", "Jeni aty?");
        await console.Keyboard.PressAsync("Control+Enter");
        var second = console.Locator("#transcript li.operator", new() { HasText = "Jeni aty?" }).Locator(".delivery");
        await Assertions.Expect(second).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = 10_000 });

        // Reopened later, the case shows each reply's state as it stands (GET /api/cases/{id}/replies).
        await console.ReloadAsync();
        await console.FillAsync("#password", ConsoleStack.DemoPassword);
        await console.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(console.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await console.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await Assertions.Expect(console.Locator("#transcript li.operator .delivery").First).ToHaveAttributeAsync("data-state", "read", new() { Timeout = 10_000 });
        await Assertions.Expect(console.Locator("#transcript li.operator .delivery").Last).ToHaveAttributeAsync("data-state", "sent");

        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }
}
