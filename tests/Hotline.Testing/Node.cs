using System.Diagnostics;
using System.Threading.Channels;

namespace Hotline.Testing;

/// <summary>The repository's folders, found from the test's own location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeModules => Path.Combine(Root, "node_modules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Hotline.sln not found above the test's folder");
    }
}

/// <summary>A node process run from the repository root (so it finds node_modules), read line by line as it writes.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly List<string> errors = [];

    private NodeProcess(Process process)
    {
        this.process = process;
    }

    public IReadOnlyList<string> Errors => errors;

    public static NodeProcess Start(string script, params string[] args)
    {
        if (!Directory.Exists(RepoPaths.NodeModules)) throw new InvalidOperationException("node_modules is missing: run infra/test, which runs npm ci");
        var info = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is null) node.lines.Writer.TryComplete(); else node.lines.Writer.TryWrite(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (node.errors) node.errors.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The next line the script prints, or null when it has ended.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await lines.Reader.WaitToReadAsync(cancel.Token) && lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"node printed nothing for {timeout}; stderr: {string.Join('\n', errors)}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
