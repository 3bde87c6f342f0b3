using System.Diagnostics.Metrics;
using Hotline.Core.Events;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Hotline.Core.Tests.Events;

/// <summary>
/// The outboxes' sweep (<see cref="EventOutbox.SweepAsync"/>) finds a dead writer's event through the outbox index the
/// writer's own step listed it in (<see cref="OutboxIndex"/>), without scanning the keyspace; and, every few minutes, by a
/// full scan, an outbox no index lists. Redis servers of their own, so that their command counts are these tests'.
/// </summary>
public sealed class EventOutboxSweepTests
{
    /// <summary>What a message's step does to the outbox (<see cref="EventOutbox.AddInScript"/>'s push and its listing), alone.</summary>
    private static readonly LuaScript Fill = LuaScript.Prepare(
        "local queued = redis.call('RPUSH', @outbox, @payload) " + EventOutbox.IndexInScript + "return queued");

    private static EventOutbox Outbox(IConnectionMultiplexer connection, TimeProvider time) =>
        new(new HotlineRedis(connection), new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            time, NullLogger<EventOutbox>.Instance);

    private static string Orphan(string id, TimeProvider time) =>
        EventOutbox.Serialize(new MessageEvent(id, 0, Channel.Sms, Language.En, Severity.High, Severity.High, ["violence"], time.GetUtcNow()).ToFields());

    /// <summary>What a message's step leaves when its process dies right after it: the event only in the outbox, the conversation listed.</summary>
    private static Task LeaveAsync(IConnectionMultiplexer connection, string id, TimeProvider time, string? index = null) =>
        Fill.EvaluateAsync(connection.GetDatabase(), new
        {
            outbox = (RedisKey)RedisKeys.EventOutbox(id),
            payload = Orphan(id, time),
            outboxIndex = index ?? OutboxIndex.For(new HotlineRedis(connection), id),
            outboxOf = id,
            now = time.GetUtcNow().ToUnixTimeMilliseconds(),
        });

    private static async Task<HashSet<string>> RelayedAsync(IConnectionMultiplexer connection) =>
        [.. (await connection.GetDatabase().StreamRangeAsync(RedisKeys.Events)).Select(e => MessageEvent.FromFields(e.Values)?.ConversationId ?? "")];

    private static async Task<long> ListedAsync(IConnectionMultiplexer connection, IEnumerable<IServer> primaries)
    {
        long listed = 0;
        foreach (var server in primaries) listed += await connection.GetDatabase().SortedSetLengthAsync(OutboxIndex.On(server));
        return listed;
    }

    /// <summary>A Redis of its own holding what a busy day leaves (a delivery state a part sent: 20,000 keys), and a sweep on it.</summary>
    private sealed record Busy(RedisServer Server, ConnectionMultiplexer Connection, FakeTimeProvider Time, EventOutbox Outbox) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private static async Task<Busy> BusyAsync()
    {
        var server = await RedisServer.StartAsync();
        var connection = await server.ConnectAsync();
        await connection.GetDatabase().ScriptEvaluateAsync("for i = 1, 20000 do redis.call('SET', 'hl:twilio:state:SM' .. i, '{}') end");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return new Busy(server, connection, time, Outbox(connection, time));
    }

    /// <summary>A Redis Cluster of its own (three primaries), a connection to read it, and a sweep as the Bot runs it, with the Bot's own Redis user (the index is among its keys).</summary>
    private sealed record OnCluster(RedisServer Cluster, ConnectionMultiplexer Connection, ConnectionMultiplexer Bot, FakeTimeProvider Time, EventOutbox Outbox) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Bot.DisposeAsync();
            await Connection.DisposeAsync();
            await Cluster.DisposeAsync();
        }
    }

    private static async Task<OnCluster> OnClusterAsync()
    {
        var cluster = await RedisServer.StartClusterAsync();
        var connection = await cluster.ConnectAsync();
        var bot = await cluster.ConnectAsAsync("bot");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return new OnCluster(cluster, connection, bot, time, Outbox(bot, time));
    }

    [Fact]
    public async Task A_full_sweep_among_twenty_thousand_other_keys_relays_an_unlisted_outboxs_event_in_a_few_scan_calls()
    {
        await using var busy = await BusyAsync();
        var (server, connection, time, outbox) = (busy.Server, busy.Connection, busy.Time, busy.Outbox);
        var db = connection.GetDatabase();
        // An outbox no index lists (written by an earlier version, say): the event alone, pushed by itself.
        var id = "c" + Guid.NewGuid().ToString("N");
        await db.ListRightPushAsync(RedisKeys.EventOutbox(id), Orphan(id, time));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        var before = await CommandCounts.OfAsync(connection, server.ConnectionString, "scan");

        Assert.Equal(0, await outbox.SweepIndexedAsync(CancellationToken.None));
        Assert.DoesNotContain(id, await RelayedAsync(connection));
        Assert.Equal(1, await outbox.SweepAllAsync(CancellationToken.None));

        Assert.Contains(id, await RelayedAsync(connection));
        Assert.Equal(0, await db.ListLengthAsync(RedisKeys.EventOutbox(id)));
        // 20,001 keys in at most 5 calls (at 500 keys a call they took 40).
        Assert.InRange(await CommandCounts.OfAsync(connection, server.ConnectionString, "scan") - before, 1, 5);
    }

    [Fact]
    public async Task A_dead_writers_event_listed_by_its_step_is_relayed_without_scanning_the_keyspace_and_its_conversation_unlisted()
    {
        await using var busy = await BusyAsync();
        var (server, connection, time, outbox) = (busy.Server, busy.Connection, busy.Time, busy.Outbox);
        var db = connection.GetDatabase();
        var id = "c" + Guid.NewGuid().ToString("N");
        await LeaveAsync(connection, id, time);
        var before = await CommandCounts.OfAsync(connection, server.ConnectionString, "scan");

        // Its writer normally relays it within milliseconds: a fresh event is left to it.
        Assert.Equal(0, await outbox.SweepIndexedAsync(CancellationToken.None));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await outbox.SweepIndexedAsync(CancellationToken.None));

        Assert.Contains(id, await RelayedAsync(connection));
        Assert.Equal(0, await db.ListLengthAsync(RedisKeys.EventOutbox(id)));
        Assert.Equal(0, await CommandCounts.OfAsync(connection, server.ConnectionString, "scan") - before);
        Assert.Equal(0, await ListedAsync(connection, [connection.GetServer(server.ConnectionString)]));
        // Nothing is relayed twice.
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await outbox.SweepIndexedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_event_written_after_a_dead_writers_keeps_its_conversation_listed_until_it_too_is_relayed_or_gone()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await server.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var outbox = Outbox(connection, time);
        var id = "c" + Guid.NewGuid().ToString("N");
        await LeaveAsync(connection, id, time);
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        // A later message's writer dies too, its event pushed behind the first: the conversation stays listed under the first's time.
        await LeaveAsync(connection, id, time);

        Assert.Equal(1, await outbox.SweepIndexedAsync(CancellationToken.None));
        Assert.Equal(1, await connection.GetDatabase().ListLengthAsync(RedisKeys.EventOutbox(id)));
        Assert.Equal(1, await ListedAsync(connection, [connection.GetServer(server.ConnectionString)]));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await outbox.SweepIndexedAsync(CancellationToken.None));

        Assert.Equal(0, await connection.GetDatabase().ListLengthAsync(RedisKeys.EventOutbox(id)));
        Assert.Equal(0, await ListedAsync(connection, [connection.GetServer(server.ConnectionString)]));
        // A conversation listed whose outbox a living writer emptied (or a deletion removed) is taken off by the sweep.
        var gone = "c" + Guid.NewGuid().ToString("N");
        await LeaveAsync(connection, gone, time);
        await connection.GetDatabase().KeyDeleteAsync(RedisKeys.EventOutbox(gone));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await outbox.SweepIndexedAsync(CancellationToken.None));
        Assert.Equal(0, await ListedAsync(connection, [connection.GetServer(server.ConnectionString)]));
    }

    [Fact]
    public async Task The_scheduled_sweep_scans_the_keyspace_first_and_then_only_every_so_many_times()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await server.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var outbox = Outbox(connection, time);
        var scans = () => CommandCounts.OfAsync(connection, server.ConnectionString, "scan");
        var before = await scans();

        await outbox.SweepAsync(CancellationToken.None);
        var afterFirst = await scans();
        for (var i = 1; i < EventOutbox.FullSweepEvery; i++) await outbox.SweepAsync(CancellationToken.None);
        var beforeNextFull = await scans();
        await outbox.SweepAsync(CancellationToken.None);

        Assert.True(afterFirst > before);
        Assert.Equal(afterFirst, beforeNextFull);
        Assert.True(await scans() > beforeNextFull);
    }

    [Fact]
    public async Task On_a_cluster_each_step_lists_its_conversation_on_its_own_node_and_the_sweep_relays_them_all_by_the_indexes()
    {
        await using var on = await OnClusterAsync();
        var (cluster, connection, bot, time, outbox) = (on.Cluster, on.Connection, on.Bot, on.Time, on.Outbox);
        var primaries = cluster.Servers(connection);
        var ids = Enumerable.Range(0, 30).Select(_ => "c" + Guid.NewGuid().ToString("N")).ToList();
        foreach (var id in ids) await LeaveAsync(bot, id, time);
        // Their slots are spread over the three primaries, and each index is on the node that serves its first slot.
        Assert.Equal(3, ids.Select(id => OutboxIndex.For(new HotlineRedis(bot), id)).Distinct().Count());
        Assert.All(primaries, p => Assert.Equal(p.EndPoint, connection.GetServer((RedisKey)OutboxIndex.On(p)).EndPoint));
        Assert.Equal(ids.Count, await ListedAsync(connection, primaries));
        var scans = async () => (await Task.WhenAll(cluster.ConnectionString.Split(',').Select(a => CommandCounts.OfAsync(connection, a, "scan")))).Sum();
        var before = await scans();

        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(ids.Count, await outbox.SweepIndexedAsync(CancellationToken.None));

        Assert.Superset(ids.ToHashSet(), await RelayedAsync(connection));
        Assert.Equal(0, await ListedAsync(connection, primaries));
        Assert.Equal(before, await scans());
    }

    [Fact]
    public async Task On_a_cluster_a_step_given_another_nodes_index_stores_its_event_unlisted_and_the_full_sweep_finds_it()
    {
        await using var cluster = await RedisServer.StartClusterAsync();
        await using var connection = await cluster.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var outbox = Outbox(connection, time);
        var id = "c" + Guid.NewGuid().ToString("N");
        var own = OutboxIndex.For(new HotlineRedis(connection), id);
        // As after the cluster's slots moved and before this process saw it: the index named is on another node.
        var elsewhere = cluster.Servers(connection).Select(OutboxIndex.On).First(k => k != own);

        await LeaveAsync(connection, id, time, elsewhere);

        Assert.Equal(1, await connection.GetDatabase().ListLengthAsync(RedisKeys.EventOutbox(id)));
        Assert.Equal(0, await ListedAsync(connection, cluster.Servers(connection)));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await outbox.SweepIndexedAsync(CancellationToken.None));
        Assert.Equal(1, await outbox.SweepAllAsync(CancellationToken.None));
        Assert.Contains(id, await RelayedAsync(connection));
    }

    [Fact]
    public async Task On_one_Redis_an_event_published_apart_from_a_message_is_on_the_stream_once_and_leaves_no_outbox_nor_listing()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await server.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var id = "c" + Guid.NewGuid().ToString("N");

        await Outbox(connection, time).PublishAsync(id, EventOutbox.Deserialize(Orphan(id, time)));

        var db = connection.GetDatabase();
        Assert.Equal(id, Assert.Single(await db.StreamRangeAsync(RedisKeys.Events)).Values.First(v => v.Name == "conversationId").Value.ToString());
        Assert.False(await db.KeyExistsAsync(RedisKeys.EventOutbox(id)));
        Assert.False(await db.KeyExistsAsync(OutboxIndex.OnOneRedis));
    }

    [Fact]
    public async Task On_a_cluster_an_event_published_apart_from_a_message_is_relayed_once_and_listed_until_the_sweep_finds_its_outbox_empty()
    {
        await using var on = await OnClusterAsync();
        var (cluster, connection, bot, time, outbox) = (on.Cluster, on.Connection, on.Bot, on.Time, on.Outbox);
        var id = "c" + Guid.NewGuid().ToString("N");

        await outbox.PublishAsync(id, EventOutbox.Deserialize(Orphan(id, time)));

        var db = connection.GetDatabase();
        Assert.Equal(1, await db.StreamLengthAsync(RedisKeys.Events));
        Assert.Equal(0, await db.ListLengthAsync(RedisKeys.EventOutbox(id)));
        // Listed by its step, as a message's event is, in case this process had died before relaying it.
        Assert.NotNull(await db.SortedSetScoreAsync(OutboxIndex.For(new HotlineRedis(bot), id), id));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await outbox.SweepIndexedAsync(CancellationToken.None));
        Assert.Equal(0, await ListedAsync(connection, cluster.Servers(connection)));
        Assert.Equal(1, await db.StreamLengthAsync(RedisKeys.Events));
    }

    [Fact]
    public async Task Every_step_that_lists_a_conversation_keeps_the_index_for_a_limited_time_from_then()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await server.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var db = connection.GetDatabase();
        var index = OutboxIndex.OnOneRedis;
        var id = "c" + Guid.NewGuid().ToString("N");

        await LeaveAsync(connection, id, time);
        Assert.InRange(await db.KeyTimeToLiveAsync(index) ?? TimeSpan.MaxValue, OutboxIndex.Kept - TimeSpan.FromMinutes(1), OutboxIndex.Kept);
        Assert.True(OutboxIndex.Kept > TimeSpan.FromTicks(EventRelay.Interval.Ticks * EventOutbox.FullSweepEvery));

        // Near its end, the sweep's relisting (a second event behind the relayed one) keeps it again from then.
        await db.KeyExpireAsync(index, TimeSpan.FromSeconds(30));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        await LeaveAsync(connection, id, time);
        Assert.Equal(1, await Outbox(connection, time).SweepIndexedAsync(CancellationToken.None));
        Assert.InRange(await db.KeyTimeToLiveAsync(index) ?? TimeSpan.MaxValue, OutboxIndex.Kept - TimeSpan.FromMinutes(1), OutboxIndex.Kept);

        // A message's step does too.
        await db.KeyExpireAsync(index, TimeSpan.FromSeconds(30));
        await LeaveAsync(connection, "c" + Guid.NewGuid().ToString("N"), time);
        Assert.InRange(await db.KeyTimeToLiveAsync(index) ?? TimeSpan.MaxValue, OutboxIndex.Kept - TimeSpan.FromMinutes(1), OutboxIndex.Kept);
    }

    [Fact]
    public async Task On_a_cluster_an_index_left_on_a_slot_that_moved_is_emptied_by_the_full_sweep_its_events_relayed_and_waiting_ones_listed_on_their_node()
    {
        await using var on = await OnClusterAsync();
        var (cluster, connection, bot, time, outbox) = (on.Cluster, on.Connection, on.Bot, on.Time, on.Outbox);
        var db = connection.GetDatabase();
        var primaries = cluster.Servers(connection);
        // What a node's first-slot index becomes once that slot moved to a node whose first slot is another: a key on a
        // slot of the node that is not its first, which no step and no indexed sweep names.
        var first = primaries[0].ClusterConfiguration!.Nodes.First(n => n.EndPoint!.Equals(primaries[0].EndPoint)).Slots.Min(r => r.From);
        var left = OutboxIndex.KeyOfSlot(connection, first + 1);
        Assert.DoesNotContain(left, primaries.Select(OutboxIndex.On));
        var (due, waiting, gone) = ("c" + Guid.NewGuid().ToString("N"), "c" + Guid.NewGuid().ToString("N"), "c" + Guid.NewGuid().ToString("N"));
        await db.ListRightPushAsync(RedisKeys.EventOutbox(due), Orphan(due, time));
        var listedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        await db.ListRightPushAsync(RedisKeys.EventOutbox(waiting), Orphan(waiting, time));
        await db.SortedSetAddAsync(left, [new(due, listedAt), new(waiting, listedAt), new(gone, listedAt)]);

        Assert.Equal(0, await outbox.SweepIndexedAsync(CancellationToken.None));
        Assert.Equal(3, await db.SortedSetLengthAsync(left));
        Assert.Equal(1, await outbox.SweepAllAsync(CancellationToken.None));

        Assert.False(await db.KeyExistsAsync(left));
        Assert.Contains(due, await RelayedAsync(connection));
        Assert.DoesNotContain(waiting, await RelayedAsync(connection));
        // The event not yet due stays in its outbox, listed on its own node's index, where the indexed sweep relays it.
        Assert.NotNull(await db.SortedSetScoreAsync(OutboxIndex.For(new HotlineRedis(bot), waiting), waiting));
        Assert.Equal(1, await ListedAsync(connection, primaries));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await outbox.SweepIndexedAsync(CancellationToken.None));
        Assert.Contains(waiting, await RelayedAsync(connection));
        Assert.Equal(0, await ListedAsync(connection, primaries));
    }

    [Fact]
    public async Task On_a_cluster_the_index_named_for_a_conversation_follows_its_slot_to_another_node_once_the_client_reads_the_cluster_again()
    {
        await using var cluster = await RedisServer.StartClusterAsync();
        await using var connection = await cluster.ConnectAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var db = connection.GetDatabase();
        var primaries = cluster.Servers(connection);
        IList<SlotRange> SlotsOf(IServer p) => p.ClusterConfiguration!.Nodes.First(n => n.EndPoint!.Equals(p.EndPoint)).Slots;
        // The node that serves slot 0 receives a slot of another node, one that is not that node's first: every node's
        // first slot, and so every node's index, stays where it was; only the conversation's node changes.
        var to = primaries.Single(p => SlotsOf(p).Any(r => r.From == 0));
        string id;
        int slot;
        IServer from;
        do
        {
            id = "c" + Guid.NewGuid().ToString("N");
            slot = connection.HashSlot(RedisKeys.EventOutbox(id));
            from = primaries.Single(p => SlotsOf(p).Any(r => r.From <= slot && slot <= r.To));
        }
        while (from == to || SlotsOf(from).Min(r => r.From) == slot);
        var redis = new HotlineRedis(connection);
        Assert.Equal(OutboxIndex.On(from), OutboxIndex.For(redis, id));

        // The slot is empty, so it moves by telling every node its new owner (the receiving one first).
        var toId = (string)(await to.ExecuteAsync("CLUSTER", "MYID"))!;
        foreach (var p in primaries.OrderBy(p => p == to ? 0 : p == from ? 1 : 2)) await p.ExecuteAsync("CLUSTER", "SETSLOT", slot, "NODE", toId);
        await connection.ConfigureAsync();

        Assert.Equal(OutboxIndex.On(to), OutboxIndex.For(redis, id));
        // The next message's step lists the conversation on the index of the node that now holds it (another node's index
        // would be refused there, leaving it unlisted).
        await LeaveAsync(connection, id, time);
        Assert.NotNull(await db.SortedSetScoreAsync(OutboxIndex.On(to), id));
        Assert.Null(await db.SortedSetScoreAsync(OutboxIndex.On(from), id));
    }

    [Fact]
    public async Task Each_slots_index_key_hashes_to_that_slot_as_the_cluster_computes_it_and_one_Redis_uses_slot_0s()
    {
        await using var cluster = await RedisServer.StartClusterAsync();
        await using var connection = await cluster.ConnectAsync();
        var server = cluster.Servers(connection)[0];
        foreach (var slot in new[] { 0, 1, 5460, 5461, 10922, 10923, 16383 })
        {
            Assert.Equal(slot, (int)await server.ExecuteAsync("CLUSTER", "KEYSLOT", OutboxIndex.KeyOfSlot(connection, slot)));
        }
        Assert.Equal(OutboxIndex.KeyOfSlot(connection, 0), OutboxIndex.OnOneRedis);
    }
}
