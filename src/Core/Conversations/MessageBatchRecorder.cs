using System.Globalization;
using System.Text.Json;
using Hotline.Core.Cases;
using Hotline.Core.Crypto;
using Hotline.Core.Events;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Core.Conversations;

/// <summary>
/// Several inbound messages of one conversation stored in one atomic step (a sender's messages that waited together, over
/// its limit, unanswered): their entries sealed one after another after the tail the caller knows, each channel id taken
/// once, the conversation's sealed risk state replaced by the state after the last of them, the conversation raised, and
/// ONE text-free event for them all, saying the highest severity among them. As
/// <see cref="MessageRecorder"/> for one message: the event goes straight onto hl:events on one Redis, into the
/// conversation's outbox on a cluster, and a stored batch always has its event.
/// </summary>
public sealed class MessageBatchRecorder(HotlineRedis redis, TranscriptStore transcripts, TeamKeyDirectory teamKeys, EventOutbox outbox, HotlineMetrics metrics, TimeProvider time)
{
    private static readonly string SeverityNames = string.Join(",", Enum.GetValues<Severity>().OrderBy(s => (int)s).Select(s => $"'{s.ToWire()}'"));

    private static readonly RedisScript Record = RedisScript.Named(
        // Ended (a stop word, expiry) or deleted since the caller read it, claimed or released by an operator, another case,
        // or continuing another conversation (the person gave a case code: its messages belong there): the caller reads it again.
        // As in the one message's step (MessageRecorder): the data key is asked only of a hash without its channel (a live
        // hash still has every key an entry was sealed under; a deleted one says so by deletedAt, refused here anyway), and
        // the alias only of a hash without the mark that every alias of it is marked (ConversationStore.AliasesMarkedField).
        "local conv = redis.call('HMGET', @conversation, 'severity', '" + ConversationStore.DuressUntilField + "', '" + ConversationTombstone.DeletedAtField + "', '"
            + ConversationStore.EndedField + "', '" + ConversationStore.ContinuesField + "', '" + ConversationStore.OperatorField + "', '" + ConversationStore.CaseIdField + "', '"
            + ConversationStore.ChannelField + "', '" + ConversationStore.AliasesMarkedField + "') " +
        "if conv[3] or conv[4] or conv[5] or (conv[6] or '') ~= @knownOperator or (conv[7] or '') ~= @knownCase then return {-1} end " +
        "if not conv[8] and " + TranscriptStore.DataKeyGone + " then return {-1} end " +
        "if not conv[9] and redis.call('EXISTS', @alias) == 1 then return {-1} end " +
        // A channel id taken before (a redelivery) is refused before anything is written (the caller seals the rest again):
        // which ones must be asked anyway, and asked first, a failing read (the set not a set) leaves nothing written either.
        // Then the push, whose answer is the length check (TranscriptStore.PushIfLength: refused, it is popped again).
        "local ids = cjson.decode(@onceIds) " +
        "if #ids > 0 then " +
        "  local seen = redis.call('SMISMEMBER', @once, unpack(ids)) " +
        "  local taken = {} for i, s in ipairs(seen) do if s == 1 then taken[#taken + 1] = i end end " +
        "  if #taken > 0 then return {-3, unpack(taken)} end " +
        "end " +
        "local entries = cjson.decode(@entries) " +
        TranscriptStore.PushIfLength("unpack(entries)", "#entries", "{-1}") +
        "if #ids > 0 then redis.call('SADD', @once, unpack(ids)) end " +
        "local cur = math.max(tonumber(conv[1] or '0'), tonumber(@severity)) " +
        "local set = {'severity', cur} " +
        "if @language ~= '' then set[#set + 1] = 'language' set[#set + 1] = @language end " +
        "if @riskWrite == '1' then set[#set + 1] = '" + ConversationStore.RiskField + "' set[#set + 1] = @riskAfter end " +
        "local flagged = tonumber(conv[2] or '0') > tonumber(@now) and 1 or 0 " +
        "if @duressNow == '1' then set[#set + 1] = '" + ConversationStore.DuressUntilField + "' set[#set + 1] = @duressUntil flagged = 1 end " +
        // The transcript's new tail (TranscriptTail), so the next message need not read it.
        "set[#set + 1] = '" + TranscriptTail.Field + "' set[#set + 1] = @newTail " +
        "redis.call('HSET', @conversation, unpack(set)) " +
        "local names = {" + SeverityNames + "} " +
        "local event = cjson.decode(@eventFields) " +
        "event['conversationSeverity'] = names[cur + 1] " +
        "local payload = cjson.encode(event) " +
        EventOutbox.AddInScript +
        "return {cur, flagged, payload, added}",
        keys: ["transcript", "keys", "conversation", "alias", "outbox", "once"],
        args: ["keyId", "knownOperator", "knownCase", "direct", "outboxIndex", "outboxOf", "onceIds", "expected", "entries", "newTail", "severity", "language", "riskWrite", "riskAfter", "eventFields", "duressNow", "now", "duressUntil"]);

    /// <summary>
    /// Stores <paramref name="texts"/> after <paramref name="tail"/>. <paramref name="step"/>'s event names the entry of
    /// <paramref name="carrier"/> (the index of the message whose facts it carries, sealed to that entry). Nothing is stored
    /// (<see cref="BatchRecordedKind.Stale"/>) when the conversation's operator (<paramref name="knownOperator"/>) or case
    /// (the draft's) is not the one the caller judged the messages with, or the conversation continues another.
    /// </summary>
    public async Task<BatchRecorded> RecordAsync(string conversationId, TranscriptTail tail, IReadOnlyList<string> texts, IReadOnlyList<string> onceIds, string onceSet,
        int carrier, InboundStep step, Language? newLanguage, bool duress, string? knownOperator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tail);
        ArgumentNullException.ThrowIfNull(step);
        var started = time.GetTimestamp();
        var teamKey = await teamKeys.PublicKeyAsync(cancellationToken).ConfigureAwait(false);
        if (transcripts.SealAfter(conversationId, Author.Person, texts, tail, teamKey) is not { } sealedEntries) return BatchRecorded.NotSealable;
        var sequence = sealedEntries[carrier].Entry.Sequence.ToString(CultureInfo.InvariantCulture);
        var fields = (step.Draft with
        {
            Sequence = sealedEntries[carrier].Entry.Sequence,
            SealedFacts = step.Facts.IsEmpty ? null : step.Facts.Seal(teamKey, conversationId, sequence),
        }).ToFields();
        var draft = step.Draft;
        var now = time.GetUtcNow();
        var result = (RedisResult[]?)await Record.EvaluateAsync(redis.Db,
            [
                ("transcript", RedisKeys.Transcript(conversationId)),
                ("keys", RedisKeys.TranscriptKeys(conversationId)),
                ("conversation", RedisKeys.Conversation(conversationId)),
                ("alias", RedisKeys.Alias(conversationId)),
                ("outbox", RedisKeys.EventOutbox(conversationId)),
                ("once", onceSet),
            ],
            [
                ("keyId", sealedEntries[0].Entry.SealedKey),
                ("knownOperator", knownOperator ?? ""),
                ("knownCase", draft.CaseId ?? ""),
                ("direct", redis.OneNode ? "1" : "0"),
                ("outboxIndex", OutboxIndex.For(redis, conversationId)),
                ("outboxOf", conversationId),
                ("onceIds", JsonSerializer.Serialize(onceIds)),
                ("expected", tail.Sequence + 1),
                ("entries", JsonSerializer.Serialize(sealedEntries.Select(e => e.Json))),
                ("newTail", TranscriptTail.Of(sealedEntries[^1].Entry).ToField()),
                ("severity", (int)(draft.ConversationSeverity > draft.MessageSeverity ? draft.ConversationSeverity : draft.MessageSeverity)),
                ("language", newLanguage?.ToWire() ?? ""),
                ("riskWrite", step.Risk is null ? "0" : "1"),
                ("riskAfter", step.Risk?.After ?? ""),
                ("eventFields", EventOutbox.Serialize(fields)),
                ("duressNow", duress ? "1" : "0"),
                ("now", now.ToUnixTimeMilliseconds()),
                ("duressUntil", (now + MessageRecorder.DuressLifetime).ToUnixTimeMilliseconds()),
            ]).ConfigureAwait(false) ?? throw new InvalidOperationException("The batch's script returned nothing");
        switch ((int)result[0])
        {
            case -1:
                return BatchRecorded.Stale;
            case -3:
                return new BatchRecorded(BatchRecordedKind.Redelivered) { Redelivered = result.Skip(1).Select(i => (int)i - 1).ToList() };
        }
        // On a cluster the event is in the conversation's outbox: relayed now, or by the sweep if this fails.
        if ((int)result[3] == 1) outbox.AddedInScript();
        else await RelayAsync(conversationId, result[2].ToString()).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        foreach (var _ in texts) metrics.MessageStored(draft.Channel, draft.MessageSeverity, elapsed);
        return new BatchRecorded(BatchRecordedKind.Stored)
        {
            Entries = sealedEntries.Select(e => e.Entry).ToList(),
            ConversationSeverity = (Severity)(int)result[0],
            UnderDuress = (int)result[1] == 1,
        };
    }

    private async Task RelayAsync(string conversationId, string payload)
    {
        try
        {
            await outbox.RelayAsync(conversationId, [payload]).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // Stored with its event in the outbox: the sweep relays it.
        }
    }
}

public enum BatchRecordedKind
{
    /// <summary>Stored, every entry and the one event.</summary>
    Stored,

    /// <summary>Nothing stored: the transcript moved on, or the conversation ended or was deleted, since the caller read it.</summary>
    Stale,

    /// <summary>Nothing stored: some channel ids were taken before (<see cref="BatchRecorded.Redelivered"/>).</summary>
    Redelivered,

    /// <summary>Nothing stored: this process has no stored data key for the conversation to seal under (one message alone stores one).</summary>
    NotSealable,
}

/// <summary>What <see cref="MessageBatchRecorder.RecordAsync"/> did.</summary>
public sealed record BatchRecorded(BatchRecordedKind Kind)
{
    public static readonly BatchRecorded Stale = new(BatchRecordedKind.Stale);
    public static readonly BatchRecorded NotSealable = new(BatchRecordedKind.NotSealable);

    /// <summary>The stored entries, in order.</summary>
    public IReadOnlyList<TranscriptEntry> Entries { get; init; } = [];

    /// <summary>The conversation's severity after the batch.</summary>
    public Severity ConversationSeverity { get; init; }

    public bool UnderDuress { get; init; }

    /// <summary>The indexes of the messages whose channel id was taken before.</summary>
    public IReadOnlyList<int> Redelivered { get; init; } = [];
}
