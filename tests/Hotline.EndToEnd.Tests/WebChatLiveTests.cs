namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The light web chat and the console live both ways: the page listens on the Direct Line WebSocket stream, each side
/// sees the other typing, and the person's messages show their time and go from sent to delivered to read.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class WebChatLiveTests(ConsoleStack stack)
{
    [Fact]
    public async Task Person_and_operator_see_each_other_typing_and_the_persons_message_goes_sent_delivered_read()
    {
        await using var browser = await Browser.LaunchAsync();
        var person = await browser.NewPhonePageAsync();
        var streams = new List<string>();
        person.WebSocket += (_, ws) => streams.Add(ws.Url);
        await person.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(person.Locator("#log li").First).ToContainTextAsync("Hello");
        await person.FillAsync("#text", "He locked me in the flat and took my passport");
        await person.ClickAsync("#send");
        var mine = person.Locator("#log li.user").First;
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-state", "delivered", new() { Timeout = 10_000 });
        await Assertions.Expect(mine.Locator("time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\d:\d\d$"));
        Assert.Contains(streams, url => url.Contains("/stream", StringComparison.Ordinal));

        var conversationId = await person.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('hl-chat')).conversationId");
        var api = await stack.SignInAsync();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, conversationId, TimeSpan.FromSeconds(10))).GetProperty("id").GetString();
        var console = await stack.OpenConsoleAsync(browser);
        await console.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await ConsoleStack.ClaimAsync(console);

        // The person types: the console shows it.
        await person.Locator("#text").PressSequentiallyAsync("a jeni");
        await Assertions.Expect(console.Locator("#typing")).ToHaveTextAsync("The person is typing…", new() { Timeout = 10_000 });
        // The operator types: the web chat shows it, over the stream.
        await console.Locator("#reply-text").PressSequentiallyAsync("Jam");
        await Assertions.Expect(person.Locator("#typing")).ToContainTextAsync("The counsellor is typing", new() { Timeout = 10_000 });
        await console.FillAsync("#reply-text", "Jam këtu me ju.");
        await console.ClickAsync("#reply button[type=submit]");
        await Assertions.Expect(person.Locator("#log li.bot").Last).ToContainTextAsync("Jam këtu me ju.", new() { Timeout = 10_000 });
        // A counsellor answered after it: the person's message was read.
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-state", "read");
        await Assertions.Expect(mine.Locator(".state")).ToContainTextAsync("Read");
        await Axe.AssertNoSeriousAsync(person, "web chat with messages");
        if (Environment.GetEnvironmentVariable("HOTLINE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await person.ScreenshotAsync(new() { Path = Path.Combine(folder, "webchat-360x640.png") });
            await console.ScreenshotAsync(new() { Path = Path.Combine(folder, "console-with-webchat.png") });
        }

        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Without_the_stream_the_page_polls_and_still_shows_the_counsellor_and_its_messages_states()
    {
        await using var browser = await Browser.LaunchAsync();
        var person = await browser.NewPhonePageAsync();
        // A network that will not carry WebSockets (a proxy, a captive portal): every stream the page opens is closed at once.
        var refused = 0;
        await person.RouteWebSocketAsync(url => url.Contains("/stream", StringComparison.Ordinal), ws =>
        {
            Interlocked.Increment(ref refused);
            _ = ws.CloseAsync();
        });
        var polls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        person.Request += (_, r) => { if (r.Method == "GET" && r.Url.Contains("/activities?watermark=", StringComparison.Ordinal)) polls.Enqueue(r.Url); };
        await person.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(person.Locator("#log li").First).ToContainTextAsync("Hello", new() { Timeout = 10_000 });
        await person.FillAsync("#text", "He locked me in the flat and took my passport");
        await person.ClickAsync("#send");
        var mine = person.Locator("#log li.user").First;
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-state", "delivered", new() { Timeout = 15_000 });

        var conversationId = await person.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('hl-chat')).conversationId");
        var api = await stack.SignInAsync();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, conversationId, TimeSpan.FromSeconds(20))).GetProperty("id").GetString();
        (await api.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "Jam këtu me ju, edhe pa lidhjen e shpejtë." })).EnsureSuccessStatusCode();

        await Assertions.Expect(person.Locator("#log li.bot").Last).ToContainTextAsync("edhe pa lidhjen e shpejtë", new() { Timeout = 15_000 });
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-state", "read", new() { Timeout = 10_000 });
        Assert.True(Volatile.Read(ref refused) >= 1, "the page tried the stream first");
        Assert.NotEmpty(polls);
        (await api.PostAsync($"/api/cases/{caseId}/release", null)).EnsureSuccessStatusCode();
        browser.AssertNoPageErrors();
    }
}
