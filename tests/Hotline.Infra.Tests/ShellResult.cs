namespace Hotline.Infra.Tests;

/// <summary>What a command printed and how it ended.</summary>
public sealed record ShellResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}; stdout: {Output.Trim()}; stderr: {Error.Trim()}";
}
