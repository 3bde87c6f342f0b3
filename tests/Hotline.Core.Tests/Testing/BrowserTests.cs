namespace Hotline.Core.Tests.Testing;

[Collection(BrowserFixture.Collection)]
public sealed class BrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Debian_chromium_renders_a_page_headless()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.SetContentAsync("<!doctype html><title>t</title><button id=b onclick=\"this.textContent='clicked'\">press</button>");
        await page.ClickAsync("#b");
        Assert.Equal("clicked", await page.TextContentAsync("#b"));
        Assert.Contains("HeadlessChrome", await page.EvaluateAsync<string>("navigator.userAgent"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_do_not_share_storage()
    {
        var first = await fixture.Browser.NewPageAsync();
        var second = await fixture.Browser.NewPhonePageAsync();
        await first.Context.AddCookiesAsync([new() { Name = "c", Value = "1", Url = "http://127.0.0.1/" }]);
        Assert.Empty(await second.Context.CookiesAsync());
        Assert.Equal(360, second.ViewportSize!.Width);
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task Axe_reports_accessibility_violations_even_under_a_strict_content_security_policy()
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.SetContentAsync(
            """
            <!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>t</title></head>
            <body><main><img src="x.png"><button></button></main></body></html>
            """);
        var violations = await Axe.RunAsync(page);
        Assert.Contains(violations, v => v.Id == "image-alt");
        Assert.Contains(violations, v => v.Id == "button-name");

        await page.SetContentAsync("<!doctype html><html lang=\"en\"><head><title>t</title></head><body><main><h1>Fine</h1></main></body></html>");
        Assert.Empty(await Axe.RunAsync(page));
        await page.Context.CloseAsync();
    }
}
