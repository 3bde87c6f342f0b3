namespace Hotline.Triage.Cli;

public static class ScreeningCommands
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "screen" or "evaluate";

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) => Task.FromResult(2);
}
