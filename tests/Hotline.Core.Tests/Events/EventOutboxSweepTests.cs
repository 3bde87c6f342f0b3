using System.Diagnostics.Metrics;
using Hotline.Core.Events;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Events;

/// <summary>
/// The outboxes' sweep (<see cref="EventOutbox.SweepAsync"/>) looks at the whole keyspace every few seconds: on a Redis
/// holding what a busy day leaves (a delivery state a part sent), it still finds a dead writer's event, in a few calls.
/// A Redis of its own, so that its command counts are this test's.
/// </summary>
public sealed class EventOutboxSweepTests
{
    [Fact]
    public async Task A_sweep_among_twenty_thousand_other_keys_relays_a_dead_writers_event_in_a_few_scan_calls()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = await server.ConnectAsync();
        var db = connection.GetDatabase();
        await db.ScriptEvaluateAsync("for i = 1, 20000 do redis.call('SET', 'hl:twilio:state:SM' .. i, '{}') end");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var metrics = new HotlineMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        var outbox = new EventOutbox(new HotlineRedis(connection), metrics, time, NullLogger<EventOutbox>.Instance);
        // What a message's script leaves when its process dies right after it: the event only in the conversation's outbox.
        var id = "c" + Guid.NewGuid().ToString("N");
        var orphan = new MessageEvent(id, 0, Channel.Sms, Language.En, Severity.High, Severity.High, ["violence"], time.GetUtcNow());
        await db.ListRightPushAsync(RedisKeys.EventOutbox(id), EventOutbox.Serialize(orphan.ToFields()));
        time.Advance(EventOutbox.SweepAfter + TimeSpan.FromSeconds(1));
        var before = await CommandCounts.OfAsync(connection, server.ConnectionString, "scan");

        Assert.Equal(1, await outbox.SweepAsync(CancellationToken.None));

        Assert.Contains((await db.StreamRangeAsync(RedisKeys.Events)).Select(e => MessageEvent.FromFields(e.Values)), e => e?.ConversationId == id);
        Assert.Equal(0, await db.ListLengthAsync(RedisKeys.EventOutbox(id)));
        // 20,001 keys in at most 5 calls (at 500 keys a call they took 40).
        Assert.InRange(await CommandCounts.OfAsync(connection, server.ConnectionString, "scan") - before, 1, 5);
    }
}
