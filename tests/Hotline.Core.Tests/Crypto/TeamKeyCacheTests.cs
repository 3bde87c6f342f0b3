using System.Text;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotline.Core.Tests.Crypto;

/// <summary>
/// The sealing path keeps the team key record it read while it listens for announced changes (<see cref="TeamKeyWatch"/>),
/// against a real redis-server: many entries cost one read of the record, and a rotation is still sealed to at once when
/// another service sharing the floor's folder accepted it, as soon as Redis notices the write of the record, or as soon as
/// the rotation is announced.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class TeamKeyCacheTests(RedisFixture redis) : SignedTeamTests(redis)
{
    private HotlineRedis Redis => new(Server.Connection);

    // A check period far longer than any test: only an announcement or the floor can make a listening service read again.
    private TeamKeyDirectory Service(string floorFolder) => new(Redis, Options.Create(new HotlineOptions
    {
        TeamKeyFingerprint = Fingerprint, SigningKeysDir = floorFolder, TeamKeyCheckSeconds = 3600,
    }));

    private TranscriptStore Store(TeamKeyDirectory keys) => new(Redis, keys, SigningIdentity.Load(KeysDir, Signers.Bot), TimeProvider.System);

    private static async Task<TeamKeyWatch> ListeningAsync(TeamKeyDirectory keys, HotlineRedis redis)
    {
        var watch = new TeamKeyWatch(keys, redis, Options.Create(new HotlineOptions { TeamKeyCheckSeconds = 3600 }), TimeProvider.System, NullLogger<TeamKeyWatch>.Instance);
        await watch.StartAsync(CancellationToken.None);
        for (var until = DateTime.UtcNow.AddSeconds(60); !keys.Listening; await Task.Delay(20))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The watch did not start listening for team key changes within 60 s");
        }
        return watch;
    }

    private Task<long> TeamKeyReadsAsync() => CommandCounts.OfAsync(Server.Connection, Server.ConnectionString, "hgetall");

    private async Task<KeyPairBytes> RotateInRedisAsync()
    {
        var record = TeamKeyRecord.FromFields(await Server.Database.HashGetAllAsync(RedisKeys.TeamKey));
        var next = HotlineCrypto.NewKeyPair();
        await Server.Database.HashSetAsync(RedisKeys.TeamKey, record.Rotate(record.Version + 1, next.PublicKey, Team).ToFields());
        return next;
    }

    [Fact]
    public async Task A_listening_service_seals_twenty_entries_with_at_most_one_read_of_the_team_key_record()
    {
        var keys = Service(KeysDir);
        var watch = await ListeningAsync(keys, Redis);
        try
        {
            var store = Store(keys);
            var before = await TeamKeyReadsAsync();
            for (var i = 0; i < 20; i++) await store.AppendAsync("c-cached", Author.Person, null, $"message {i}", CancellationToken.None);

            Assert.InRange(await TeamKeyReadsAsync() - before, 0, 1);
            var entries = await store.ReadAsync("c-cached", CancellationToken.None);
            Assert.Equal(20, entries.Count);
            Assert.All(entries, e => Encoding.UTF8.GetString(e.Open("c-cached", Team)).StartsWith("message ", StringComparison.Ordinal));
        }
        finally
        {
            await watch.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_rotation_accepted_by_another_service_sharing_the_floor_is_sealed_to_at_once()
    {
        var keys = Service(KeysDir);
        var watch = await ListeningAsync(keys, Redis);
        try
        {
            var store = Store(keys);
            await store.AppendAsync("c-floor", Author.Person, null, "before", CancellationToken.None);
            var next = await RotateInRedisAsync();
            // The rotating service reads the new record, which raises the floor in the folder both share; nothing is announced.
            Assert.Equal(next.PublicKey, (await Service(KeysDir).RecordAsync(CancellationToken.None)).PublicKey);

            await store.AppendAsync("c-floor", Author.Person, null, "after", CancellationToken.None);

            var entries = await store.ReadAsync("c-floor", CancellationToken.None);
            Assert.Equal("before", Encoding.UTF8.GetString(entries[0].Open("c-floor", Team)));
            Assert.Throws<CryptoFailure>(() => entries[1].Open("c-floor", Team));
            Assert.Equal("after", Encoding.UTF8.GetString(entries[1].Open("c-floor", next)));
        }
        finally
        {
            await watch.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_older_record_put_back_in_redis_by_anyone_is_refused_by_a_listening_service_once_redis_notices_the_write()
    {
        // Its own floor, in memory: nothing but Redis's notice of the write tells this service of it.
        var keys = Service("");
        var watch = await ListeningAsync(keys, Redis);
        try
        {
            var v1 = await Server.Database.HashGetAllAsync(RedisKeys.TeamKey);
            var next = await RotateInRedisAsync();
            await WaitUntilAsync(async () => (await keys.PublicKeyAsync(CancellationToken.None)).SequenceEqual(next.PublicKey), "the rotation written in Redis is seen");

            // The rollback, written straight into Redis as someone who can write it would: nothing announces it.
            await Server.Database.KeyDeleteAsync(RedisKeys.TeamKey);
            await Server.Database.HashSetAsync(RedisKeys.TeamKey, v1);
            await WaitUntilAsync(async () =>
            {
                try
                {
                    await keys.PublicKeyAsync(CancellationToken.None);
                    return false;
                }
                catch (TeamKeyRollback)
                {
                    return true;
                }
            }, "the record put back is refused");
            await Assert.ThrowsAsync<TeamKeyRollback>(() => Store(keys).AppendAsync("c-rolled-back", Author.Person, null, "words", CancellationToken.None));
            Assert.Empty(await Server.Database.ListRangeAsync(RedisKeys.Transcript("c-rolled-back")));
        }
        finally
        {
            await watch.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_rotation_announced_by_a_service_on_another_machine_is_sealed_to_even_where_redis_announces_no_writes()
    {
        var server = Server.Connection.GetServer(Server.ConnectionString);
        // A Redis not set up as infra/redis.conf sets it: only the rotation's own announcement tells of it.
        await server.ConfigSetAsync("notify-keyspace-events", "");
        try
        {
            var keys = Service("");
            var watch = await ListeningAsync(keys, Redis);
            try
            {
                Assert.Equal(Team.PublicKey, await keys.PublicKeyAsync(CancellationToken.None));
                var next = await RotateInRedisAsync();
                Assert.Equal(Team.PublicKey, await keys.PublicKeyAsync(CancellationToken.None));

                await Service(KeysDir).AnnounceChangeAsync(2);
                await WaitUntilAsync(async () => (await keys.PublicKeyAsync(CancellationToken.None)).SequenceEqual(next.PublicKey), "the announced rotation is seen");

                var store = Store(keys);
                await store.AppendAsync("c-announced", Author.Person, null, "after", CancellationToken.None);
                var entry = Assert.Single(await store.ReadAsync("c-announced", CancellationToken.None));
                Assert.Throws<CryptoFailure>(() => entry.Open("c-announced", Team));
                Assert.Equal("after", Encoding.UTF8.GetString(entry.Open("c-announced", next)));
            }
            finally
            {
                await watch.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await server.ConfigSetAsync("notify-keyspace-events", "Kgh");
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); !await condition(); await Task.Delay(20))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited 60 s: {what}");
        }
    }

    [Fact]
    public async Task A_service_not_listening_reads_the_record_for_every_sealing_and_sees_a_rotation_at_once()
    {
        var keys = Service("");
        var store = Store(keys);
        await store.AppendAsync("c-unheard", Author.Person, null, "before", CancellationToken.None);
        var next = await RotateInRedisAsync();

        await store.AppendAsync("c-unheard", Author.Person, null, "after", CancellationToken.None);

        var entries = await store.ReadAsync("c-unheard", CancellationToken.None);
        Assert.Throws<CryptoFailure>(() => entries[1].Open("c-unheard", Team));
        Assert.Equal("after", Encoding.UTF8.GetString(entries[1].Open("c-unheard", next)));
    }
}
