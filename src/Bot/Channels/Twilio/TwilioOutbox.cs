using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Hotline.Bot.Secrets;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Events;
using Hotline.Core.Identity;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Hotline.Core.Text;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Replies on their way to Twilio: split within SMS limits, WhatsApp's window respected, and queued on a Redis stream
/// (sealed under a key derived for each entry) for <see cref="TwilioSender"/> to post, so the webhook answers at once and
/// retries survive a restart.
/// </summary>
public sealed class TwilioOutbox(
    HotlineRedis redis,
    TwilioSenders senders,
    WhatsAppWindows windows,
    TwilioCallbacks callbacks,
    BotSecrets secrets,
    TranscriptStore transcripts,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<TwilioOutbox> logger)
{
    /// <summary>Sends a reply in a conversation, as far as the channel allows right now, and notes the outcome in the conversation hash.</summary>
    public async Task<TwilioDeliveryOutcome> DeliverAsync(string conversationId, Channel channel, string text, CancellationToken cancellationToken, ReplyRef? reply = null)
    {
        var settings = options.Value;
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = TwilioDeliveryOutcome.NotConfigured;
        OutgoingEntry? entry = null;
        if (settings.Enabled)
        {
            string? address, route;
            Task<WhatsAppWindow>? window = null;
            if (replying.TryGetValue(conversationId, out var known) && known.Channel == channel)
            {
                // The answer to a message being handled: its address and route are the ones it came with, and WhatsApp's
                // window has just opened with it.
                (address, route) = (known.Address, known.Via);
            }
            else
            {
                // One round trip for what the reply needs: the sealed address, the route, WhatsApp's window.
                var conversation = RedisKeys.Conversation(conversationId);
                var batch = redis.Db.CreateBatch();
                var storedAddress = batch.StringGetAsync(RedisKeys.Address(conversationId));
                var via = batch.HashGetAsync(conversation, TwilioFields.Via);
                window = channel == Channel.WhatsApp ? windows.Get(batch, conversationId) : null;
                batch.Execute();
                address = senders.Unseal(conversationId, channel, await storedAddress.ConfigureAwait(false));
                route = (string?)await via.ConfigureAwait(false) ?? settings.ReplyVia(channel, null, null);
            }
            if (address is null || route is null)
            {
                outcome = TwilioDeliveryOutcome.NoAddress;
            }
            else if (window is not null && await window.ConfigureAwait(false) is { Open: false } closed)
            {
                await windows.HoldAsync(conversationId, text).ConfigureAwait(false);
                outcome = TwilioDeliveryOutcome.Held;
                if (settings.WhatsAppTemplateSid is { } template && !closed.TemplateSentSinceClosed)
                {
                    entry = Seal(conversationId, channel, route, new OutgoingPayload(address, [], template), wipe: false);
                    outcome = TwilioDeliveryOutcome.HeldTemplateSent;
                }
            }
            else
            {
                entry = Seal(conversationId, channel, route, Split(channel, address, text), wipe: false, reply);
                outcome = TwilioDeliveryOutcome.Queued;
            }
        }

        // A reply to queue takes its turn and notes the outcome in one step, which writes nothing once the conversation is deleted.
        if (entry is { } unturned && (entry = await WithTurnAsync(conversationId, unturned, outcome).ConfigureAwait(false)) is null)
        {
            // The conversation was deleted (the wipe word) while this reply was on its way: nothing is queued or noted.
            logger.LogInformation("A reply in a {Channel} conversation deleted meanwhile is not sent", channel.ToWire());
            return TwilioDeliveryOutcome.NoAddress;
        }
        var write = redis.Db.CreateBatch();
        var tasks = new List<Task>();
        if (entry is null)
        {
            tasks.Add(write.HashSetAsync(RedisKeys.Conversation(conversationId), [
                new HashEntry(TwilioFields.LastDelivery, Wire(outcome)),
                new HashEntry(TwilioFields.LastDeliveryAt, time.GetUtcNow().ToUnixTimeMilliseconds()),
            ]));
        }
        else
        {
            tasks.AddRange(Enqueue(write, entry));
        }
        if (outcome == TwilioDeliveryOutcome.HeldTemplateSent) tasks.Add(windows.MarkTemplateSent(write, conversationId));
        write.Execute();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        if (entry is not null) redis.Wake(TwilioKeys.Outgoing);
        if (outcome != TwilioDeliveryOutcome.Queued)
        {
            logger.LogWarning("A reply in a {Channel} conversation was not sent now: {Outcome}", channel.ToWire(), Wire(outcome));
        }
        return outcome;
    }

    private readonly ConcurrentDictionary<string, KnownRoute> replying = new(StringComparer.Ordinal);

    // The bot's answer to a message just stored, in one script on the conversation's slot: the message's relayed event
    // leaves the outbox; nothing more once the conversation is deleted (returns 0); the entry is appended only if the
    // transcript still has the length it was sealed for and its data key is there (-1, -2: sealed again); then the
    // conversation's next send turn is taken and the outcome noted, as TakeTurn does. Returns the turn.
    private static readonly RedisScript Answer = RedisScript.Named(
        EventOutbox.RemoveInScript +
        SendOrder.ReadUnlessDeleted("conv", "@conversation", "0", live: false, $"'{SendOrder.QueuedField}'") +
        "if " + TranscriptStore.DataKeyGone + " then return -2 end " +
        TranscriptStore.PushIfLength("@entry", 1, "-1") +
        SendOrder.TakeTurn("@conversation", "conv[2]", "@order", $"{{'{TwilioFields.LastDelivery}', @outcome, '{TwilioFields.LastDeliveryAt}', @at, '{TranscriptTail.Field}', @tail}}") +
        "return turn",
        keys: ["conversation", "transcript", "keys", "outbox", "order"],
        args: ["keyId", "relayed", "expected", "entry", "tail", "outcome", "at"]);

    /// <summary>Whether the answer in this conversation now is the one to the message being handled (<see cref="ReplyingTo"/>).</summary>
    internal bool AnswersInOneStep(string conversationId, Channel channel) =>
        options.Value.Enabled && replying.TryGetValue(conversationId, out var known) && known.Channel == channel;

    /// <summary>
    /// The bot's answer to the message being handled (<see cref="ReplyingTo"/>): kept in the transcript and queued in one
    /// step, then put on the outgoing stream; false, with nothing done, when this is not such an answer.
    /// </summary>
    internal async Task<bool> AnswerInOneStepAsync(string conversationId, Channel channel, string text, AnswerStep step, CancellationToken cancellationToken)
    {
        if (!AnswersInOneStep(conversationId, channel) || !replying.TryGetValue(conversationId, out var known)) return false;
        var unturned = Seal(conversationId, channel, known.Via, Split(channel, known.Address, text), wipe: false);
        var turn = await transcripts.AppendAsync(conversationId, Author.Bot, null, text, async (entry, json) =>
        {
            var result = (long)await Answer.EvaluateAsync(redis.Db,
                [
                    ("conversation", RedisKeys.Conversation(conversationId)),
                    ("transcript", RedisKeys.Transcript(conversationId)),
                    ("keys", RedisKeys.TranscriptKeys(conversationId)),
                    ("outbox", RedisKeys.EventOutbox(conversationId)),
                    ("order", TwilioKeys.SendOrder(conversationId)),
                ],
                [
                    ("keyId", entry.SealedKey),
                    ("relayed", step.Relayed ?? ""),
                    ("expected", entry.Sequence),
                    ("entry", json),
                    ("tail", TranscriptTail.Of(entry).ToField()),
                    ("outcome", Wire(TwilioDeliveryOutcome.Queued)),
                    ("at", time.GetUtcNow().ToUnixTimeMilliseconds()),
                ]).ConfigureAwait(false);
            return result is -1 or -2 ? null : Tuple.Create(result);
        }, cancellationToken, knownTail: step.KnownTail, teamPublicKey: step.TeamPublicKey).ConfigureAwait(false);
        if (turn.Item1 == 0)
        {
            // The conversation was deleted (the wipe word) while this answer was on its way: nothing is kept, queued or noted.
            logger.LogInformation("A reply in a {Channel} conversation deleted meanwhile is not sent", channel.ToWire());
            return true;
        }
        await Enqueue(new OutgoingEntry([.. unturned.Fields, new NameValueEntry("n", turn.Item1)])).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The bot's answer to the message being handled (<see cref="ReplyingTo"/>), for the step that stores the message to
    /// keep with its send turn and outcome; once kept, it goes on the outgoing stream with that turn. Null when this is
    /// not such an answer.
    /// </summary>
    internal ChannelAnswer? AnswerInStep(string conversationId, Channel channel, string text, Severity severity, bool underDuress)
    {
        if (!AnswersInOneStep(conversationId, channel) || !replying.TryGetValue(conversationId, out var known)) return null;
        // Sealed now: on one Redis the step appends it to the outgoing stream itself, with its turn.
        var unturned = Seal(conversationId, channel, known.Via, Split(channel, known.Address, text), wipe: false);
        var step = new AnswerInStep(text, severity, underDuress, SendOrder.QueuedField, TwilioKeys.SendOrder(conversationId),
            [TwilioFields.LastDelivery, Wire(TwilioDeliveryOutcome.Queued), TwilioFields.LastDeliveryAt, time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            Queue = new QueuedAnswer(TwilioKeys.Outgoing, unturned.Fields),
        };
        return new ChannelAnswer(step, turn => Enqueue(new OutgoingEntry([.. unturned.Fields, new NameValueEntry("n", turn)])));
    }

    /// <summary>Where the person whose message is being handled wrote from, and the hotline's sender that received it.</summary>
    private sealed record KnownRoute(Channel Channel, string Address, string Via);

    /// <summary>
    /// Until disposed, replies in this conversation go to <paramref name="address"/> through <paramref name="via"/>: the
    /// person's message being handled came with them (and they are what is stored, sealed, for later replies), so the
    /// answer to it does not read them back.
    /// </summary>
    internal IDisposable ReplyingTo(string conversationId, Channel channel, string address, string via)
    {
        var route = new KnownRoute(channel, address, via);
        replying[conversationId] = route;
        return new Replying(replying, conversationId, route);
    }

    private sealed class Replying(ConcurrentDictionary<string, KnownRoute> replying, string conversationId, KnownRoute route) : IDisposable
    {
        // Another message of the same person may have been handled meanwhile: only this one's entry is removed.
        public void Dispose() => replying.TryRemove(new KeyValuePair<string, KnownRoute>(conversationId, route));
    }

    /// <summary>Queues a text to an address directly (replies held during a closed window, a stop confirmation to an unknown sender).</summary>
    internal async Task EnqueueTextAsync(string? conversationId, Channel channel, string via, string address, string text, bool wipe)
    {
        var entry = Seal(conversationId, channel, via, Split(channel, address, text), wipe);
        // The confirmation of a wipe is the conversation's last word and goes after its keys were deleted: it takes no turn.
        if (conversationId is not null && !wipe)
        {
            if (await WithTurnAsync(conversationId, entry).ConfigureAwait(false) is not { } turned) return;
            entry = turned;
        }
        await Enqueue(entry).ConfigureAwait(false);
    }

    private OutgoingPayload Split(Channel channel, string address, string text) => new(address,
        channel == Channel.Sms ? SmsSegments.SplitForSms(text, options.Value.MaxSegmentsPerSms) : SmsSegments.SplitForWhatsApp(text), null);

    /// <summary>A stream entry, its payload sealed under a key derived for this entry alone.</summary>
    private sealed record OutgoingEntry(NameValueEntry[] Fields);

    private OutgoingEntry Seal(string? conversationId, Channel channel, string via, OutgoingPayload payload, bool wipe, ReplyRef? reply = null)
    {
        // One call to the random source (Ids.New draws once a character, which shows on this hot path).
        var id = "o" + Convert.ToHexStringLower(HotlineCrypto.RandomBytes(12));
        var (nonce, cipher) = HotlineCrypto.Encrypt(JsonSerializer.SerializeToUtf8Bytes(payload, OutgoingPayloadJson.Default.OutgoingPayload), KeyFor(id), Ad(id));
        return new OutgoingEntry(
        [
            new NameValueEntry("o", id),
            new NameValueEntry("c", conversationId ?? ""),
            new NameValueEntry("ch", channel.ToWire()),
            new NameValueEntry("via", via),
            new NameValueEntry("wipe", wipe ? "1" : "0"),
            new NameValueEntry("at", time.GetUtcNow().ToUnixTimeMilliseconds()),
            new NameValueEntry("cb", callbacks.StatusUrl ?? ""),
            new NameValueEntry("r", reply?.ToString() ?? ""),
            new NameValueEntry("p", Convert.ToBase64String(nonce) + "." + Convert.ToBase64String(cipher)),
        ]);
    }

    // The next turn, unless the conversation is deleted (its tombstone, KEYS[1], has deletedAt): a reply racing the wipe word
    // must not bring the conversation's send order back (returns 0). With a reply, ARGV holds its outcome's fields and values,
    // noted on the conversation in the same HSET, so they cannot add to a tombstone either. KEYS[2]: the earlier order key.
    private static readonly string TakeTurn =
        SendOrder.ReadUnlessDeleted("conv", "KEYS[1]", "0", live: false, $"'{SendOrder.QueuedField}'") +
        SendOrder.TakeTurn("KEYS[1]", "conv[2]", "KEYS[2]", "ARGV") +
        "return turn";

    /// <summary>
    /// The entry with the conversation's next turn (Bots send a conversation's messages in this order), the reply's
    /// <paramref name="outcome"/> noted; null once the conversation is deleted.
    /// </summary>
    private async Task<OutgoingEntry?> WithTurnAsync(string conversationId, OutgoingEntry entry, TwilioDeliveryOutcome? outcome = null)
    {
        var turn = (long)await redis.Db.ScriptEvaluateBySha(TakeTurn, [RedisKeys.Conversation(conversationId), TwilioKeys.SendOrder(conversationId)],
            outcome is { } noted ? [TwilioFields.LastDelivery, Wire(noted), TwilioFields.LastDeliveryAt, time.GetUtcNow().ToUnixTimeMilliseconds()] : []).ConfigureAwait(false);
        return turn == 0 ? null : new OutgoingEntry([.. entry.Fields, new NameValueEntry("n", turn)]);
    }

    /// <summary>Appends to the stream on a batch with other writes; the caller wakes the senders once it is there.</summary>
    private static IEnumerable<Task> Enqueue(IBatch batch, OutgoingEntry entry)
    {
        yield return batch.StreamAddAsync(TwilioKeys.Outgoing, entry.Fields);
    }

    /// <summary>Appends to the stream and wakes its senders.</summary>
    private Task Enqueue(OutgoingEntry entry) => redis.PublishAsync(TwilioKeys.Outgoing, entry.Fields);

    /// <summary>Reads a queued entry back; null when it is not one of ours or does not authenticate.</summary>
    internal OutgoingMessage? Read(NameValueEntry[] fields)
    {
        var map = RedisFields.ToMap(fields);
        if (map.GetValueOrDefault("o") is not { Length: > 0 } id || !Ids.IsWellFormed(id)) return null;
        if (!WireNames.TryParseChannel(map.GetValueOrDefault("ch"), out var channel)) return null;
        if (map.GetValueOrDefault("via") is not { Length: > 0 } via) return null;
        // "nonce.cipher", exactly one dot, each half decoded where it lies.
        if (map.GetValueOrDefault("p") is not { } sealedPayload || sealedPayload.IndexOf('.') is var dot && (dot < 0 || sealedPayload.IndexOf('.', dot + 1) >= 0)) return null;
        try
        {
            var plaintext = HotlineCrypto.Decrypt(Base64Text.Decode(sealedPayload.AsSpan(dot + 1)), Base64Text.Decode(sealedPayload.AsSpan(0, dot)), KeyFor(id), Ad(id));
            var payload = JsonSerializer.Deserialize(plaintext, OutgoingPayloadJson.Default.OutgoingPayload);
            if (payload is null) return null;
            var at = DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(map.GetValueOrDefault("at"), out var ms) ? ms : 0);
            return new OutgoingMessage(id, NullIfEmpty(map.GetValueOrDefault("c")), channel, via, map.GetValueOrDefault("wipe") == "1", at,
                NullIfEmpty(map.GetValueOrDefault("cb")), payload, ReplyRef.Parse(map.GetValueOrDefault("r")),
                long.TryParse(map.GetValueOrDefault("n"), out var turn) && turn > 0 ? turn : null);
        }
        catch (Exception e) when (e is CryptoFailure or FormatException or JsonException)
        {
            return null;
        }
    }

    internal static string Wire(TwilioDeliveryOutcome outcome) => outcome switch
    {
        TwilioDeliveryOutcome.Queued => "queued",
        TwilioDeliveryOutcome.HeldTemplateSent => "held-template-sent",
        TwilioDeliveryOutcome.Held => "held",
        TwilioDeliveryOutcome.NoAddress => "no-address",
        TwilioDeliveryOutcome.NotConfigured => "not-configured",
        _ => "unknown",
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private byte[] KeyFor(string outgoingId) => HotlineCrypto.Derive(secrets.DeliveryKey, "twilio-outgoing", outgoingId);

    private static byte[] Ad(string outgoingId) => Encoding.UTF8.GetBytes("hl-twilio-outgoing-v1|" + outgoingId);
}
