using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Hotline.Testing;
using StackExchange.Redis;

namespace Hotline.Bench;

/// <summary>
/// Which service sends which Redis command on which kind of key: redis-cli MONITOR while a bounded part runs, each line
/// attributed to its connection's client name (hotline-bot, hotline-triage, hotline-operator). Commands a script runs
/// are shown by MONITOR as coming from "lua" right after the EVALSHA that ran them (Redis 7; Redis 6 showed them just
/// before it), and are counted under that caller as "(in script)". Key names are folded to their pattern (ids become *);
/// no value is kept. MONITOR slows Redis down, so the figures of a traced run are for counting only.
/// </summary>
public sealed partial class RedisCommandTrace : IAsyncDisposable
{
    private readonly Process monitor;
    private readonly string file;

    private RedisCommandTrace(Process monitor, string file)
    {
        this.monitor = monitor;
        this.file = file;
    }

    public static async Task<RedisCommandTrace> StartAsync(RedisServer redis)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hotline-monitor-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("sh", ["-c", $"exec redis-cli -p {redis.Port} --user {RedisUsers.Inspector} --pass \"$HL_PASS\" --no-auth-warning monitor > '{file}'"])
        {
            UseShellExecute = false,
        };
        start.Environment["HL_PASS"] = redis.Users.Password(RedisUsers.Inspector);
        var monitor = Process.Start(start)!;
        // MONITOR answers OK first: once that is in the file, every later command is traced.
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(file) && new FileInfo(file).Length > 0) && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        return new RedisCommandTrace(monitor, file);
    }

    /// <summary>Stops tracing and prints, per service, the commands per message by command and key pattern.</summary>
    public async Task ReportAsync(RedisServer redis, int messages, TextWriter output)
    {
        await using var mux = await redis.ConnectAsync();
        var clients = (await mux.GetServer(redis.ConnectionString).ExecuteAsync("CLIENT", "LIST")).ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]))
            .Where(c => c.ContainsKey("addr"))
            .ToDictionary(c => c["addr"], c => c.TryGetValue("name", out var n) && n.Length > 0 ? n : c.GetValueOrDefault("user", "?"));
        await DisposeAsync();
        var counts = new Dictionary<(string Service, string Command), int>();
        var inScript = new List<string>();
        // Redis 7 shows a script's EVAL/EVALSHA first and the commands it runs right after it (Redis 6 showed them before):
        // a "lua" line belongs to the script line just before it, if that is the last line seen, else to the next one.
        string? script = null;
        foreach (var line in File.ReadLines(file))
        {
            var match = Line().Match(line);
            if (!match.Success) continue;
            var source = match.Groups["source"].Value;
            var command = match.Groups["command"].Value.ToUpperInvariant();
            var key = match.Groups["key"].Success ? Pattern(match.Groups["key"].Value) : "";
            var shown = key.Length > 0 && !command.StartsWith("EVAL", StringComparison.Ordinal) ? $"{command} {key}" : command;
            if (source == "lua")
            {
                if (script is not null) Count(counts, (script, "(in script) " + shown));
                else inScript.Add(shown);
                continue;
            }
            var service = clients.GetValueOrDefault(source, "closed connection");
            Count(counts, (service, shown));
            foreach (var scripted in inScript) Count(counts, (service, "(in script) " + scripted));
            inScript.Clear();
            script = command.StartsWith("EVAL", StringComparison.Ordinal) || command.StartsWith("FCALL", StringComparison.Ordinal) ? service : null;
        }
        File.Delete(file);
        foreach (var service in counts.GroupBy(c => c.Key.Service).OrderByDescending(g => g.Sum(c => c.Value)))
        {
            var own = service.Where(c => !c.Key.Command.StartsWith('(')).Sum(c => c.Value) / (double)messages;
            var scripted = service.Where(c => c.Key.Command.StartsWith('(')).Sum(c => c.Value) / (double)messages;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {service.Key}: {own:F2} commands a message sent, {scripted:F2} more run inside its scripts"));
            foreach (var c in service.OrderByDescending(c => c.Value).Where(c => c.Value / (double)messages >= 0.01))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {c.Value / (double)messages,6:F2}  {c.Key.Command}"));
            }
        }
    }

    private static void Count(Dictionary<(string, string), int> counts, (string, string) key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>A key name with its ids folded: hl:{c:abc}:conv → hl:{c:*}:conv, hl:dedupe:9f… → hl:dedupe:*.</summary>
    private static string Pattern(string key)
    {
        var folded = Tag().Replace(key, m => "{" + m.Groups[1].Value + ":*}");
        return string.Join(':', folded.Split(':').Select(s => s.Length > 14 || s.Any(char.IsDigit) ? "*" : s));
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        if (!monitor.HasExited)
        {
            monitor.Kill();
            await monitor.WaitForExitAsync();
        }
        monitor.Dispose();
    }

    [GeneratedRegex("""^\d+\.\d+ \[\d+ (?<source>[^\]]+)\] "(?<command>[^"]+)"(?: "(?<key>(?:[^"\\]|\\.)*)")?""")]
    private static partial Regex Line();

    [GeneratedRegex(@"\{([a-z]+):[^}]*\}")]
    private static partial Regex Tag();
}
