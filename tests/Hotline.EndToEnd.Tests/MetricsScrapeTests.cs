using System.Globalization;
using System.Text.RegularExpressions;
using Hotline.Core.Storage;

namespace Hotline.EndToEnd.Tests;

/// <summary>What Prometheus would scrape from each service, over real HTTP, after one person wrote and an operator claimed.</summary>
/// <remarks>
/// Runs on its own: the Operator's in-process meter listener also hears other test hosts' claims, and a host disposed
/// meanwhile takes its figures out of the scrape, so beside other collections the claim count could fall by one as this
/// test's claim raised it.
/// </remarks>
[Collection(MetricsCollection.Name)]
public sealed class MetricsScrapeTests
{
    [Fact]
    public async Task Each_service_serves_its_own_figures_on_metrics_after_traffic_and_none_holds_a_word_or_id()
    {
        const string secret = "Gjergj Kelmendi më kërcënon me thikë tani te Pallati Blu, ndihmë";
        var triagePort = FreePort.Next();
        // The Bot and the Operator service in this test process; the Triage worker as its own process, as deployed, so
        // its listener shows its own figures only (an in-process meter listener also hears other test hosts' meters).
        await using var host = new HotlineHost(new HotlineHostOptions
        {
            Name = "hotline-metrics",
            Bot = true,
            Operator = true,
            ConsoleLogs = false,
            DemoPassword = HotlineStack.DemoPassword,
        });
        await host.InitializeAsync();
        var environment = host.Settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["HOTLINE_TRIAGE_METRICS_PORT"] = triagePort.ToString(CultureInfo.InvariantCulture);
        environment["HOTLINE_ROUTING__MetricsSampleSeconds"] = "1";
        using var worker = new Faults.ServiceProcess("Triage", environment);
        worker.Start();
        using var triage = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{triagePort}"), Timeout = TimeSpan.FromSeconds(30) };
        await using (var admin = await host.ConnectAsAsync("operator"))
        {
            var started = DateTime.UtcNow.AddSeconds(120);
            while (!(await admin.Db.KeyExistsAsync(RedisKeys.Events) && (await admin.Db.StreamGroupInfoAsync(RedisKeys.Events)).Any(g => g.Name == "triage")))
            {
                Assert.True(DateTime.UtcNow < started, "The Triage worker did not create its consumer group: " + worker.RecentOutput);
                await Task.Delay(250);
            }
        }
        var claimsBefore = Value(await host.Anonymous.GetStringAsync("/metrics"), "hotline_cases_claim_wait_seconds_count") ?? 0;

        using var visitor = await host.StartWebChatAsync();
        (await visitor.SayAsync(secret)).EnsureSuccessStatusCode();

        // The Triage worker opens the case and then samples the queue: wait for both on its own listener.
        var triageScrape = "";
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !(Value(triageScrape, "hotline_cases_opened_total", "severity=") >= 1 && Value(triageScrape, "hotline_queue_depth") >= 1))
        {
            await Task.Delay(250);
            try
            {
                triageScrape = await triage.GetStringAsync("/metrics");
            }
            catch (HttpRequestException)
            {
                // The worker's listener is not up yet.
            }
        }
        Assert.True(Value(triageScrape, "hotline_cases_opened_total", "severity=") == 1, worker.RecentOutput + triageScrape);
        Assert.True(Value(triageScrape, "hotline_queue_depth") >= 1, triageScrape);

        var botScrape = await host.Bot.GetStringAsync("/metrics");
        Assert.True(Value(botScrape, "hotline_screening_duration_milliseconds_count", "severity=") >= 1, botScrape);

        await using var redis = await host.ConnectAsAsync("operator");
        var caseId = (string)(await redis.Db.HashGetAsync(RedisKeys.Conversation(visitor.ConversationId), "caseId"))!;
        using var demo = await host.SignInAsync("demo", HotlineStack.DemoPassword);
        (await demo.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        var operatorScrape = "";
        deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(Value(operatorScrape, "hotline_cases_claim_wait_seconds_count", "severity=") > claimsBefore))
        {
            await Task.Delay(250);
            operatorScrape = await host.Anonymous.GetStringAsync("/metrics");
        }
        // Other test hosts in this process may claim too: this claim adds at least one.
        Assert.True(Value(operatorScrape, "hotline_cases_claim_wait_seconds_count", "severity=") > claimsBefore, operatorScrape);

        // The Redis commands each service's client wrote (a count, observed once its connection exists).
        foreach (var scrape in new[] { triageScrape, botScrape, operatorScrape })
        {
            Assert.True(Value(scrape, "hotline_redis_commands_sent_total") > 0, scrape);
        }

        var forbidden = secret.Split(' ', ',').Where(w => w.Length > 3).Append(visitor.ConversationId).Append(caseId).ToList();
        foreach (var scrape in new[] { triageScrape, botScrape, operatorScrape })
        {
            Assert.DoesNotContain(forbidden, f => scrape.Contains(f, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/>, or null when there is none.</summary>
    private static double? Value(string scrape, string metric, string label = "")
    {
        var values = scrape.Split('\n')
            .Select(line => Regex.Match(line, "^" + Regex.Escape(metric) + @"(\{[^}]*\})? ([0-9.eE+-]+)"))
            .Where(m => m.Success && m.Groups[1].Value.Contains(label, StringComparison.Ordinal))
            .Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            .ToList();
        return values.Count == 0 ? null : values.Sum();
    }
}
