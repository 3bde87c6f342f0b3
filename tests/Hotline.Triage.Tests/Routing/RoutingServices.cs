using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Notices;
using Hotline.Core.Storage;
using Hotline.Testing;
using Hotline.Triage.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hotline.Triage.Tests.Routing;

/// <summary>The Triage worker's services on the test's Redis and manual clock, with its hosted services built but not started.</summary>
public static class RoutingServices
{
    public static ServiceProvider Build(RedisFixture redis, TimeProvider clock, IOutboundNotifier notifier, params (string Name, string Value)[] routing)
    {
        var settings = new Dictionary<string, string?>
        {
            ["HOTLINE_REDIS"] = redis.ConnectionString,
            ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
            // The worker keeps nothing on disk; the folder need not exist, but it must not hold the secrets folder.
            ["HOTLINE_DATA_DIR"] = Path.Combine(Path.GetTempPath(), "hotline-triage-data"),
            ["HOTLINE_ROUTING:CriticalDeadlineSeconds"] = "60",
            ["HOTLINE_ROUTING:HighDeadlineSeconds"] = "300",
        };
        foreach (var (name, value) in routing) settings["HOTLINE_ROUTING:" + name] = value;
        var collection = new ServiceCollection();
        collection.AddSingleton(clock);
        collection.AddSingleton(notifier);
        collection.AddLogging();
        collection.AddTriageWorker(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return collection.BuildServiceProvider();
    }

    public static EscalationClock Clock(this ServiceProvider services) => services.GetServices<IHostedService>().OfType<EscalationClock>().Single();

    /// <summary>Opens a case as the router would, with its first escalation step scheduled.</summary>
    public static async Task<CaseRecord> OpenCaseAsync(this ServiceProvider services, Severity severity, params string[] categories)
    {
        var record = await services.GetRequiredService<CaseStore>().OpenAsync("K" + Guid.NewGuid().ToString("N")[..11], "c" + Guid.NewGuid().ToString("N")[..10],
            severity, categories, Language.Sq, Channel.WebChat);
        var due = services.GetRequiredService<IOptions<RoutingOptions>>().Value.StageDue(severity, record.OpenedAt, 1);
        await services.GetRequiredService<HotlineRedis>().Db.SortedSetAddAsync(RedisKeys.Deadlines, record.Id, due.ToUnixTimeMilliseconds());
        return record;
    }
}
