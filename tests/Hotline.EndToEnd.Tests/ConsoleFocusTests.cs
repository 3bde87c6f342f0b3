namespace Hotline.EndToEnd.Tests;

/// <summary>
/// A keyboard-only operator keeps their place while the console redraws around them: a new case arriving redraws the
/// queue, the person writing again redraws the case. Focus stays where it was, and what was chosen but not saved stays.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleFocusTests(ConsoleStack stack)
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } };

    private const string FocusedElement = "() => { const e = document.activeElement; return e ? (e.id || e.dataset.caseId || e.tagName) : null; }";

    /// <summary>Another person writes, and the page shows their case: its queue has been drawn again.</summary>
    private async Task<WebChatVisitor> ANewCaseArrivesAsync(HttpClient api, IPage page)
    {
        var (visitor, caseId) = await stack.OpenCaseAsync("burri po me rreh tani, ka thike ne dore, ndihme", api);
        try
        {
            await Assertions.Expect(page.Locator($"#queue button[data-case-id='{caseId}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            return visitor;
        }
        catch
        {
            visitor.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task A_queue_row_with_the_focus_keeps_it_when_a_new_case_arrives()
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();
        var (first, firstId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = first;
        var page = await stack.OpenConsoleAsync(browser, Desktop, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        var row = page.Locator($"#queue button[data-case-id='{firstId}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // Option+J down the queue until this test's case is open, its row focused, as a keyboard-only operator does.
        for (var i = 0; i < 50 && await page.Locator("#case-id").TextContentAsync() != firstId; i++)
        {
            var before = await page.Locator("#case-id").TextContentAsync();
            await page.Keyboard.PressAsync("Alt+KeyJ");
            await page.WaitForFunctionAsync("before => document.getElementById('case-id').textContent !== before", before, new() { Timeout = 15_000 });
        }
        await Assertions.Expect(page.Locator("#case-id")).ToHaveTextAsync(firstId);
        await Assertions.Expect(row).ToBeFocusedAsync();

        // Another person writes: the queue is drawn again with their case in it.
        using var __ = await ANewCaseArrivesAsync(api, page);

        // Read once, at the moment the new row is there: the same case's row has the focus, not the page.
        Assert.Equal(firstId, await page.EvaluateAsync<string?>(FocusedElement));
        // And the keys go on from there: Option+J moves to the row below it, not to the top of the queue.
        var rows = await page.Locator("#queue button[data-case-id]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.caseId)");
        var below = rows[Math.Min(rows.Length - 1, Array.IndexOf(rows, firstId) + 1)];
        await page.Keyboard.PressAsync("Alt+KeyJ");
        await Assertions.Expect(page.Locator("#case-id")).ToHaveTextAsync(below, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator($"#queue button[data-case-id='{below}']")).ToBeFocusedAsync();
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_new_case_does_not_take_the_focus_from_the_reply_being_written()
    {
        await using var browser = await Browser.LaunchAsync();
        var api = await stack.SignInAsync();
        var (first, firstId) = await stack.OpenCaseAsync("He locked me in the flat and took my passport", api);
        using var _ = first;
        var page = await stack.OpenConsoleAsync(browser, Desktop, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
        await ConsoleStack.OpenFromQueueAsync(page, firstId, "took my passport");
        await page.Keyboard.PressAsync("Alt+KeyR");
        await page.Keyboard.TypeAsync("I am reading what you wrote");
        Assert.Equal("reply-text", await page.EvaluateAsync<string?>(FocusedElement));

        using var __ = await ANewCaseArrivesAsync(api, page);

        Assert.Equal("reply-text", await page.EvaluateAsync<string?>(FocusedElement));
        await page.Keyboard.TypeAsync(", and I am here.");
        await Assertions.Expect(page.Locator("#reply-text")).ToHaveValueAsync("I am reading what you wrote, and I am here.");
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task A_record_being_filled_in_keeps_its_choices_and_focus_when_the_person_writes_again()
    {
        await using var browser = await Browser.LaunchAsync();
        var (visitor, caseId, page) = await stack.ClaimInConsoleAsync(browser, "He locked me in the flat and took my passport");
        using var _ = visitor;
        try
        {
            await page.ClickAsync("#record-title");
            var outcome = await page.Locator("#record-outcome option").Nth(1).GetAttributeAsync("value");
            await page.SelectOptionAsync("#record-outcome", outcome!);
            var box = page.Locator("#record-referrals input[type=checkbox]").First;
            await Assertions.Expect(box).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var boxId = await box.GetAttributeAsync("id");
            await box.CheckAsync();
            await box.FocusAsync();
            // Marks the elements drawn now, so the test sees when the case view has drawn the referrals again.
            await page.EvalOnSelectorAllAsync("#record-referrals input", "bs => bs.forEach(b => b.dataset.drawnBefore = '1')");

            (await visitor.SayAsync("are you still there? he is coming back")).EnsureSuccessStatusCode();
            await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync("he is coming back", new() { Timeout = 15_000 });
            await page.WaitForFunctionAsync(
                "() => document.querySelector('#record-referrals input') && !document.querySelector('#record-referrals input[data-drawn-before]')",
                null, new() { Timeout = 15_000 });

            Assert.Equal(boxId, await page.EvaluateAsync<string?>(FocusedElement));
            Assert.True(await page.Locator($"#{boxId}").IsCheckedAsync(), "the referral ticked but not saved is still ticked");
            Assert.Equal(outcome, await page.Locator("#record-outcome").InputValueAsync());
            browser.AssertNoPageErrors();
        }
        finally
        {
            await page.Keyboard.PressAsync("Alt+KeyL");
            await Assertions.Expect(page.Locator("#release")).ToBeDisabledAsync(new() { Timeout = 15_000 });
        }
    }
}
