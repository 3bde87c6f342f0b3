namespace Hotline.EndToEnd.Tests;

/// <summary>
/// An open console as people write at the same moment: the relay sends the cases' rows several at once, and the console
/// lists each case and announces each urgent one once, as it does a case at a time.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLiveRowsTests(ConsoleStack stack)
{
    /// <summary>
    /// <c>openedBeforeSeveralRows</c>: the console runs the page as it was before "casesChanged" (a console left open across
    /// a deploy, reconnected to the new server): it does not ask for several rows a message and takes only "caseChanged".
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task People_writing_at_the_same_moment_are_each_listed_in_an_open_console_and_each_urgent_one_announced_once(bool openedBeforeSeveralRows)
    {
        await using var browser = await Browser.LaunchAsync();
        var console = await ConsoleStack.OpenConsoleAsync(browser, stack.OperatorUrl, "demo", ConsoleStack.DemoPassword,
            prepare: openedBeforeSeveralRows ? AsBeforeSeveralRowsAsync : null);
        var api = await stack.SignInAsync();
        var urgent = new List<WebChatVisitor>();
        var mild = new List<WebChatVisitor>();
        for (var i = 0; i < 4; i++)
        {
            urgent.Add(await stack.StartWebChatAsync());
            mild.Add(await stack.StartWebChatAsync());
        }
        try
        {
            await Task.WhenAll(
                urgent.Select(v => v.SayAsync("burri po me rreh tani, ka thike ne dore, ndihme"))
                    .Concat(mild.Select(v => v.SayAsync("I just wanted to ask something about my flat")))
                    .Select(async sent => (await sent).EnsureSuccessStatusCode()));

            foreach (var visitor in urgent.Concat(mild))
            {
                var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;
                await Assertions.Expect(console.Locator($"#queue button[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
            }
            foreach (var visitor in urgent)
            {
                await console.WaitForFunctionAsync("id => window.hlAlertLog.some(a => a.conversationId === id && a.kind === 'new')", visitor.ConversationId,
                    new PageWaitForFunctionOptions { Timeout = 10_000 });
            }
            // Later rows of the same cases (their offers, timelines) rename the alerts; none announces a case again.
            await Task.Delay(500);
            var announced = await console.EvaluateAsync<string[]>("() => window.hlAlertLog.filter(a => a.kind === 'new').map(a => a.conversationId)");
            foreach (var visitor in urgent) Assert.Single(announced, id => id == visitor.ConversationId);
            foreach (var visitor in mild) Assert.DoesNotContain(visitor.ConversationId, announced);
        }
        finally
        {
            foreach (var visitor in urgent.Concat(mild)) visitor.Dispose();
        }
    }

    /// <summary>The page's live.js as it was before "casesChanged": the hub's address without "rows=several", no such handler.</summary>
    private static Task AsBeforeSeveralRowsAsync(IPage page) =>
        page.RouteAsync("**/console/live.js*", async route =>
        {
            var response = await route.FetchAsync();
            var script = await response.TextAsync();
            var old = script.Replace("/hubs/console?rows=several", "/hubs/console", StringComparison.Ordinal)
                .Replace("hub.on(\"casesChanged\", casesChanged);", "", StringComparison.Ordinal);
            Assert.Contains("/hubs/console?rows=several", script, StringComparison.Ordinal);
            Assert.DoesNotContain("hub.on(\"casesChanged\"", old, StringComparison.Ordinal);
            await route.FulfillAsync(new() { Response = response, Body = old });
        });
}
