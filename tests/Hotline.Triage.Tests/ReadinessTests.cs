using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Hotline.Triage.Tests;

/// <summary>The Triage worker's GET /readyz, served beside its /metrics on HOTLINE_TRIAGE_METRICS_PORT, over real HTTP.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task The_worker_is_ready_on_its_metrics_port_once_its_stream_group_exists_and_not_ready_while_Redis_does_not_answer()
    {
        var port = FreePort.Next();
        await using var host = new HotlineHost(new HotlineHostOptions
        {
            Name = "hotline-triage-ready",
            Triage = true,
            ConsoleLogs = false,
            Settings = new Dictionary<string, string?> { [TriageMetricsOptions.PortVariable] = port.ToString(CultureInfo.InvariantCulture) },
        });
        await host.InitializeAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

        var (status, body) = await WaitForAsync(client, HttpStatusCode.OK);
        Assert.Equal((HttpStatusCode.OK, "ready"), (status, body));
        await using (var triage = await host.ConnectAsAsync("triage"))
        {
            Assert.Contains((await triage.Db.StreamGroupInfoAsync(RedisKeys.Events)), g => g.Name == "triage");
        }
        // The Prometheus listener still serves the same port.
        Assert.Contains("# TYPE", await client.GetStringAsync("/metrics"), StringComparison.Ordinal);

        host.Redis.Pause();
        try
        {
            var stalled = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stalled.StatusCode);
            Assert.Equal("application/problem+json", stalled.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await stalled.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Not ready", problem.GetProperty("title").GetString());
            Assert.Equal("Redis is not reachable.", problem.GetProperty("detail").GetString());
        }
        finally
        {
            host.Redis.Resume();
        }
        Assert.Equal((HttpStatusCode.OK, "ready"), await WaitForAsync(client, HttpStatusCode.OK));
    }

    /// <summary>Asks until the answer has this status (the worker creates its group as it starts), or 60 s pass.</summary>
    private static async Task<(HttpStatusCode, string)> WaitForAsync(HttpClient client, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var response = await client.GetAsync("/readyz");
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == wanted || DateTime.UtcNow > deadline) return (response.StatusCode, text);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // The listener is not up yet.
            }
            await Task.Delay(200);
        }
    }
}
