namespace Hotline.Core.Tests.Testing;

public sealed class RepoPathsTests
{
    [Fact]
    public void Root_is_the_folder_holding_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "Hotline.sln")));
        Assert.Equal(Path.Combine(RepoPaths.Root, "node_modules"), RepoPaths.NodeModules);
    }

    [Fact]
    public void FreePort_gives_a_port_nobody_listens_on()
    {
        var port = FreePort.Next();
        Assert.InRange(port, 1024, 65535);
        Assert.False(FreePort.IsListening(port));
    }
}

public sealed class NodeTests
{
    [Fact]
    public async Task Runs_inline_script_with_arguments_and_standard_input_from_the_repository_root()
    {
        var result = await Node.RunInlineAsync(
            """
            let input = '';
            process.stdin.on('data', d => input += d);
            process.stdin.on('end', () => {
              console.log(JSON.stringify({ args: process.argv.slice(2), input, cwd: process.cwd() }));
              console.error('to stderr');
            });
            """,
            ["one", "two words"], stdin: "hëllo\n");

        result.EnsureSuccess();
        Assert.Equal($"{{\"args\":[\"one\",\"two words\"],\"input\":\"hëllo\\n\",\"cwd\":\"{RepoPaths.Root}\"}}", result.StdOut.Trim());
        Assert.Equal("to stderr", result.StdErr.Trim());
    }

    [Fact]
    public async Task Runs_a_script_file_and_reports_its_exit_code()
    {
        var script = Path.Combine(Path.GetTempPath(), $"hotline-node-{Guid.NewGuid():N}.cjs");
        await File.WriteAllTextAsync(script, "console.log(process.argv.slice(2).join('+')); process.exit(3);");
        try
        {
            var result = await Node.RunAsync(script, ["a", "b"]);
            Assert.Equal(3, result.ExitCode);
            Assert.Equal("a+b", result.StdOut.Trim());
            Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task A_script_that_runs_too_long_is_killed_with_a_timeout()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => Node.RunInlineAsync("setInterval(() => {}, 1000);", timeout: TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Finds_the_npm_packages_the_tests_check_against()
    {
        Assert.True(Directory.Exists(RepoPaths.NodeModules), "node_modules: run infra/test (npm ci)");
        var result = await Node.RunInlineAsync(
            """
            const sodium = require('libsodium-wrappers-sumo');
            sodium.ready.then(() => console.log(sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES));
            """);
        Assert.Equal("32", result.EnsureSuccess().StdOut.Trim());
    }
}

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
