using System.Diagnostics;
using System.Globalization;
using Hotline.Testing;

namespace Hotline.Bench;

/// <summary>
/// One of the hotline's services as infra/up runs it: its own `dotnet Hotline.X.dll` process with its own Redis user,
/// so its CPU time can be read from /proc apart from the load generator's.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo start;
    private Process process;

    private ServiceProcess(string name, ProcessStartInfo start, Uri? url, Uri metrics)
    {
        Name = name;
        this.start = start;
        process = Launch(start, name);
        Url = url;
        Metrics = metrics;
    }

    public string Name { get; }

    /// <summary>Where it listens (null for the Triage worker, which serves nothing here).</summary>
    public Uri? Url { get; }

    /// <summary>Its GET /metrics (Prometheus text): the Triage worker's on HOTLINE_TRIAGE_METRICS_PORT.</summary>
    public Uri Metrics { get; }

    /// <summary>Starts Hotline.{project} from its Release build with these settings as environment variables.</summary>
    /// <param name="environment">Runtime settings for the service (DOTNET_TieredPGO=0 …), after the bench's own.</param>
    public static ServiceProcess Start(string project, string redisUser, IReadOnlyDictionary<string, string?> settings, bool listens,
        IReadOnlyList<KeyValuePair<string, string>> environment)
    {
        var dll = RepoPaths.Combine("src", project, "bin", "Release", "net10.0", $"Hotline.{project}.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the solution first (dotnet build Hotline.sln -c Release): {dll} is missing");
        var start = new ProcessStartInfo("dotnet", [dll]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in settings) start.Environment[name] = value;
        start.Environment["HOTLINE_REDIS_USER"] = redisUser;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        Uri? url = null;
        Uri metrics;
        if (listens)
        {
            url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
            metrics = new Uri(url, "/metrics");
        }
        else
        {
            var port = FreePort.Next();
            start.Environment["HOTLINE_TRIAGE_METRICS_PORT"] = port.ToString(CultureInfo.InvariantCulture);
            metrics = new Uri($"http://127.0.0.1:{port}/metrics");
        }
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new ServiceProcess(project, start, url, metrics);
    }

    private static Process Launch(ProcessStartInfo start, string project)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start");
        // Drained, so a chatty service never blocks on a full pipe; warnings are shown, they may explain a figure.
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"[{project}] {line}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"[{project}] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>kill -9, as the fault tests do, then the same process started again on the same port with the same settings.</summary>
    public async Task KillAndRestartAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        process = Launch(start, Name);
    }

    /// <summary>
    /// The sum over every label set of each metric on its GET /metrics, by name (Prometheus text); empty when the
    /// scrape fails.
    /// </summary>
    public async Task<Dictionary<string, double>> ScrapeAsync(HttpClient http)
    {
        var sums = new Dictionary<string, double>();
        string text;
        try
        {
            text = await http.GetStringAsync(Metrics);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return sums;
        }
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var close = line.LastIndexOf('}');
            var name = line[..(line.IndexOfAny(['{', ' ']) is var end and > 0 ? end : line.Length)];
            var values = line[((close > 0 ? close : name.Length) + 1)..].Trim().Split(' ');
            if (double.TryParse(values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                sums[name] = sums.GetValueOrDefault(name) + value;
        }
        return sums;
    }

    /// <summary>Waits until GET /readyz answers 200 (Redis reachable, stream groups made).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        if (Url is null) return;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Name} exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync(new Uri(Url, "/readyz"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    /// <summary>User plus system CPU time of the process so far (utime and stime of /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    public TimeSpan Cpu()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM: the host stops gracefully (its stream workers hand back what they hold).
            Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        }
        process.Dispose();
    }
}
