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
    /// An event that no message script writes (a move asked for with a case code, say), written in one step as a message's
    /// event is (<see cref="AddInScript"/>): on one Redis straight onto hl:events, exactly once, with nothing left in the
    /// outbox or its index; on a cluster (or when hl:events refused it) into the conversation's outbox, listed in its
    /// node's index, then relayed, so it reaches hl:events even if this process dies in between.
    /// </summary>
    public async Task PublishAsync(string conversationId, NameValueEntry[] fields)
    {
        var payload = Serialize(fields);
        var added = (long)await Fill.EvaluateAsync(redis.Db,
            [("outbox", RedisKeys.EventOutbox(conversationId))],
            [
                ("payload", payload),
                ("direct", redis.OneNode ? "1" : "0"),
                ("outboxIndex", OutboxIndex.For(redis, conversationId)),
                ("outboxOf", conversationId),
                ("now", time.GetUtcNow().ToUnixTimeMilliseconds()),
            ]).ConfigureAwait(false);
        if (added == 1) AddedInScript();
        else await RelayAsync(conversationId, [payload]).ConfigureAwait(false);
    }

    /// <summary>
    /// A script's step that lists the conversation in its node's outbox index (<see cref="OutboxIndex"/>) once <c>queued</c>
    /// (the outbox's length after its push) is known: with <c>@outboxIndex</c> the index (not among the script's keys: on
    /// a cluster it is on another slot of the same node), <c>@outboxOf</c> the conversation's id and <c>@now</c> the time.
    /// The score is when the outbox's oldest event was written: now when the push found it empty, else kept. A refusal
    /// (the index not on this node after the cluster's slots moved, a user without it) leaves it unlisted, for the full
    /// scan to find: the message is stored all the same.
    /// </summary>
    public const string IndexInScript =
        "redis.pcall('ZADD', @outboxIndex, queued == 1 and 'CH' or 'NX', @now, @outboxOf) " + KeepIndexInScript;

    /// <summary>A script's step that keeps <c>@outboxIndex</c> for <see cref="OutboxIndex.KeptMilliseconds"/> from now, after it listed a conversation there.</summary>
    public const string KeepIndexInScript = "redis.pcall('PEXPIRE', @outboxIndex, " + OutboxIndex.KeptMilliseconds + ") ";

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
    /// (<c>@outbox</c>, listed in its node's index: <see cref="IndexInScript"/>) for <see cref="RelayAsync(string, IReadOnlyList{string})"/>. The local <c>added</c> is 1 when it is
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
        "if added == 0 then local queued = redis.call('RPUSH', @outbox, payload) " + IndexInScript + "end ";

    private static readonly RedisScript Fill = RedisScript.Named(
        "local payload = @payload local event = cjson.decode(payload) " + AddInScript + "return added",
        keys: ["outbox"], args: ["payload", "direct", "outboxIndex", "outboxOf", "now"]);

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
    /// Keys SCAN looks at per call in a full sweep (its COUNT). Every message sent grows the keyspace (a delivery state a
    /// part, kept 30 days): at 500 a call a busy day's keys took a hundred calls, a Redis command each. The same keys are
    /// looked at in a tenth of the calls in the same Redis time, each call holding Redis longer.
    /// </summary>
    internal const int SweepPage = 5000;

    /// <summary>
    /// Every this many sweeps (and at a process's first), the sweep scans the whole keyspace as well (<see cref="SweepAllAsync"/>):
    /// with <see cref="EventRelay.Interval"/> every 5 minutes. It finds what no index lists: an outbox written by an earlier
    /// version during a rolling deploy, or by a script whose index was not on its node while the cluster's slots moved.
    /// </summary>
    public const int FullSweepEvery = 60;

    /// <summary>How many conversations the sweep takes from one index at a time.</summary>
    internal const int IndexPage = 500;

    private long sweeps;

    /// <summary>
    /// Relays what writers left behind (they died between storing a message and relaying its event): the conversations the
    /// outbox indexes list (<see cref="SweepIndexedAsync"/>), and every <see cref="FullSweepEvery"/>th time (the first
    /// included) every outbox in the keyspace (<see cref="SweepAllAsync"/>).
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var full = (Interlocked.Increment(ref sweeps) - 1) % FullSweepEvery == 0;
        return full ? await SweepAllAsync(cancellationToken).ConfigureAwait(false) : await SweepIndexedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Relays the due events of the conversations each primary's index lists as holding one older than <see cref="SweepAfter"/>,
    /// and lists each again as its outbox now stands (its oldest event's time, or not at all once it is empty): a few
    /// commands per conversation that had events lately, none per key of the keyspace.
    /// </summary>
    public async Task<int> SweepIndexedAsync(CancellationToken cancellationToken)
    {
        var relayed = 0;
        var olderThan = time.GetUtcNow() - SweepAfter;
        foreach (var server in redis.Primaries)
        {
            var index = OutboxIndex.On(server);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var listed = await redis.Db.SortedSetRangeByScoreAsync(index, stop: olderThan.ToUnixTimeMilliseconds(), take: IndexPage).ConfigureAwait(false);
                var fresh = listed.Select(m => m.ToString()).Where(seen.Add).ToList();
                foreach (var conversationId in fresh)
                {
                    relayed += await RelayDueAsync(conversationId, olderThan).ConfigureAwait(false);
                    await RelistAsync(index, conversationId).ConfigureAwait(false);
                }
                // A page of conversations this sweep has handled that stay listed as due (an event with no time of its own) would
                // be read again and again: stop there; the next sweep takes them and the rest.
                if (listed.Length < IndexPage || fresh.Count == 0) break;
            }
        }
        if (relayed > 0) logger.LogWarning("Relayed {Count} events a writer had stored but not published", relayed);
        return relayed;
    }

    /// <summary>
    /// Relays what writers left behind in any outbox of the keyspace, listed or not (the backstop of <see cref="SweepIndexedAsync"/>),
    /// and empties any outbox index it meets that is not its node's own (<see cref="EmptyLeftIndexAsync"/>), in one SCAN pass.
    /// </summary>
    public async Task<int> SweepAllAsync(CancellationToken cancellationToken)
    {
        var relayed = 0;
        var olderThan = time.GetUtcNow() - SweepAfter;
        foreach (var server in redis.Primaries)
        {
            var own = OutboxIndex.On(server);
            await foreach (var key in server.KeysAsync(pattern: RedisKeys.EventOutboxOrIndexPattern, pageSize: SweepPage).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (RedisKeys.IdIn(key!, RedisKeys.EventOutboxPattern) is { } conversationId)
                    relayed += await RelayDueAsync(conversationId, olderThan).ConfigureAwait(false);
                else if (RedisKeys.IdIn(key!, RedisKeys.EventOutboxIndexPattern) is not null && key != own)
                    relayed += await EmptyLeftIndexAsync(key!, olderThan, cancellationToken).ConfigureAwait(false);
            }
        }
        if (relayed > 0) logger.LogWarning("Relayed {Count} events a writer had stored but not published", relayed);
        return relayed;
    }

    /// <summary>
    /// An index no sweep reads: one left on a slot that is no longer its node's first after the cluster's slots moved (no
    /// step writes it any more either). Each conversation it lists has its due events relayed, is listed again on its own
    /// node's index if its outbox still holds events, and is taken off this one, which Redis deletes once it is empty; so
    /// no id and no exact time stays there longer than one full sweep.
    /// </summary>
    private async Task<int> EmptyLeftIndexAsync(string index, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var relayed = 0;
        await foreach (var entry in redis.Db.SortedSetScanAsync(index, pageSize: IndexPage).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var conversationId = entry.Element.ToString();
            relayed += await RelayDueAsync(conversationId, olderThan).ConfigureAwait(false);
            var own = OutboxIndex.For(redis, conversationId);
            if (own == index) continue;
            await RelistAsync(own, conversationId).ConfigureAwait(false);
            await redis.Db.SortedSetRemoveAsync(index, conversationId).ConfigureAwait(false);
        }
        return relayed;
    }

    private async Task<int> RelayDueAsync(string conversationId, DateTimeOffset olderThan)
    {
        var payloads = await redis.Db.ListRangeAsync(RedisKeys.EventOutbox(conversationId)).ConfigureAwait(false);
        var due = payloads.Select(p => p.ToString()).Where(p => At(p) < olderThan).ToList();
        await RelayAsync(conversationId, due, swept: true).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>
    /// After a conversation's due events were relayed: lists it again under its outbox's oldest event's time, or takes it off
    /// its index once the outbox is empty, in one step on the outbox's node, so an event pushed meanwhile (which lists the
    /// conversation in the same step) is never left unlisted. Answers 0 (taken off), 1 (listed again), or -1 (the index is
    /// not on the outbox's node: the cluster's slots moved since it was written; the index is then told directly).
    /// </summary>
    private static readonly RedisScript Relist = RedisScript.Named(
        "local first = redis.call('LINDEX', @outbox, 0) " +
        "local r " +
        "if not first then r = redis.pcall('ZREM', @outboxIndex, @outboxOf) " +
        "else " +
        "  local ok, event = pcall(cjson.decode, first) " +
        "  local at = ok and type(event) == 'table' and tonumber(event['at']) or 0 " +
        "  r = redis.pcall('ZADD', @outboxIndex, at, @outboxOf) " + KeepIndexInScript +
        "end " +
        "if type(r) == 'table' and r.err then return -1 end " +
        "return first and 1 or 0",
        keys: ["outbox"], args: ["outboxIndex", "outboxOf"]);

    private async Task RelistAsync(string index, string conversationId)
    {
        var outcome = (long)await Relist.EvaluateAsync(redis.Db,
            [("outbox", RedisKeys.EventOutbox(conversationId))],
            [("outboxIndex", index), ("outboxOf", conversationId)]).ConfigureAwait(false);
        // The index lives elsewhere now: the conversation is taken off it (its outbox, if not empty, is listed again on its
        // own node by its next event, or found by the full sweep).
        if (outcome == -1) await redis.Db.SortedSetRemoveAsync(index, conversationId).ConfigureAwait(false);
    }

    private static DateTimeOffset At(string payload)
    {
        var fields = Deserialize(payload);
        var at = fields.FirstOrDefault(f => f.Name == "at").Value;
        return long.TryParse(at.ToString(), out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
    }
}
