using System.Diagnostics;
using Hotline.Core.Cases;
using Hotline.Core.Crypto;
using Hotline.Core.Events;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Hotline.Core.Conversations;

/// <summary>
/// One atomic step per inbound message, on the conversation's hash slot: append the sealed entry, replace the
/// conversation's sealed risk state (only if it is still the one the message was judged against), raise the conversation
/// (severity never lowered, language), remember a duress signal, take the channel's id of the message once (a redelivery
/// is refused by the same step that would store it), and put the message's text-free event in the conversation's outbox
/// (on one Redis, straight onto hl:events: <see cref="EventOutbox.AddInScript"/>),
/// all in one script; and, when the caller could word it beforehand, keep the bot's answer after the entry with its send
/// turn in the same script (<see cref="AnswerInStep"/>). A stored message therefore always has its event, even if this process dies
/// before <see cref="EventOutbox.RelayAsync"/> moves it onto hl:events.
/// </summary>
public sealed class MessageRecorder(HotlineRedis redis, TranscriptStore transcripts, TeamKeyDirectory teamKeys, EventOutbox outbox, HotlineMetrics metrics, TimeProvider time,
    ILogger<MessageRecorder>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<MessageRecorder>.Instance;

    /// <summary>How long a duress signal keeps the bot's replies innocent.</summary>
    public static readonly TimeSpan DuressLifetime = TimeSpan.FromDays(7);

    private static readonly string SeverityNames = string.Join(",", Enum.GetValues<Severity>().OrderBy(s => (int)s).Select(s => $"'{s.ToWire()}'"));

    private static readonly RedisScript Record = RedisScript.Named(
        // The conversation's severity and duress mark in one read, and every field this message changes in one write: the
        // risk state and the duress mark are fields of the conversation's hash (read with it, before the message is judged).
        // The same read says whether the entry's data key can be gone: a deletion removes the data keys and leaves the
        // tombstone's deletedAt in one step, so a live hash (its channel there, no deletedAt) still has every key an entry
        // was sealed under since; only a deleted or missing hash needs the key hash asked.
        "local conv = redis.call('HMGET', @conversation, 'severity', '" + ConversationStore.DuressUntilField + "', '" + ConversationTombstone.DeletedAtField + "', @turnField, '" +
        ConversationStore.ChannelField + "', '" + ConversationStore.AliasesMarkedField + "', '" + ConversationStore.CaseIdField + "', '" +
        ConversationStore.PreviousCaseIdField + "', '" + ConversationStore.OperatorField + "') " +
        "if (conv[3] or not conv[5]) and " + TranscriptStore.DataKeyGone + " then return {-2} end " +
        // A channel conversation the caller took for its own that continues another after all (its alias set by a writer
        // that did not mark the hash, ConversationStore.ContinuesField): nothing stored or taken here; the hash is marked,
        // and the caller stores the message where the alias leads ({-4}). Not asked of a conversation started when every
        // writer of an alias marked the hash (ConversationStore.AliasesMarkedField).
        "if @aliasCheck == '1' and not conv[6] and redis.call('EXISTS', @alias) == 1 then " +
        "  if redis.call('EXISTS', @conversation) == 1 then redis.call('HSET', @conversation, '" + ConversationStore.ContinuesField + "', '1') end " +
        "  return {-4} end " +
        "local cur = tonumber(conv[1] or '0') " +
        "local new = tonumber(@severity) " +
        "local fields = {} " +
        "if new > cur then fields[#fields + 1] = 'severity' fields[#fields + 1] = new cur = new end " +
        "if @language ~= '' then fields[#fields + 1] = 'language' fields[#fields + 1] = @language end " +
        "if @riskWrite == '1' then fields[#fields + 1] = '" + ConversationStore.RiskField + "' fields[#fields + 1] = @riskAfter end " +
        "local flagged = 0 " +
        "if @duressNow == '1' then fields[#fields + 1] = '" + ConversationStore.DuressUntilField + "' fields[#fields + 1] = @duressUntil flagged = 1 " +
        "elseif tonumber(conv[2] or '0') > tonumber(@now) then flagged = 1 end " +
        // The bot's answer, when its words still fit (AnswerInStep): after the entry, with its send turn, in the same write.
        "local turn = 0 " +
        "if @answer ~= '' and not conv[3] and cur == tonumber(@answerSeverity) and flagged == tonumber(@answerDuress) then " +
        "  turn = tonumber(conv[4] or redis.call('HGET', @earlierTurns, 'queued') or '0') + 1 " +
        "  fields[#fields + 1] = @turnField fields[#fields + 1] = turn " +
        "  for _, v in ipairs(cjson.decode(@alsoSet)) do fields[#fields + 1] = v end " +
        "  fields[#fields + 1] = '" + TranscriptTail.Field + "' fields[#fields + 1] = @answerTail " +
        "else fields[#fields + 1] = '" + TranscriptTail.Field + "' fields[#fields + 1] = @entryTail end " +
        // Nothing is written before this point (but the alias's mark above). The risk state is written only here, always
        // with an entry: while the transcript has the length the message was judged at, the state is the one it was judged
        // against (a deletion removes the data key first, caught above). The push's answer is the length check
        // (TranscriptStore.PushIfLength); the channel's id of the message is taken with the entry, or neither.
        "if turn > 0 then " + TranscriptStore.PushIfLength("@entry, @answer", 2, "{-1}") +
        "else " + TranscriptStore.PushIfLength("@entry", 1, "{-1}") + "end " +
        "if @onceId ~= '' and redis.call('SADD', @once, @onceId) == 0 then redis.call('RPOP', @transcript, turn > 0 and 2 or 1) return {-3} end " +
        // Always something to write: the transcript's new tail (TranscriptTail), so the next message need not read it.
        "redis.call('HSET', @conversation, unpack(fields)) " +
        "local names = {" + SeverityNames + "} " +
        "local event = cjson.decode(@eventFields) " +
        "event['conversationSeverity'] = names[cur + 1] " +
        "local payload = cjson.encode(event) " +
        EventOutbox.AddInScript +
        // On one Redis the kept answer goes onto its channel's queue in this same write (AnswerInStep.Queue), with its turn;
        // a stream that refuses it (a user without it) leaves it to the caller's queueing after the step.
        "local queuedNow = 0 " +
        "if turn > 0 and @direct == '1' and @queue ~= '' then " +
        "  local entry = cjson.decode(@queueFields) entry[#entry + 1] = 'n' entry[#entry + 1] = turn " +
        "  local id = redis.pcall('XADD', @queue, '*', unpack(entry)) " +
        "  if type(id) ~= 'table' or not id.err then queuedNow = 1 end " +
        "end " +
        // Whether the event's consumers must read it at once (EventOutbox.AddedInScript(bool)): an operator holds the
        // conversation, or the event may make a case urgent: the conversation is urgent after it and either the message
        // itself is (urgent, raised by the earlier ones, duress), or no case of it has been urgent yet (none linked, or a
        // later one, which opens at its message's own severity, or the conversation was below urgent before it). The
        // Triage worker raises a case to its conversation's severity, never lowers it: any other event raises nothing.
        "local urgent = 0 " +
        "if conv[9] or (cur >= " + (int)Severity.High + " and (@urgentMessage == '1' or not conv[7] or conv[8] or tonumber(conv[1] or '0') < " + (int)Severity.High + ")) then urgent = 1 end " +
        "return {cur, flagged, payload, turn, added, urgent, queuedNow}",
        keys: ["transcript", "keys", "conversation", "outbox", "once", "alias", "earlierTurns"],
        args: ["keyId", "direct", "outboxIndex", "outboxOf", "onceId", "aliasCheck", "riskWrite", "riskAfter", "expected", "entry", "entryTail", "answerTail", "severity", "language", "eventFields", "urgentMessage", "duressNow", "now", "duressUntil", "answer", "answerSeverity", "answerDuress", "turnField", "alsoSet", "queue", "queueFields"]);

    /// <param name="draft">The message's event; its <see cref="MessageEvent.ConversationSeverity"/> (the conversation-level risk, at least) is raised to the conversation's by the script.</param>
    /// <param name="facts">What screening found that could name the person: it goes on the event sealed to the team key, bound to the entry.</param>
    /// <param name="newLanguage">The conversation's language from now on, or null to leave it.</param>
    public Task<RecordedMessage> RecordAsync(MessageEvent draft, MessageFacts facts, string text, Language? newLanguage, bool duress, CancellationToken cancellationToken) =>
        RecordAsync(draft.ConversationId, _ => Task.FromResult(new InboundStep(draft, facts)), text, newLanguage, duress, cancellationToken);

    /// <summary>
    /// As <see cref="RecordAsync(MessageEvent, MessageFacts, string, Language?, bool, CancellationToken)"/>, the event,
    /// facts and risk state made by <paramref name="prepare"/> for each attempt: when another message of the conversation
    /// was stored first (or replaced its risk state), the message is prepared again against what that one left.
    /// </summary>
    public async Task<RecordedMessage> RecordAsync(string conversationId, Func<CancellationToken, Task<InboundStep>> prepare, string text, Language? newLanguage, bool duress,
        CancellationToken cancellationToken) =>
        (await RecordOnceAsync(conversationId, prepare, text, newLanguage, duress, null, cancellationToken).ConfigureAwait(false))!;

    /// <summary>
    /// As <see cref="RecordAsync(string, Func{CancellationToken, Task{InboundStep}}, string, Language?, bool, CancellationToken)"/>,
    /// taking <paramref name="once"/> (the channel's id of the message) in the same step: null, with nothing stored, when
    /// that id was taken before (the channel delivered the message again). <paramref name="knownTail"/>: the transcript's tail
    /// as the caller read it (<see cref="TranscriptTail.Field"/> in the conversation's hash, or <see cref="TranscriptStore.Tail"/>),
    /// before or with anything <paramref name="prepare"/> reads.
    /// <paramref name="leaveRelayed"/>: the event is put on hl:events but left in the outbox, for the caller's next step on
    /// the conversation's slot to remove (<see cref="RecordedMessage.Relayed"/>), which saves a round trip.
    /// </summary>
    /// <param name="aliasCheck">
    /// <paramref name="conversationId"/> is a channel conversation the caller found continuing none: if its alias exists
    /// after all, nothing is stored (nor <paramref name="once"/> taken), the hash is marked, and <see cref="ConversationMovedException"/>
    /// tells the caller to store the message where the alias leads (one EXISTS in the step, no round trip).
    /// </param>
    /// <param name="answer">
    /// The bot's answer to keep and give its send turn in the same step, worded for the step's <see cref="InboundStep"/>
    /// (null: none, or none that can be worded before the message is stored); kept only if the conversation is still as
    /// it was worded for (<see cref="AnswerInStep"/>, <see cref="RecordedMessage.AnswerTurn"/>).
    /// </param>
    public async Task<RecordedMessage?> RecordOnceAsync(string conversationId, Func<CancellationToken, Task<InboundStep>> prepare, string text, Language? newLanguage, bool duress,
        MessageOnce? once, CancellationToken cancellationToken, TranscriptTail? knownTail = null, bool leaveRelayed = false,
        Func<InboundStep, Task<AnswerInStep?>>? answer = null, bool aliasCheck = false)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        var started = time.GetTimestamp();
        using var activity = HotlineTracing.Source.StartActivity("hotline.message.store", ActivityKind.Producer);
        MessageEvent? draft = null;
        (TranscriptEntry Entry, string Json)? answered = null;
        AnswerInStep? kept = null;
        // Read once for the entry and the sealed facts alike (each read is a Redis command on every message).
        var teamKey = await teamKeys.PublicKeyAsync(cancellationToken).ConfigureAwait(false);
        var (entry, result) = await transcripts.AppendAsync(conversationId, Author.Person, null, text, async (entry, json) =>
        {
            var step = await prepare(cancellationToken).ConfigureAwait(false);
            var current = draft = step.Draft;
            var fields = (current with
            {
                Sequence = entry.Sequence,
                SealedFacts = step.Facts.IsEmpty ? null : step.Facts.Seal(teamKey, conversationId, entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            }).ToFields();
            // The Triage worker continues this trace from the event.
            if (activity?.Id is { } traceParent) fields = [.. fields, new NameValueEntry(HotlineTracing.TraceParentField, traceParent)];
            var words = kept = answer is null ? null : await answer(step).ConfigureAwait(false);
            // The entry's link is hashed once, for the answer sealed after it and for the tail the hash notes.
            var entryTail = TranscriptTail.Of(entry);
            answered = words is null ? null : transcripts.SealAfter(conversationId, Author.Bot, words.Text, entryTail, teamKey);
            // On one Redis only: on a cluster the queue's stream is on a slot of its own.
            var inStepQueue = redis.OneNode ? words?.Queue : null;
            var result = (RedisResult[]?)await Record.EvaluateAsync(redis.Db,
                [
                    ("transcript", RedisKeys.Transcript(conversationId)),
                    ("keys", RedisKeys.TranscriptKeys(conversationId)),
                    ("conversation", RedisKeys.Conversation(conversationId)),
                    ("outbox", RedisKeys.EventOutbox(conversationId)),
                    // Without an id, a key of the conversation's slot stands in (a script's keys must all be on that slot).
                    ("once", once?.SetKey ?? RedisKeys.Transcript(conversationId)),
                    ("alias", RedisKeys.Alias(conversationId)),
                    ("earlierTurns", words?.EarlierTurns ?? (RedisKey)RedisKeys.Transcript(conversationId)),
                ],
                [
                    ("keyId", entry.SealedKey),
                    ("direct", redis.OneNode ? "1" : "0"),
                    ("outboxIndex", OutboxIndex.For(redis, conversationId)),
                    ("outboxOf", conversationId),
                    ("onceId", once?.Id ?? ""),
                    ("aliasCheck", aliasCheck ? "1" : "0"),
                    ("riskWrite", step.Risk is null ? "0" : "1"),
                    ("riskAfter", step.Risk?.After ?? ""),
                    ("expected", entry.Sequence),
                    ("entry", json),
                    ("entryTail", entryTail.ToField()),
                    ("answerTail", answered is { } a ? TranscriptTail.Of(a.Entry).ToField() : ""),
                    // The conversation rises to what the message says read with the earlier ones (never below the message alone).
                    ("severity", (int)(current.ConversationSeverity > current.MessageSeverity ? current.ConversationSeverity : current.MessageSeverity)),
                    ("language", newLanguage?.ToWire() ?? ""),
                    ("eventFields", EventOutbox.Serialize(fields)),
                    ("urgentMessage", current.MessageSeverity >= Severity.High || current.RaisedByContext || current.Duress ? "1" : "0"),
                    ("duressNow", duress ? "1" : "0"),
                    ("now", time.GetUtcNow().ToUnixTimeMilliseconds()),
                    ("duressUntil", (time.GetUtcNow() + DuressLifetime).ToUnixTimeMilliseconds()),
                    ("answer", answered?.Json ?? ""),
                    ("answerSeverity", words is null ? -1 : (int)words.Severity),
                    ("answerDuress", words is { UnderDuress: true } ? 1 : 0),
                    // Without an answer, a field read for nothing and a key of the conversation's slot stand in.
                    ("turnField", words?.TurnField ?? "severity"),
                    ("alsoSet", words is null ? "[]" : System.Text.Json.JsonSerializer.Serialize(words.AlsoSet)),
                    ("queue", inStepQueue is null ? "" : inStepQueue.Stream.ToString()),
                    ("queueFields", inStepQueue is null ? "[]" : Flat(inStepQueue.Fields)),
                ]).ConfigureAwait(false);
            return result is { Length: 7 } || (result is [var refused] && (int)refused is -3 or -4) ? Tuple.Create(entry, result) : null;
        }, cancellationToken, knownTail: knownTail, teamPublicKey: teamKey).ConfigureAwait(false);
        if ((int)result[0] == -3) return null;
        if ((int)result[0] == -4) throw new ConversationMovedException(conversationId);
        // The draft of the attempt that was stored (an earlier one may have been judged against an older state).
        var written = draft!;
        activity?.SetTag("hotline.channel", written.Channel.ToWire());
        activity?.SetTag("hotline.severity", written.MessageSeverity.ToWire());
        // Only this message's event: anything older in the outbox is a dead writer's, and the sweep relays it.
        // Read as text only while it waits in the outbox (on one Redis it is on hl:events already, and nothing reads it here).
        var inOutbox = (int)result[4] == 0;
        var payload = inOutbox ? result[2].ToString() : null;
        var turn = (long)result[3];
        // The kept answer goes on its channel's queue first: the transcript shows it and its turn is taken, so it must not
        // wait on the relay (a relay that fails would otherwise leave it unsent, and the conversation's next turns waiting).
        // On one Redis the step put it there itself (AnswerInStep.Queue): only its consumers are woken.
        var queuedInStep = turn > 0 && (int)result[6] == 1;
        if (queuedInStep) redis.Wake(kept!.Queue!.Stream.ToString());
        var queued = queuedInStep || (turn > 0 && kept?.QueueAsync is { } queue && await QueueKeptAsync(queue, turn).ConfigureAwait(false));
        // The event is in the conversation's outbox already: if the relay fails, the sweep relays it, and the request succeeds
        // (a redelivery would be refused as a duplicate).
        var relayed = inOutbox ? await RelayAsync(conversationId, payload!, leaveRelayed).ConfigureAwait(false) : outbox.AddedInScript(urgent: (int)result[5] == 1);
        metrics.MessageStored(written.Channel, written.MessageSeverity, time.GetElapsedTime(started));
        return new RecordedMessage(entry, (Severity)(int)result[0], (int)result[1] == 1)
        {
            TeamPublicKey = teamKey,
            Relayed = leaveRelayed && relayed && inOutbox ? payload : null,
            AnswerTurn = turn > 0 ? turn : null,
            Answer = turn > 0 ? answered!.Value.Entry : null,
            AnswerQueued = queued,
        };
    }

    /// <summary>A stream entry's fields and values as one JSON array of strings, for a script to append (XADD) as they are.</summary>
    private static string Flat(NameValueEntry[] fields)
    {
        var flat = new string[fields.Length * 2];
        for (var i = 0; i < fields.Length; i++)
        {
            flat[2 * i] = fields[i].Name.ToString();
            flat[2 * i + 1] = fields[i].Value.ToString();
        }
        return System.Text.Json.JsonSerializer.Serialize(flat);
    }

    /// <summary>Queues the answer the step kept; false, logged, when Redis does not take it.</summary>
    private async Task<bool> QueueKeptAsync(Func<long, Task> queue, long turn)
    {
        try
        {
            await queue(turn).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            log.LogError(e, "A stored message's kept answer could not be queued for sending");
            return false;
        }
    }

    /// <summary>Relays the message's event (left in the outbox when <paramref name="leave"/>); false, logged, when Redis does not take it.</summary>
    private async Task<bool> RelayAsync(string conversationId, string payload, bool leave)
    {
        try
        {
            if (leave) await outbox.RelayLeavingAsync(payload).ConfigureAwait(false);
            else await outbox.RelayAsync(conversationId, [payload]).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            log.LogWarning(e, "A stored message's event stays in its conversation's outbox; the sweep relays it");
            return false;
        }
    }
}
