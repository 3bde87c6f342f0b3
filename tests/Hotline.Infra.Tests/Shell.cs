using System.Diagnostics;

namespace Hotline.Infra.Tests;

/// <summary>Runs commands as this process's user or, through setpriv, as another Unix user, the way infra/up starts services.</summary>
public static class Shell
{
    /// <summary>True when this process runs as root (the effective user's name, as the C library resolves it).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>, the environment plus <paramref name="env"/>; fails the test after 2 minutes.</summary>
    public static ShellResult Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in env ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not end within 2 minutes");
        }
        return new ShellResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs a command as <paramref name="user"/> (with that user's groups), as infra/up runs a service.</summary>
    public static ShellResult RunAs(string user, params string[] command) =>
        Run("setpriv", [$"--reuid={user}", $"--regid={user}", "--init-groups", "--no-new-privs", .. command]);

    /// <summary>The owner's name and the permission bits in octal, e.g. "hotline-bot 600".</summary>
    public static string OwnerAndMode(string path)
    {
        var result = Run("stat", ["-c", "%U %a", path]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Trim();
    }
}
