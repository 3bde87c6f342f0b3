namespace Hotline.EndToEnd.Tests;

/// <summary>The two pages as people use them, in Debian's chromium: a person writes, an operator answers.</summary>
[Collection(HotlineCollection.Name)]
public sealed class ConsoleAndWebChatPageTests(HotlineStack stack)
{
    [Fact]
    public async Task Operator_signs_in_sees_the_case_reads_the_transcript_and_the_reply_reaches_the_web_chat()
    {
        await using var browser = await Browser.LaunchAsync();
        var person = await browser.NewPageAsync();
        await person.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(person.Locator("#log li").First).ToContainTextAsync("Hello");
        const string urgent = "motra ime 15 vjec, e kane mbyllur ne nje shtepi ne Durres dhe nuk e lene te dale, tani";
        await person.FillAsync("#text", urgent);
        await person.ClickAsync("#send");
        await Assertions.Expect(person.Locator("#log li.user")).ToContainTextAsync("motra ime");

        var console = await browser.NewPageAsync();
        await console.GotoAsync(stack.OperatorUrl.ToString());
        await console.FillAsync("#username", "demo");
        await console.FillAsync("#password", HotlineStack.DemoPassword);
        await console.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(console.Locator("#console-view")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // The case arrives in the live queue; opening it shows the person's words, decrypted in this page.
        // Other conversations may be waiting too: pick this person's case, as an operator would by its details.
        var conversationId = await person.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('hl-chat')).conversationId");
        var api = await stack.SignInAsync();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, conversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString();
        var caseButton = console.Locator($"#queue button[data-case-id='{caseId}']");
        await Assertions.Expect(caseButton).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await caseButton.ClickAsync();
        await Assertions.Expect(console.Locator("#transcript")).ToContainTextAsync(urgent, new() { Timeout = 10_000 });

        await ConsoleStack.ClaimAsync(console);
        const string reply = "Faleminderit. Jeni e sigurt tani? Mund te flasim ketu.";
        await console.FillAsync("#reply-text", reply);
        await console.ClickAsync("#reply button[type=submit]");
        await Assertions.Expect(console.Locator("#transcript")).ToContainTextAsync(reply);

        await Assertions.Expect(person.Locator("#log li.bot").Last).ToContainTextAsync(reply, new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Quick_exit_leaves_for_a_neutral_site_without_a_history_entry()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        // Nothing leaves this machine: the neutral site is answered locally.
        await page.RouteAsync("https://www.google.com/**", route => route.FulfillAsync(new() { Status = 200, Body = "neutral", ContentType = "text/plain" }));
        await page.GotoAsync("about:blank");
        await page.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(page.Locator("#log li").First).ToBeVisibleAsync();
        // Waited for from before the click, to its load: a wait for "commit" begun after the page had already arrived
        // waits for a load state that is never reported again and times out.
        var left = page.WaitForURLAsync("https://www.google.com/**", new() { WaitUntil = WaitUntilState.Load });
        await page.ClickAsync("#exit");
        await left;
        // Back goes to where the person was before the chat, not to the chat.
        await page.GoBackAsync();
        Assert.Equal("about:blank", page.Url);
    }
}
