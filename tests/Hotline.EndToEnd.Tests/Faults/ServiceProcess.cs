using System.Diagnostics;

namespace Hotline.EndToEnd.Tests.Faults;

/// <summary>
/// One of the hotline's services as a real process (`dotnet Hotline.X.dll`, as infra/up runs it), so that a test can
/// kill it with SIGKILL mid-request and start it again; its output is kept for the failure message.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly string dll;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly Queue<string> output = new();
    private Process? process;

    public ServiceProcess(string project, IReadOnlyDictionary<string, string> environment)
    {
        dll = Path.Combine(RepoPaths.Root, "src", project, "bin", "Release", "net10.0", $"Hotline.{project}.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution (Release) first");
        this.environment = environment;
        Name = project;
    }

    public string Name { get; }

    public int Id => process?.Id ?? 0;

    public string RecentOutput
    {
        get
        {
            lock (output) return string.Join('\n', output.TakeLast(40));
        }
    }

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        process = Process.Start(info) ?? throw new InvalidOperationException($"dotnet {dll} did not start");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: the process gets no chance to finish a request, flush or acknowledge anything.</summary>
    public void Kill9()
    {
        if (process is null) return;
        process.Kill();
        process.WaitForExit(10_000);
        process.Dispose();
        process = null;
    }

    /// <summary>Waits until GET <paramref name="url"/>/healthz answers 200.</summary>
    public async Task WaitHealthyAsync(Uri url, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process is { HasExited: true }) throw new InvalidOperationException($"{Name} exited: {RecentOutput}");
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} did not answer /healthz within {timeout}: {RecentOutput}");
    }

    public void Dispose() => Kill9();

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > 400) output.Dequeue();
        }
    }
}
