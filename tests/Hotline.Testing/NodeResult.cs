namespace Hotline.Testing;

/// <summary>What a node run printed and how it ended.</summary>
public sealed record NodeResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>This result, or an exception with what node printed when it exited non-zero.</summary>
    public NodeResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"node exited with {ExitCode}.\nstderr:\n{StdErr}\nstdout:\n{StdOut}");
}
