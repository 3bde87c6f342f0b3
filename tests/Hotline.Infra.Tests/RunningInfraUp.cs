using System.Diagnostics;
using System.Text;

namespace Hotline.Infra.Tests;

/// <summary>infra/up started as a person starts it, its output kept; stopped with SIGTERM (as Ctrl-C stops it) when disposed.</summary>
public sealed class RunningInfraUp : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public RunningInfraUp(IEnumerable<string> args, IReadOnlyDictionary<string, string> env)
    {
        var start = new ProcessStartInfo(RepoPaths.Combine("infra", "up")) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in env) start.Environment[name] = value;
        process = Process.Start(start) ?? throw new InvalidOperationException("infra/up did not start");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything infra/up printed so far, both streams.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Until infra/up says the hotline is running; fails the test, with what it printed, if it ends or takes too long.</summary>
    public async Task WaitUntilRunningAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Output.Contains("Hotline is running", StringComparison.Ordinal))
        {
            Assert.False(process.HasExited, $"infra/up ended before the hotline ran:\n{Output}");
            Assert.True(DateTime.UtcNow < until, $"infra/up did not say the hotline runs within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM, as Ctrl-C or a service manager stops it; its exit status, or null if it did not end within a minute.</summary>
    public int? Stop()
    {
        if (!process.HasExited) Shell.Run("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return process.WaitForExit(TimeSpan.FromMinutes(1)) ? process.ExitCode : null;
    }

    public void Dispose()
    {
        if (Stop() is null) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
