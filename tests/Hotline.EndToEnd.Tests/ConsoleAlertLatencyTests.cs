using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Time from an urgent inbound message (posted to the Bot's Direct Line endpoint) to the alert shown in an open console
/// (the page's own clock when the alert reached it), under 100 inbound background messages per second on loopback.
/// Run: HOTLINE_MEASURE=1 dotnet test tests/Hotline.EndToEnd.Tests --filter FullyQualifiedName~ConsoleAlertLatencyTests
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleAlertLatencyTests(ConsoleStack stack, ITestOutputHelper output)
{
    private const int Samples = 100;
    private const int BackgroundPerSecond = 100;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(120);

    [MeasurementFact]
    public async Task Urgent_message_to_console_alert_under_background_load()
    {
        await using var browser = await Browser.LaunchAsync();
        var console = await stack.OpenConsoleAsync(browser);

        var background = new List<WebChatVisitor>();
        for (var i = 0; i < 20; i++) background.Add(await stack.StartWebChatAsync());
        var urgent = new List<WebChatVisitor>();
        for (var i = 0; i < Samples; i++) urgent.Add(await stack.StartWebChatAsync());

        using var stop = new CancellationTokenSource(MaxDuration);
        var sent = 0;
        var failed = 0;
        var load = Task.Run(async () =>
        {
            // Paced at 100 a second by a schedule, not by completions: a slow server does not slow the load down.
            var clock = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(200);
            var inFlight = new List<Task>();
            string[] texts = ["Hello, I would like some information about your services", "pershendetje, kam nje pyetje per ju", "ok thank you", "faleminderit"];
            for (var n = 0; !stop.IsCancellationRequested && n < BackgroundPerSecond * (int)MaxDuration.TotalSeconds; n++)
            {
                var due = TimeSpan.FromSeconds((double)n / BackgroundPerSecond);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, CancellationToken.None);
                await gate.WaitAsync(CancellationToken.None);
                var visitor = background[n % background.Count];
                var text = texts[n % texts.Length];
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        var r = await visitor.SayAsync(text);
                        if (r.IsSuccessStatusCode) Interlocked.Increment(ref sent); else Interlocked.Increment(ref failed);
                    }
                    catch (HttpRequestException) { Interlocked.Increment(ref failed); }
                    finally { gate.Release(); }
                }));
            }
            await Task.WhenAll(inFlight);
            return clock.Elapsed;
        });

        await Task.Delay(2000); // let the load reach its pace
        var latencies = new List<double>();
        foreach (var visitor in urgent)
        {
            if (stop.IsCancellationRequested) break;
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            (await visitor.SayAsync("burri po me rreh tani, ka thike ne dore, ndihme")).EnsureSuccessStatusCode();
            await console.WaitForFunctionAsync("id => window.hlAlertLog.some(a => a.conversationId === id)", visitor.ConversationId,
                new PageWaitForFunctionOptions { Timeout = 15_000, PollingInterval = 5 });
            var at = await console.EvaluateAsync<double>("id => window.hlAlertLog.find(a => a.conversationId === id).at", visitor.ConversationId);
            latencies.Add(at - before);
            await Task.Delay(150);
        }
        stop.Cancel();
        var loadTime = await load;
        foreach (var v in background.Concat(urgent)) v.Dispose();

        latencies.Sort();
        double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"urgent message -> console alert, {latencies.Count} samples, background {sent} messages in {loadTime.TotalSeconds:F1} s ({sent / loadTime.TotalSeconds:F0}/s, {failed} failed): median {P(0.5):F0} ms, p99 {P(0.99):F0} ms, max {latencies[^1]:F0} ms, min {latencies[0]:F0} ms");
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.Equal(Samples, latencies.Count);
        Assert.True(P(0.99) < 5000, line);
    }
}
