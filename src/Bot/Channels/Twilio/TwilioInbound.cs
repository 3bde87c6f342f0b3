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
    SenderThrottle? throttle = null)
{
    /// <summary>Twilio retries a webhook for minutes, not days; the SID is remembered a little longer than that.</summary>
    public static readonly TimeSpan DedupeLifetime = TimeSpan.FromDays(2);

    public async Task<InboundOutcome> HandleAsync(TwilioInboundMessage message, CancellationToken cancellationToken)
    {
        var pseudonym = await senders.PseudonymOfAsync(message.Channel, message.From).ConfigureAwait(false);
        var dedupe = TwilioKeys.Inbound(message.MessageSid);
        // One round trip: take the MessageSid, and look up the sender's conversation.
        var batch = redis.Db.CreateBatch();
        var taken = batch.StringSetAsync(dedupe, "taken", DedupeLifetime, When.NotExists);
        var pointer = batch.StringGetAsync(TwilioKeys.Sender(pseudonym));
        batch.Execute();
        if (!await taken.ConfigureAwait(false)) return InboundOutcome.Duplicate;
        try
        {
            var existing = (string?)await pointer.ConfigureAwait(false);
            // Not found under the current key: the sender may have written before the last rotation of the pseudonym key.
            var earlier = existing is null ? await senders.EarlierPseudonymOfAsync(message.Channel, message.From).ConfigureAwait(false) : null;
            if (earlier is not null) existing = await senders.ConversationOfAsync(earlier).ConfigureAwait(false);
            var outcome = await HandleOnceAsync(message, pseudonym, existing, cancellationToken).ConfigureAwait(false);
            // The pointer now lives under the current pseudonym (or the conversation ended): the earlier one goes.
            if (earlier is not null && existing is not null) await senders.ForgetPointerAsync(earlier).ConfigureAwait(false);
            return outcome;
        }
        catch
        {
            // Not handled: Twilio's retry of the same MessageSid must be taken again.
            await redis.Db.KeyDeleteAsync(dedupe).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<InboundOutcome> HandleOnceAsync(TwilioInboundMessage message, string pseudonym, string? existing, CancellationToken cancellationToken)
    {
        var channel = message.Channel;
        var via = options.Value.ReplyVia(channel, message.To, message.MessagingServiceSid)
            ?? throw new InvalidOperationException("A Twilio message without a To, and no HOTLINE_TWILIO_FROM or HOTLINE_TWILIO_MESSAGING_SERVICE_SID to reply from");
        var body = message.Body.Trim();
        var keyword = message.NumMedia == 0 ? Keywords.Classify(body) : default;

        if (keyword.Kind is KeywordKind.Stop or KeywordKind.Wipe)
        {
            await EndAsync(existing, pseudonym, message, keyword, via, cancellationToken).ConfigureAwait(false);
            return keyword.Kind == KeywordKind.Wipe ? InboundOutcome.Wiped : InboundOutcome.Stopped;
        }
        if (body.Length == 0 && message.NumMedia == 0) return InboundOutcome.Empty;

        var state = existing is null ? null
            : await redis.Db.HashGetAsync(RedisKeys.Conversation(existing), [(RedisValue)"channel", (RedisValue)TwilioFields.Ended, (RedisValue)TwilioFields.Via]).ConfigureAwait(false);
        var ended = state is not null && state[1] == "1";
        var known = state is not null && state[0].HasValue && !ended;
        var conversationId = existing is not null && !ended
            ? existing
            : await senders.NewConversationAsync(pseudonym, replaceExisting: ended).ConfigureAwait(false);

        // One round trip: the pointer and the sealed address for another lifetime, the message's SID, and the reply route
        // unless the conversation already has this one (as it has on every message but the first).
        var batch = redis.Db.CreateBatch();
        var writes = senders.Remember(batch, conversationId, pseudonym, channel, message.From)
            .Concat(states.RecordInbound(batch, conversationId, message.MessageSid))
            .ToList();
        if (!(known && state![2] == via)) writes.Add(batch.HashSetAsync(RedisKeys.Conversation(conversationId), TwilioFields.Via, via));
        batch.Execute();
        await Task.WhenAll(writes).ConfigureAwait(false);
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
        var quiet = throttle is not null && !await throttle.MayAnswerAsync(pseudonym).ConfigureAwait(false);
        if (quiet) logger.LogInformation("A {Channel} message over the sender's limit was stored without a reply", channel.ToWire());
        if (body.Length > 0)
        {
            await flow.ReceiveAsync(new InboundMessage(conversationId, channel, body, Quiet: quiet), cancellationToken).ConfigureAwait(false);
        }
        if (message.NumMedia > 0 && !quiet)
        {
            var language = WireNames.ParseLanguage(await redis.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "language").ConfigureAwait(false));
            await flow.SayAsync(conversationId, channel, Speaker.Bot, TwilioTexts.MediaNotRead(language), cancellationToken).ConfigureAwait(false);
        }
        return InboundOutcome.Accepted;
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
            new HashEntry(TwilioFields.Ended, "1"),
            new HashEntry(TwilioFields.EndedAt, time.GetUtcNow().ToUnixTimeMilliseconds()),
        ]).ConfigureAwait(false);
        await senders.ForgetAsync(conversationId, pseudonym).ConfigureAwait(false);
        await windows.ForgetAsync(conversationId).ConfigureAwait(false);
        logger.LogInformation("A {Channel} conversation ended with a {Keyword} word; its address is forgotten", channel.ToWire(), keyword.Kind.ToString());
    }

    /// <summary>
    /// The wipe word: every message is queued for deletion at Twilio, the address and the sender's pseudonym pointer are
    /// forgotten, the conversation is deleted by the one deletion path (<see cref="ConversationDeletion"/>), and only then
    /// is the person told, in words that say exactly what was done. The reply is not kept, and is deleted at Twilio too.
    /// </summary>
    private async Task WipeAsync(string conversationId, string pseudonym, TwilioInboundMessage message, string via, Language language)
    {
        // Marked first, so every message still going out for this conversation (the reply below included) is deleted at Twilio once delivered.
        await redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), [
            new HashEntry(TwilioFields.Wiped, "1"),
            new HashEntry(TwilioFields.Ended, "1"),
            new HashEntry(TwilioFields.EndedAt, time.GetUtcNow().ToUnixTimeMilliseconds()),
        ]).ConfigureAwait(false);
        await states.ScheduleWipeAsync(conversationId).ConfigureAwait(false);
        await senders.ForgetAsync(conversationId, pseudonym).ConfigureAwait(false);
        await windows.ForgetAsync(conversationId).ConfigureAwait(false);
        var deleted = await deletion.DeleteConversationAsync(conversationId).ConfigureAwait(false);
        await outbox.EnqueueTextAsync(conversationId, message.Channel, via, message.From, TwilioTexts.Wiped(language, deleted), wipe: true).ConfigureAwait(false);
        logger.LogInformation("A {Channel} conversation was deleted with the wipe word", message.Channel.ToWire());
    }
}
