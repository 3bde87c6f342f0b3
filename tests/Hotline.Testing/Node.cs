using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Hotline.Testing;

/// <summary>
/// Runs node (Debian's, from PATH) with the repository root as working directory, so scripts find node_modules
/// (the official clients the tests check against: botframework-directlinejs, twilio, libsodium-wrappers-sumo, ...).
/// </summary>
public static class Node
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs a script file (absolute, or relative to the repository root); its arguments are process.argv.slice(2).</summary>
    public static Task<NodeResult> RunAsync(
        string scriptPath, IEnumerable<string>? args = null, string? stdin = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var path = Path.IsPathRooted(scriptPath) ? scriptPath : Path.Combine(RepoPaths.Root, scriptPath);
        if (!File.Exists(path)) throw new FileNotFoundException($"node script {path} not found", path);
        return RunCoreAsync([path, .. args ?? []], stdin, timeout, environment, cancellationToken);
    }

    /// <summary>
    /// Runs JavaScript given as text (CommonJS: require works from the repository root); its arguments are
    /// process.argv.slice(2), as for a file.
    /// </summary>
    public static Task<NodeResult> RunInlineAsync(
        string script, IEnumerable<string>? args = null, string? stdin = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        // `node -e` puts the first argument at argv[1]; an inserted placeholder makes argv look as for a script file.
        var code = "process.argv.splice(1, 0, '[inline]');\n" + script;
        return RunCoreAsync(["-e", code, "--", .. args ?? []], stdin, timeout, environment, cancellationToken);
    }

    internal static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, bool redirectInput)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["NODE_PATH"] = RepoPaths.NodeModules;
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return info;
    }

    internal static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed: run infra/test, which installs it (Debian packages nodejs and npm)", e);
        }
    }

    private static async Task<NodeResult> RunCoreAsync(
        string[] arguments, string? stdin, TimeSpan? timeout, IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken)
    {
        var limit = timeout ?? DefaultTimeout;
        using var process = Start(StartInfo(arguments, environment, redirectInput: true));
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(limit);
        try
        {
            if (stdin is not null)
            {
                var input = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false));
                await input.WriteAsync(stdin.AsMemory(), cancel.Token);
                await input.FlushAsync(cancel.Token);
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
            if (e is IOException && process.ExitCode != 0 && !cancel.IsCancellationRequested)
            {
                // node ended before reading all its input: report how it ended.
                return new NodeResult(process.ExitCode, await stdout, await stderr);
            }
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"node did not finish within {limit}.\nstderr:\n{await stderr}\nstdout:\n{await stdout}");
        }
        return new NodeResult(process.ExitCode, await stdout, await stderr);
    }
}
