using System.Text;
using Hotline.Core.Crypto;
using Hotline.Core.Events;
using Hotline.Core.Telemetry;
using Hotline.Core.Transcripts;
using Hotline.Triage.Storage;
using Hotline.Triage.Tests.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;

namespace Hotline.Triage.Tests.Storage;

/// <summary>
/// With a real redis-server writing its append-only file: a deleted conversation's ciphertext and sealed data keys stay
/// in the files on disk until the Triage worker's scheduled BGREWRITEAOF, and are gone from every file after it.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class AofRewriteTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string keysDir = Directory.CreateTempSubdirectory("hotline-aof-").FullName;

    public Task InitializeAsync() => redis.FlushAllAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(keysDir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task After_deletion_and_the_scheduled_rewrite_the_conversations_ciphertext_and_data_keys_are_not_in_the_aof_files()
    {
        var store = await TranscriptStoreAsync();
        var deleted = "c-aof-" + Guid.NewGuid().ToString("N")[..8];
        var kept = "c-aof-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var id in new[] { deleted, kept })
        {
            await redis.Database.HashSetAsync(RedisKeys.Conversation(id), "channel", "webchat");
            await store.AppendAsync(id, Author.Person, null, "ai më ndjek kudo", CancellationToken.None);
            await store.AppendAsync(id, Author.Bot, null, "Jeni në rrezik tani?", CancellationToken.None);
        }
        var secrets = await SecretsOfAsync(store, deleted);
        var control = await SecretsOfAsync(store, kept);
        // Written with appendfsync always: the values are in the files now, and deleting them only appends a DEL.
        Assert.All(secrets, s => Assert.True(InAofFiles(s), "expected a stored value in the AOF before deletion"));
        Assert.True((await Deletion().DeleteConversationAsync(deleted)).Found);
        Assert.All(secrets, s => Assert.True(InAofFiles(s), "a deleted value stays in the AOF until a rewrite"));

        // The Triage worker's schedule, on its clock: one interval later it asks Redis for the rewrite.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = RoutingServices.Build(redis, clock, new CollectingNotifier(), []);
        var schedule = services.GetServices<IHostedService>().OfType<AofRewriteSchedule>().Single();
        var rewritesBefore = await RewritesAsync();
        await schedule.StartAsync(CancellationToken.None);
        try
        {
            // The worker's timer starts on its own thread: move the clock on by the interval until Redis reports the rewrite.
            var interval = services.GetRequiredService<IOptions<AofRewriteOptions>>().Value.Interval;
            await WaitForRewriteAsync(rewritesBefore, () => clock.Advance(interval));
        }
        finally
        {
            await schedule.StopAsync(CancellationToken.None);
        }

        Assert.All(secrets, s => Assert.False(InAofFiles(s), "a deleted conversation's value is still in the AOF after the rewrite"));
        Assert.All(control, s => Assert.True(InAofFiles(s), "the live conversation must still be in the rewritten AOF"));
    }

    private async Task<TranscriptStore> TranscriptStoreAsync()
    {
        var team = HotlineCrypto.NewKeyPair();
        var hotlineRedis = new HotlineRedis(redis.Connection);
        var fingerprint = (await TeamKeyCeremony.CreateAsync(redis.Database, keysDir, team.PublicKey))!;
        return new TranscriptStore(hotlineRedis, new TeamKeyDirectory(hotlineRedis, Options.Create(new HotlineOptions { TeamKeyFingerprint = fingerprint })),
            SigningIdentity.Load(keysDir, Hotline.Core.Crypto.Signers.Bot), TimeProvider.System);
    }

    /// <summary>What would open the conversation: each entry's ciphertext and each sealed data key, as stored.</summary>
    private static async Task<List<string>> SecretsOfAsync(TranscriptStore store, string conversationId)
    {
        var entries = await store.ReadAsync(conversationId, CancellationToken.None);
        return [.. entries.Select(e => e.Ciphertext), .. entries.Select(e => e.DataKey!).Distinct()];
    }

    /// <summary>The value as stored: as it is (a sealed data key in its hash), or as JSON writes it inside an entry ('+' escaped).</summary>
    private bool InAofFiles(string value)
    {
        byte[][] needles = [Encoding.ASCII.GetBytes(value), Encoding.ASCII.GetBytes(System.Text.Json.JsonSerializer.Serialize(value)[1..^1])];
        return Directory.EnumerateFiles(Path.Combine(redis.Server.DataDirectory, "appendonlydir"))
            .Select(File.ReadAllBytes).Any(bytes => needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0));
    }

    private async Task<long> RewritesAsync()
    {
        var info = await redis.Connection.GetServer(redis.ConnectionString).InfoAsync("persistence");
        var persistence = info.SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return persistence.GetValueOrDefault("aof_rewrite_in_progress") == "1" ? -1 : long.Parse(persistence.GetValueOrDefault("aof_rewrites", "0"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Until Redis reports one more finished rewrite and none in progress (a rewrite's time is not what is tested).</summary>
    private async Task WaitForRewriteAsync(long before, Action nextInterval)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await RewritesAsync() is var now && (now < 0 || now <= before))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Redis did not finish an AOF rewrite within 60 s");
            if (now >= 0) nextInterval();
            await Task.Delay(200);
        }
        // Redis removes the files the rewrite replaced in a background thread: wait until only the manifest's files are left.
        await redis.Server.WaitUntilAofFilesReplacedAsync();
    }

    private ConversationDeletion Deletion()
    {
        var hotlineRedis = new HotlineRedis(redis.Connection);
        var metrics = new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        return new ConversationDeletion(hotlineRedis, new EventOutbox(hotlineRedis, metrics, TimeProvider.System, NullLogger<EventOutbox>.Instance),
            new CaseStore(hotlineRedis, TimeProvider.System), new CaseTimeline(hotlineRedis, TimeProvider.System), TimeProvider.System, NullLogger<ConversationDeletion>.Instance);
    }
}
