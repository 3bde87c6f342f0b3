namespace Hotline.Core.Tests.Testing;

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
