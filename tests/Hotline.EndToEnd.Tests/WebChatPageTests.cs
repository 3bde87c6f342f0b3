namespace Hotline.EndToEnd.Tests;

/// <summary>The Bot's own web chat page on what a frightened person may have: a small, cheap phone.</summary>
[Collection(HotlineCollection.Name)]
public sealed class WebChatPageTests(HotlineStack stack)
{
    [Fact]
    public async Task On_a_small_phone_the_chat_fits_the_screen_and_quick_exit_and_send_are_within_reach()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(page.Locator("#log li").First).ToContainTextAsync("Hello");

        var width = await page.EvaluateAsync<int>("window.innerWidth");
        var height = await page.EvaluateAsync<int>("window.innerHeight");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        foreach (var selector in new[] { "#exit", "#send", "#text" })
        {
            var box = await page.Locator(selector).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box!.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height, $"{selector} is on screen");
            Assert.True(box.Height >= 40, $"{selector} is large enough to tap");
        }

        await page.FillAsync("#text", "a jeni aty?");
        await page.Locator("#send").TapAsync();
        await Assertions.Expect(page.Locator("#log li.user")).ToContainTextAsync("a jeni aty?");
        await Assertions.Expect(page.Locator("#log li.bot")).ToHaveCountAsync(2, new() { Timeout = 5000 });
    }

    [Fact]
    public async Task The_chat_page_has_no_serious_accessibility_violation_and_loads_nothing_from_elsewhere()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, r) => requested.Add(r.Url);
        await page.GotoAsync(stack.BotUrl.ToString());
        await Assertions.Expect(page.Locator("#log li").First).ToBeVisibleAsync();

        var violations = await Axe.RunAsync(page);
        Assert.DoesNotContain(violations, v => v.Impact is "serious" or "critical");
        Assert.All(requested, url => Assert.StartsWith(stack.BotUrl.ToString(), url));
    }
}
