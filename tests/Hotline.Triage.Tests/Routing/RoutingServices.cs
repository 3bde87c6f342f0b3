using Hotline.Core.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hotline.Triage.Tests.Routing;

/// <summary>The Triage worker's services on the test's Redis and manual clock, with its hosted services built but not started.</summary>
public static class RoutingServices
{
    public static ServiceProvider Build(RedisFixture redis, TimeProvider clock, IOutboundNotifier notifier, params (string Name, string Value)[] routing)
    {
        // The worker signs what it puts on the outbox: give it a signing key of its own, as 'admin init-demo' would.
        var dataDir = Directory.CreateTempSubdirectory("hotline-routing-").FullName;
        Hotline.Core.Crypto.SigningIdentity.LoadOrCreate(HotlineOptions.DefaultSigningKeysDir(redis.SecretsDirectory), Hotline.Core.Crypto.Signers.Triage);
        var settings = new Dictionary<string, string?>
        {
            ["HOTLINE_REDIS"] = redis.ConnectionString,
            ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
            ["HOTLINE_DATA_DIR"] = dataDir,
            // These tests never read the team key record; the worker still insists on a well-formed pin.
            ["HOTLINE_TEAM_KEY_FINGERPRINT"] = Hotline.Core.Crypto.HotlineCrypto.Fingerprint(Hotline.Core.Crypto.HotlineCrypto.NewSigningKeyPair().PublicKey),
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
