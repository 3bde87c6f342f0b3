using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Channels;

namespace Hotline.Testing;

/// <summary>A long-running node process (a script that holds a conversation, say), read line by line as it prints.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly List<string> errors = [];

    private NodeProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>What it printed on stderr so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (errors) return errors.ToArray(); }
    }

    /// <summary>Starts a script file (absolute, or relative to the repository root) with these arguments.</summary>
    public static NodeProcess Start(string script, params string[] args)
    {
        if (!Directory.Exists(RepoPaths.NodeModules)) throw new InvalidOperationException("node_modules is missing: run infra/test, which runs npm ci");
        var path = Path.IsPathRooted(script) ? script : Path.Combine(RepoPaths.Root, script);
        var process = Node.Start(Node.StartInfo([path, .. args], null, redirectInput: false));
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
            throw new TimeoutException($"node printed nothing for {timeout}; stderr: {string.Join('\n', Errors)}");
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
