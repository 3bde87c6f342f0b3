using System.Text.RegularExpressions;

namespace Hotline.EndToEnd.Tests;

/// <summary>A case code given in another chat waits in the console for the holder, who confirms or refuses the move there.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class CaseMoveConsoleTests(ConsoleStack stack)
{
    [Fact]
    public async Task The_holder_sees_a_move_waiting_in_the_console_and_confirms_it_with_one_button()
    {
        var api = await stack.SignInAsync();
        using var first = await stack.StartWebChatAsync();
        (await first.SayAsync("he beats me and took my phone, I am scared now")).EnsureSuccessStatusCode();
        var answer = await first.WaitForBotMessageAsync(t => CodePattern().IsMatch(t), TimeSpan.FromSeconds(15));
        var code = CodePattern().Match(answer.GetProperty("text").GetString()!).Value;
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(api, first.ConversationId, TimeSpan.FromSeconds(15))).GetProperty("id").GetString()!;

        using var second = await stack.StartWebChatAsync();
        (await second.SayAsync(code)).EnsureSuccessStatusCode();
        await second.WaitForBotMessageAsync(t => t.Contains("check that it is you", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        await using var browser = await Browser.LaunchAsync();
        var page = await stack.OpenConsoleAsync(browser);
        await page.Locator($"#queue button[data-case-id='{caseId}']").ClickAsync(new() { Timeout = 30_000 });
        await page.ClickAsync("#claim");
        var panel = page.Locator("#move-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#move-status")).ToContainTextAsync("Web", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#move-confirm")).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await page.ClickAsync("#move-confirm");

        // The Bot carries it out: the new chat hears that it continues the earlier conversation, and the request is gone.
        await second.WaitForBotMessageAsync(t => t.Contains("earlier conversation", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        await ConsoleStack.WaitForDetailAsync(api, caseId, d => !d.TryGetProperty("move", out var move) || move.ValueKind == JsonValueKind.Null, TimeSpan.FromSeconds(15));
        await Assertions.Expect(panel).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }

    [GeneratedRegex("[a-z]+-[a-z]+-[0-9]{3}-[0-9]{3}-[0-9]{3}")]
    private static partial Regex CodePattern();
}
