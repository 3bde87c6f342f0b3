using System.Text.Json;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Core.Events;

/// <summary>
/// The transactional outbox between a conversation's slot and <see cref="RedisKeys.Events"/>. <c>hl:events</c> lives on
/// another hash slot than the conversation, so no single script on a Redis Cluster can write both; the script that stores
/// a message puts its event in the conversation's own outbox list (<see cref="RedisKeys.EventOutbox"/>) instead, and the
/// relay here moves it onto <c>hl:events</c> and only then removes it. The writer relays at once; if it dies first,
/// <see cref="EventRelay"/> finds the entry later. At-least-once: the Triage worker's handlers are idempotent.
/// </summary>
public sealed class EventOutbox(HotlineRedis redis, HotlineMetrics metrics, TimeProvider time, ILogger<EventOutbox> logger)
{
    /// <summary>How old an outbox entry must be before the sweep relays it (the writer normally does within milliseconds).</summary>
    public static readonly TimeSpan SweepAfter = TimeSpan.FromSeconds(5);

    /// <summary>An event's fields as stored in the outbox: a flat JSON object of strings, which Lua's cjson reads and writes.</summary>
    public static string Serialize(NameValueEntry[] fields) =>
        JsonSerializer.Serialize(RedisFields.ToMap(fields), StoredJson.Default.DictionaryStringString);

    public static NameValueEntry[] Deserialize(string payload) =>
        [.. (JsonSerializer.Deserialize(payload, StoredJson.Default.DictionaryStringString) ?? []).Select(p => new NameValueEntry(p.Key, p.Value))];

    /// <summary>
    /// An event that no message script writes (a move asked for with a case code, say): stored in the conversation's outbox
    /// first, then relayed, so it reaches hl:events even if this process dies in between.
    /// </summary>
    public async Task PublishAsync(string conversationId, NameValueEntry[] fields)
    {
        var payload = Serialize(fields);
        await redis.Db.ListRightPushAsync(RedisKeys.EventOutbox(conversationId), payload).ConfigureAwait(false);
        await RelayAsync(conversationId, [payload]).ConfigureAwait(false);
    }

    /// <summary>Puts each payload on hl:events, wakes its consumers, then removes exactly those payloads from the outbox.</summary>
    public async Task RelayAsync(string conversationId, IReadOnlyList<string> payloads) => await RelayAsync(conversationId, payloads, swept: false).ConfigureAwait(false);

    /// <summary>
    /// Puts one payload on hl:events and wakes its consumers, but leaves it in the outbox: the caller removes it in its
    /// next step on the conversation's slot (<see cref="RemoveInScript"/>), or by <see cref="RemoveAsync"/>, saving the
    /// round trip of its own. Until then the sweep may relay it once more (after <see cref="SweepAfter"/>): at-least-once,
    /// as a writer dying in between always allowed.
    /// </summary>
    public async Task RelayLeavingAsync(string payload)
    {
        await redis.Db.StreamAddAsync(RedisKeys.Events, Deserialize(payload)).ConfigureAwait(false);
        redis.Wake(RedisKeys.Events);
        metrics.EventsRelayed(1, swept: false);
    }

    /// <summary>
    /// A script's step that removes a payload already relayed (<see cref="RelayLeavingAsync"/>) from the conversation's
    /// outbox: with <c>@outbox</c> the outbox's key and <c>@relayed</c> the payload, or an empty string for none.
    /// </summary>
    public const string RemoveInScript = "if @relayed ~= '' then redis.call('LREM', @outbox, 1, @relayed) end ";

    /// <summary>
    /// A message script's last step, with <c>payload</c> the event as JSON and <c>event</c> the same as a Lua table: on one
    /// Redis (<c>@direct</c> '1', <see cref="HotlineRedis.OneNode"/>) the event goes straight onto hl:events, so there is
    /// nothing to relay or remove; otherwise (a cluster, or hl:events refused the write) it waits in the outbox
    /// (<c>@outbox</c>) for <see cref="RelayAsync(string, IReadOnlyList{string})"/>. The local <c>added</c> is 1 when it is
    /// on hl:events. hl:events is not among the script's keys: on one Redis no slot needs it, and a write it refuses (a
    /// user without it, say) is caught here, where a key the script declared would refuse the whole message.
    /// </summary>
    public const string AddInScript =
        "local added = 0 " +
        "if @direct == '1' then " +
        "  local flat = {} for k, v in pairs(event) do flat[#flat + 1] = k flat[#flat + 1] = v end " +
        "  local id = redis.pcall('XADD', '" + RedisKeys.Events + "', '*', unpack(flat)) " +
        "  if type(id) ~= 'table' or not id.err then added = 1 end " +
        "end " +
        "if added == 0 then redis.call('RPUSH', @outbox, payload) end ";

    /// <summary>After a script put an event straight onto hl:events (<see cref="AddInScript"/>): wakes its consumers. True.</summary>
    public bool AddedInScript()
    {
        redis.Wake(RedisKeys.Events);
        metrics.EventsRelayed(1, swept: false);
        return true;
    }

    /// <summary>
    /// How long the wake of a message's event that makes nothing urgent waits for the next events' wakes, so that one
    /// PUBLISH wakes the Triage worker for all of them (it then reads them in one XREADGROUP too). An urgent event's wake
    /// is sent at once and takes any such waiting wake with it.
    /// </summary>
    public static readonly TimeSpan WakeGathering = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// As <see cref="AddedInScript()"/>, for a message's event: an <paramref name="urgent"/> one (it may make a case urgent,
    /// or someone waits on it) wakes the consumers at once; any other waits up to <see cref="WakeGathering"/> for the
    /// next ones. A worker waiting in this process is woken at once either way (no PUBLISH).
    /// </summary>
    public bool AddedInScript(bool urgent)
    {
        redis.Wake(RedisKeys.Events, urgent, urgent ? TimeSpan.Zero : WakeGathering);
        metrics.EventsRelayed(1, swept: false);
        return true;
    }

    /// <summary>Removes a payload already relayed (<see cref="RelayLeavingAsync"/>) from the conversation's outbox.</summary>
    public Task RemoveAsync(string conversationId, string payload) =>
        redis.Db.ListRemoveAsync(RedisKeys.EventOutbox(conversationId), payload, 1);

    private async Task RelayAsync(string conversationId, IReadOnlyList<string> payloads, bool swept)
    {
        if (payloads.Count == 0) return;
        var outbox = RedisKeys.EventOutbox(conversationId);
        // The events first; only once they are on hl:events (another node, on a cluster) are they removed here. A crash in
        // between at worst relays an event twice.
        var batch = redis.Db.CreateBatch();
        var adds = payloads.Select(p => batch.StreamAddAsync(RedisKeys.Events, Deserialize(p))).ToList();
        batch.Execute();
        await Task.WhenAll(adds).ConfigureAwait(false);
        redis.Wake(RedisKeys.Events);
        var after = redis.Db.CreateBatch();
        var followUps = payloads.Select(p => after.ListRemoveAsync(outbox, p, 1)).ToList();
        after.Execute();
        await Task.WhenAll(followUps).ConfigureAwait(false);
        metrics.EventsRelayed(payloads.Count, swept);
    }

    /// <summary>
    /// Keys SCAN looks at per call in a sweep (its COUNT). The sweep runs every few seconds over the whole keyspace, which
    /// every message sent grows (a delivery state a part, kept 30 days): at 500 a call a busy day's keys took a hundred calls
    /// every 5 s, a Redis command each. The same keys are looked at in a tenth of the calls in the same Redis time, each
    /// call holding Redis longer (over 50,000 keys on a busy machine, 2.5 ms a call instead of 0.26).
    /// </summary>
    internal const int SweepPage = 5000;

    /// <summary>Relays what writers left behind (they died between storing a message and relaying its event).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var relayed = 0;
        var olderThan = time.GetUtcNow() - SweepAfter;
        foreach (var server in redis.Primaries)
        {
            await foreach (var key in server.KeysAsync(pattern: RedisKeys.EventOutboxPattern, pageSize: SweepPage).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var conversationId = RedisKeys.IdIn(key!, RedisKeys.EventOutboxPattern);
                if (conversationId is null) continue;
                var payloads = await redis.Db.ListRangeAsync(key).ConfigureAwait(false);
                var due = payloads.Select(p => p.ToString()).Where(p => At(p) < olderThan).ToList();
                if (due.Count == 0) continue;
                await RelayAsync(conversationId, due, swept: true).ConfigureAwait(false);
                relayed += due.Count;
            }
        }
        if (relayed > 0) logger.LogWarning("Relayed {Count} events a writer had stored but not published", relayed);
        return relayed;
    }


    private static DateTimeOffset At(string payload)
    {
        var fields = Deserialize(payload);
        var at = fields.FirstOrDefault(f => f.Name == "at").Value;
        return long.TryParse(at.ToString(), out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
    }
}
