using Hotline.Bot.Flow;
using Hotline.Bot.Limits;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// An incoming SMS or WhatsApp message, after its signature was checked: taken once per MessageSid, mapped to the
/// sender's conversation by pseudonym, then the same conversation flow as every channel. Stop and wipe words end the
/// conversation and forget the address at once; media is answered with a note that only text is read.
/// </summary>
public sealed class TwilioInbound(
    HotlineRedis redis,
    TwilioSenders senders,
    ConversationStore conversations,
    ConversationFlow flow,
    CaseCodes codes,
    TwilioOutbox outbox,
    WhatsAppWindows windows,
    MessageStates states,
    ConversationDeletion deletion,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<TwilioInbound> logger,
    SenderThrottle? throttle = null,
    SenderGates<QueuedSms>? gates = null,
    QuietBatch? quiet = null)
{
    /// <summary>Twilio retries a webhook for minutes, not days; the SID is remembered a little longer than that.</summary>
    public static readonly TimeSpan DedupeLifetime = TimeSpan.FromDays(2);

    /// <summary>Above this many senders whose last stored tail is kept, all are let go (they are only read again).</summary>
    private const int TailsKept = 10_000;

    /// <summary>
    /// What this Bot last stored for each sender over its limit (<see cref="QuietTail"/>): its next messages are sealed after
    /// it without reading the conversation again. Only a hint: the script that stores them refuses if the transcript moved on.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, QuietTail> tails = new(StringComparer.Ordinal);

    public async Task<InboundOutcome> HandleAsync(TwilioInboundMessage message, CancellationToken cancellationToken)
    {
        var pseudonym = await senders.PseudonymOfAsync(message.Channel, message.From).ConfigureAwait(false);
        var body = message.Body.Trim();
        var keyword = message.NumMedia == 0 ? Keywords.Classify(body) : default;
        // A plain message (text, no keyword, no case code) is taken once by the very script that stores it: its SID joins
        // the conversation's SIDs in that step. Anything else (stop, wipe, start, a case code, media alone) takes its SID first.
        var plain = body.Length > 0 && keyword.Kind == KeywordKind.None && CaseCodeFormat.Parse(body) is null;
        // An SMS of a sender this Bot knows is over its limit is not answered: it waits to be stored with the others of the
        // sender that wait with it, in one step.
        if (plain && gates is not null && quiet is not null && message.Channel == Channel.Sms && throttle?.KnownOver(pseudonym) == true)
        {
            return await HandleOverLimitAsync(new QueuedSms(message, body), pseudonym, gates, cancellationToken).ConfigureAwait(false);
        }
        // One sender's messages are handled here one at a time (SenderGates): a flood waits for itself, not for everyone else,
        // and its messages do not race each other for the end of their one transcript.
        using var oneAtATime = gates is null ? null : await gates.EnterAsync(pseudonym, cancellationToken).ConfigureAwait(false);
        // What the sender's messages over its limit were last stored after is no longer the transcript's tail.
        tails.TryRemove(pseudonym, out _);
        return await HandleInTurnAsync(message, pseudonym, body, keyword, plain, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A message in its sender's turn (<see cref="SenderGates{T}"/>), handled alone.</summary>
    private async Task<InboundOutcome> HandleInTurnAsync(TwilioInboundMessage message, string pseudonym, string body, Keyword keyword, bool plain, CancellationToken cancellationToken)
    {
        var dedupe = TwilioKeys.Inbound(message.MessageSid);
        // One round trip: take the MessageSid (unless the store step does), and look up the sender's conversation, unless
        // this process found it for the sender's last plain message (checked below: it must still be live). A plain
        // message's answer allowance is counted at the same time.
        var recalled = plain ? senders.Recalled(pseudonym) : null;
        var batch = redis.Db.CreateBatch();
        var taken = plain ? null : batch.StringSetAsync(dedupe, "taken", DedupeLifetime, When.NotExists);
        var pointer = recalled is null ? batch.StringGetAsync(TwilioKeys.Sender(pseudonym)) : null;
        batch.Execute();
        var mayAnswer = plain && throttle is not null ? throttle.MayAnswerAsync(pseudonym) : null;
        if (taken is not null && !await taken.ConfigureAwait(false)) return InboundOutcome.Duplicate;
        var claimed = taken is not null;
        try
        {
            var existing = recalled ?? (string?)await pointer!.ConfigureAwait(false);
            // Not found under the current key: the sender may have written before the last rotation of the pseudonym key.
            var earlier = existing is null ? await senders.EarlierPseudonymOfAsync(message.Channel, message.From).ConfigureAwait(false) : null;
            if (earlier is not null) existing = await senders.ConversationOfAsync(earlier).ConfigureAwait(false);
            var inbound = new Inbound(message, pseudonym, body, keyword, plain, mayAnswer, FoundEarlier: earlier is not null, Recalled: recalled is not null);
            var outcome = await HandleOnceAsync(inbound, existing, () => claimed = true, cancellationToken).ConfigureAwait(false);
            // The pointer now lives under the current pseudonym (or the conversation ended): the earlier one goes.
            if (earlier is not null && existing is not null) await senders.ForgetPointerAsync(earlier).ConfigureAwait(false);
            return outcome;
        }
        catch
        {
            // Not handled: Twilio's retry of the same MessageSid must be taken again. (A plain message's SID is taken only
            // with the message, so there is nothing to give back.)
            if (claimed) await redis.Db.KeyDeleteAsync(dedupe).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One delivery of Twilio's webhook as read so far.</summary>
    private sealed record Inbound(TwilioInboundMessage Message, string Pseudonym, string Body, Keyword Keyword, bool Plain, Task<bool>? MayAnswer, bool FoundEarlier, bool Recalled);

    private async Task<InboundOutcome> HandleOnceAsync(Inbound inbound, string? existing, Action claimed, CancellationToken cancellationToken)
    {
        var (message, pseudonym, body, keyword) = (inbound.Message, inbound.Pseudonym, inbound.Body, inbound.Keyword);
        var channel = message.Channel;
        var via = options.Value.ReplyVia(channel, message.To, message.MessagingServiceSid)
            ?? throw new InvalidOperationException("A Twilio message without a To, and no HOTLINE_TWILIO_FROM or HOTLINE_TWILIO_MESSAGING_SERVICE_SID to reply from");

        if (keyword.Kind is KeywordKind.Stop or KeywordKind.Wipe)
        {
            await EndAsync(existing, pseudonym, message, keyword, via, cancellationToken).ConfigureAwait(false);
            return keyword.Kind == KeywordKind.Wipe ? InboundOutcome.Wiped : InboundOutcome.Stopped;
        }
        if (body.Length == 0 && message.NumMedia == 0) return InboundOutcome.Empty;

        // The conversation as the flow needs it, read once: the channel's fields (ended, the reply route, when the address
        // was last kept) are in the same hash.
        var loaded = existing is null ? null : await PreloadAsync(existing).ConfigureAwait(false);
        if (inbound.Recalled && loaded?.Record is not { Ended: false })
        {
            // The conversation this process recalled for the sender has ended or gone since (perhaps at another Bot): the
            // pointer may lead elsewhere now, so it is read after all.
            senders.Unrecall(pseudonym);
            existing = await senders.ConversationOfAsync(pseudonym).ConfigureAwait(false);
            loaded = existing is null ? null : await PreloadAsync(existing).ConfigureAwait(false);
        }
        var record = loaded?.Record;
        var ended = record?.Ended == true;
        var known = record is not null && !ended;
        var conversationId = existing is not null && !ended
            ? existing
            : await senders.NewConversationAsync(pseudonym, replaceExisting: ended).ConfigureAwait(false);
        // The sender's next plain message here need not read the pointer (it checks that the conversation is still live).
        senders.Recall(pseudonym, conversationId);
        // The message's SID joins the conversation's in the step that stores it, unless the message is stored in the
        // conversation this one continues (on another hash slot): then it is taken here, before anything is stored.
        var continues = conversationId == existing && loaded?.ContinuedIn is not null;
        if (!known) loaded = null;
        var once = inbound.Plain && !continues
            ? new MessageOnce(TwilioKeys.MessageSids(conversationId), message.MessageSid)
            : null;
        if (inbound.Plain && once is null)
        {
            if (!await redis.Db.StringSetAsync(TwilioKeys.Inbound(message.MessageSid), "taken", DedupeLifetime, When.NotExists).ConfigureAwait(false))
            {
                return InboundOutcome.Duplicate;
            }
            claimed();
        }

        // The pointer and the sealed address for another lifetime, and the reply route unless the conversation already has
        // this one: on a new conversation, and then about once an hour (not on every message). The SID of a message that is
        // not taken by the store step joins the conversation's here. One round trip, when there is anything to write.
        var writes = new List<Task>();
        var write = redis.Db.CreateBatch();
        // Found under the previous period's pseudonym: the pointer moves to the current one now.
        if (!known || inbound.FoundEarlier || senders.DueToRemember(record!))
        {
            writes.AddRange(senders.Remember(write, conversationId, pseudonym, channel, message.From));
        }
        if (!(known && record!.Fields.GetValueOrDefault(TwilioFields.Via) == via)) writes.Add(write.HashSetAsync(RedisKeys.Conversation(conversationId), TwilioFields.Via, via));
        if (once is null) writes.AddRange(states.RecordInbound(write, conversationId, message.MessageSid));
        if (writes.Count > 0)
        {
            write.Execute();
            await Task.WhenAll(writes).ConfigureAwait(false);
        }
        var held = channel == Channel.WhatsApp ? await windows.OpenAsync(conversationId).ConfigureAwait(false) : [];

        // The first SMS uses the deployment's neutral wording: the phone may be read by someone else.
        var greeting = channel == Channel.Sms ? options.Value.SmsFirstReply : BotTexts.Greeting;
        var created = !known && await flow.StartAsync(conversationId, channel, greeting, cancellationToken).ConfigureAwait(false);
        if (created) logger.LogInformation("A {Channel} conversation started", channel.ToWire());
        foreach (var text in held)
        {
            // Already in the transcript when first said; only now can WhatsApp take them.
            await outbox.EnqueueTextAsync(conversationId, channel, via, message.From, text, wipe: false).ConfigureAwait(false);
        }
        if (keyword.Kind == KeywordKind.Start && created) return InboundOutcome.Accepted;
        // Over the sender's limit the message is still stored and reaches its case; only the bot's reply is left out.
        var quiet = throttle is not null && !await (inbound.MayAnswer ?? throttle.MayAnswerAsync(pseudonym)).ConfigureAwait(false);
        if (quiet) logger.LogInformation("A {Channel} message over the sender's limit was stored without a reply", channel.ToWire());
        // The bot's answer goes to the address and route this message came with: the outbox need not read them back.
        using var replyTo = outbox.ReplyingTo(conversationId, channel, message.From, via);
        if (body.Length > 0)
        {
            FlowOutcome received;
            try
            {
                received = await flow.ReceiveAsync(new InboundMessage(conversationId, channel, body, Quiet: quiet) { Loaded = loaded, Once = once }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConversationMovedException)
            {
                // The conversation continues another after all (an earlier version confirmed the move without marking its
                // hash; the refusing step marked it, and stored or took nothing): read again, it goes the continued way.
                return await HandleOnceAsync(inbound, existing, claimed, cancellationToken).ConfigureAwait(false);
            }
            if (received.Duplicate) return InboundOutcome.Duplicate;
        }
        if (message.NumMedia > 0 && !quiet)
        {
            var language = WireNames.ParseLanguage(await redis.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "language").ConfigureAwait(false));
            await flow.SayAsync(conversationId, channel, Speaker.Bot, TwilioTexts.MediaNotRead(language), cancellationToken).ConfigureAwait(false);
        }
        return InboundOutcome.Accepted;
    }

    /// <summary>
    /// An SMS of a sender over its limit: queued at the sender's gate, and stored, when the gate opens, with every other
    /// such message of the sender queued behind it, by one script with one event (<see cref="QuietBatch"/>). Each webhook
    /// is answered only once the step that stores its message succeeded; if it fails, none of the batch is acknowledged.
    /// </summary>
    private async Task<InboundOutcome> HandleOverLimitAsync(QueuedSms queued, string pseudonym, SenderGates<QueuedSms> gates, CancellationToken cancellationToken)
    {
        using (var turn = await gates.JoinAsync(pseudonym, queued, cancellationToken).ConfigureAwait(false))
        {
            if (turn is not null)
            {
                try
                {
                    await StoreTogetherAsync(turn, pseudonym, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    foreach (var waiting in turn.Batch) waiting.Outcome.TrySetException(e);
                }
            }
        }
        return await queued.Outcome.Task.ConfigureAwait(false);
    }

    private async Task StoreTogetherAsync(SenderTurn<QueuedSms> turn, string pseudonym, CancellationToken cancellationToken)
    {
        // A SID twice in one batch (Twilio delivered it again while the first still waited) is stored once.
        var pending = new List<QueuedSms>(turn.Batch.Count);
        var again = new List<(QueuedSms Again, QueuedSms First)>();
        foreach (var queued in turn.Batch)
        {
            if (pending.Find(p => p.Message.MessageSid == queued.Message.MessageSid) is { } first) again.Add((queued, first));
            else pending.Add(queued);
        }
        var tries = 0;
        while (pending.Count > 0)
        {
            // A kept tail is used while its address need not be remembered again; the script refuses it if the conversation moved on.
            var tail = tails.TryGetValue(pseudonym, out var kept) && senders.Recalled(pseudonym) == kept.ConversationId && !senders.DueToRemember(kept.Record) ? kept : null;
            if (tail is null && tries < 2) tail = await LoadQuietAsync(pseudonym).ConfigureAwait(false);
            if (tail is null || !pending.TrueForAll(p => SameRoute(tail, p.Message)))
            {
                // Not stored together now (no live conversation known, another route, a conversation read twice in vain):
                // the first goes the usual way, which finds, starts or remembers what is needed; the rest follow.
                tails.TryRemove(pseudonym, out _);
                var first = pending[0];
                pending.RemoveAt(0);
                first.Outcome.TrySetResult(await HandleInTurnAsync(first.Message, pseudonym, first.Body, default, plain: true, cancellationToken).ConfigureAwait(false));
                tries = 0;
                continue;
            }
            foreach (var queued in pending) queued.Judged ??= await quiet!.JudgeAsync(queued.Body, queued.Message.MessageSid).ConfigureAwait(false);
            var (result, next) = await quiet!.StoreAsync(tail, pending.ConvertAll(p => p.Judged!), TwilioKeys.MessageSids(tail.ConversationId), cancellationToken).ConfigureAwait(false);
            if (next is null) tails.TryRemove(pseudonym, out _);
            else Keep(pseudonym, next);
            switch (result.Kind)
            {
                case BatchRecordedKind.Stored:
                    logger.LogInformation("{Count} {Channel} messages over the sender's limit were stored together without a reply", pending.Count, Channel.Sms.ToWire());
                    foreach (var queued in pending) queued.Outcome.TrySetResult(InboundOutcome.Accepted);
                    pending.Clear();
                    break;
                case BatchRecordedKind.Redelivered:
                    var redelivered = result.Redelivered.Select(i => pending[i]).ToList();
                    foreach (var queued in redelivered) queued.Outcome.TrySetResult(InboundOutcome.Duplicate);
                    pending.RemoveAll(redelivered.Contains);
                    break;
                case BatchRecordedKind.Stale:
                    tries++;
                    break;
                default:
                    tries = 2;
                    break;
            }
        }
        foreach (var (queued, first) in again)
        {
            await first.Outcome.Task.ConfigureAwait(false);
            queued.Outcome.TrySetResult(InboundOutcome.Duplicate);
        }
    }

    private void Keep(string pseudonym, QuietTail tail)
    {
        if (tails.Count >= TailsKept) tails.Clear();
        tails[pseudonym] = tail;
    }

    /// <summary>
    /// The sender's live conversation as this process recalls it, read in one round trip, when its messages over the limit
    /// can be stored together there; null when the usual way must find, start or continue it first.
    /// </summary>
    private async Task<QuietTail?> LoadQuietAsync(string pseudonym)
    {
        if (senders.Recalled(pseudonym) is not { } conversationId) return null;
        var loaded = await PreloadAsync(conversationId).ConfigureAwait(false);
        // A conversation that continues (or may continue) another goes the usual way, which resolves where its messages belong.
        if (loaded is not { Record: { Ended: false } record, ContinuedIn: null, Tail: { } tail } || senders.DueToRemember(record)
            || record.Fields.ContainsKey(ConversationStore.ContinuesField)) return null;
        return new QuietTail(conversationId, record, tail, loaded.SealedRisk);
    }

    /// <summary>Whether the message came by the route the conversation already replies by (otherwise the usual way records it).</summary>
    private bool SameRoute(QuietTail tail, TwilioInboundMessage message) =>
        tail.Record.Fields.GetValueOrDefault(TwilioFields.Via) is { } via && via == options.Value.ReplyVia(message.Channel, message.To, message.MessagingServiceSid);

    /// <summary>The conversation as the flow needs it, in one round trip (<see cref="ConversationFlow.Preload"/>).</summary>
    private async Task<PreloadedConversation> PreloadAsync(string conversationId)
    {
        var batch = redis.Db.CreateBatch();
        var loading = flow.Preload(batch, conversationId);
        batch.Execute();
        return await loading.ConfigureAwait(false);
    }

    /// <summary>
    /// A stop or wipe word: the person is told once how to come back (the reply carries the address, sealed, so it can
    /// still go out), then the conversation ends and the address and the pointer to the conversation are forgotten.
    /// </summary>
    private async Task EndAsync(string? conversationId, string pseudonym, TwilioInboundMessage message, Keyword keyword, string via, CancellationToken cancellationToken)
    {
        var wipe = keyword.Kind == KeywordKind.Wipe;
        var channel = message.Channel;
        var record = conversationId is null ? null : await conversations.GetAsync(conversationId).ConfigureAwait(false);
        var language = record is { Language: not Language.Other } ? record.Language : keyword.Language;
        if (conversationId is null || record is null || record.Ended)
        {
            // A sender we hold nothing for: answer once (saying nothing was deleted, since nothing was held), keep nothing.
            var answer = wipe ? TwilioTexts.NothingToWipe(language) : TwilioTexts.Stopped(language);
            await outbox.EnqueueTextAsync(null, channel, via, message.From, answer, wipe).ConfigureAwait(false);
            if (wipe) await states.ScheduleDeletionAsync(message.MessageSid).ConfigureAwait(false);
            if (conversationId is not null) await senders.ForgetAsync(conversationId, pseudonym).ConfigureAwait(false);
            logger.LogInformation("A {Keyword} word from a {Channel} sender without a conversation", keyword.Kind.ToString(), channel.ToWire());
            return;
        }

        var key = RedisKeys.Conversation(conversationId);
        await states.RecordInboundAsync(conversationId, message.MessageSid).ConfigureAwait(false);
        if (channel == Channel.WhatsApp) await windows.OpenAsync(conversationId).ConfigureAwait(false);
        if (wipe)
        {
            await WipeAsync(conversationId, pseudonym, message, via, language).ConfigureAwait(false);
            return;
        }
        var goodbye = TwilioTexts.Stopped(language);
        // The case code stops working: on this conversation, and on the one it continues if the person moved here with it.
        await codes.RevokeAsync(conversationId).ConfigureAwait(false);
        if (await codes.ResolveAsync(conversationId).ConfigureAwait(false) is { } continued && continued != conversationId) await codes.RevokeAsync(continued).ConfigureAwait(false);
        await flow.SayAsync(conversationId, channel, Speaker.Bot, goodbye, cancellationToken).ConfigureAwait(false);
        await redis.Db.HashSetAsync(key, [
            new HashEntry(ConversationStore.EndedField, "1"),
            new HashEntry(ConversationStore.EndedAtField, time.GetUtcNow().ToUnixTimeMilliseconds()),
        ]).ConfigureAwait(false);
        await senders.ForgetAsync(conversationId, pseudonym).ConfigureAwait(false);
        await windows.ForgetAsync(conversationId).ConfigureAwait(false);
        logger.LogInformation("A {Channel} conversation ended with a {Keyword} word; its address is forgotten", channel.ToWire(), keyword.Kind.ToString());
    }

    /// <summary>
    /// The wipe word: the address and the sender's pseudonym pointer are forgotten, the conversation is deleted by the one
    /// deletion path (<see cref="ConversationDeletion"/>), every message SID it held (however long it was idle, and those of
    /// the conversation it continued with the case code) is queued for deletion at Twilio, and only then is the person told,
    /// in words that say exactly what was done. The reply is not kept, and is deleted at Twilio too.
    /// </summary>
    private async Task WipeAsync(string conversationId, string pseudonym, TwilioInboundMessage message, string via, Language language)
    {
        // Marked first, so every message still going out for this conversation (the reply below included) is deleted at Twilio
        // once delivered; noted as deleted before the mark, as a deletion is, so a reply's record that finds no note finds no mark.
        await deletion.NoteAsync(conversationId).ConfigureAwait(false);
        await redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), [
            new HashEntry(TwilioFields.Wiped, "1"),
            new HashEntry(ConversationStore.EndedField, "1"),
            new HashEntry(ConversationStore.EndedAtField, time.GetUtcNow().ToUnixTimeMilliseconds()),
        ]).ConfigureAwait(false);
        await senders.ForgetAsync(conversationId, pseudonym).ConfigureAwait(false);
        await windows.ForgetAsync(conversationId).ConfigureAwait(false);
        var deleted = await deletion.DeleteConversationAsync(conversationId).ConfigureAwait(false);
        await states.ScheduleDeletionsAsync(deleted.ChannelMessageIds).ConfigureAwait(false);
        await outbox.EnqueueTextAsync(conversationId, message.Channel, via, message.From, TwilioTexts.Wiped(language, deleted), wipe: true).ConfigureAwait(false);
        logger.LogInformation("A {Channel} conversation was deleted with the wipe word", message.Channel.ToWire());
    }
}
