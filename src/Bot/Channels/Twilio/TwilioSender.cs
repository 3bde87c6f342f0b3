using Hotline.Core;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Posts queued replies to Twilio's REST API: read through a consumer group (at-least-once, several Bots share the work,
/// a crashed Bot's entries are claimed by another), conversations in parallel, each conversation's replies in order, each
/// part once (a part Twilio accepted is remembered, so a redelivered entry does not send it again). A reply Twilio keeps
/// refusing with 429/5xx stays pending and is tried again later, until it is too old to matter; a reply it rejects is
/// dropped with its error code on the conversation. The entry, which holds the sealed address, is deleted once done.
/// </summary>
internal sealed class TwilioSender(
    HotlineRedis redis,
    TwilioOutbox outbox,
    TwilioRestClient rest,
    MessageStates states,
    ReplyStates replies,
    IOptions<TwilioOptions> options,
    ILogger<TwilioSender> logger,
    TimeProvider time) : PartitionedStreamWorker(redis, logger, time)
{
    public const string GroupName = "twilio";

    protected override string Stream => TwilioKeys.Outgoing;
    protected override string Group => GroupName;
    protected override bool Enabled => options.Value.Enabled;
    protected override int Concurrency => options.Value.SendConcurrency;

    /// <summary>Conversations in parallel, each one's replies in order; a failed reply holds back its conversation's later ones.</summary>
    protected override string PartitionOf(StreamEntry entry) => entry["c"] is { IsNullOrEmpty: false } c ? c.ToString() : entry.Id.ToString();

    protected override async Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        if (outbox.Read(entry.Values) is not { } message)
        {
            Logger.LogWarning("Dropping an outgoing Twilio entry {EntryId} that is malformed or does not authenticate", entry.Id.ToString());
            return;
        }
        if (Time.GetUtcNow() - message.QueuedAt > options.Value.GiveUpAfter)
        {
            Logger.LogWarning("Giving up a {Channel} reply queued too long ago", message.Channel.ToWire());
            if (message.Reply is { } late) await replies.AdvanceAsync(late, ReplyState.Failed).ConfigureAwait(false);
            return;
        }
        var parts = message.Payload.ContentSid is { } template
            ? [new RestMessage(message.Payload.To, message.Via, null, template, message.StatusCallback)]
            : message.Payload.Bodies.Select(body => new RestMessage(message.Payload.To, message.Via, body, null, message.StatusCallback)).ToArray();
        for (var i = 0; i < parts.Length; i++)
        {
            var sentKey = TwilioKeys.SentPart(message.Id, i);
            // A redelivered entry (this Bot or another failed before acknowledging it): parts Twilio accepted are not sent again.
            if (redelivered && await Redis.Db.KeyExistsAsync(sentKey).ConfigureAwait(false)) continue;
            switch (await rest.SendAsync(parts[i], cancellationToken).ConfigureAwait(false))
            {
                case SendResult.Sent sent:
                    await Redis.Db.StringSetAsync(sentKey, sent.Sid, TimeSpan.FromDays(1)).ConfigureAwait(false);
                    await states.RecordOutgoingAsync(message.ConversationId, sent.Sid, sent.Status, message.Wipe).ConfigureAwait(false);
                    if (message.Reply is { } reply)
                    {
                        // Twilio's status callbacks name the SID: each part's points back at the operator's reply.
                        await replies.LinkAsync(StatusHandle(sent.Sid), reply).ConfigureAwait(false);
                        await replies.AdvanceAsync(reply, ReplyStateOf(sent.Status) ?? ReplyState.Sent).ConfigureAwait(false);
                    }
                    break;
                case SendResult.Rejected rejected:
                    if (message.ConversationId is { } conversationId)
                    {
                        await Redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), TwilioFields.LastError,
                            rejected.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"http-{rejected.HttpStatus}").ConfigureAwait(false);
                    }
                    if (message.Reply is { } refused) await replies.AdvanceAsync(refused, ReplyState.Failed).ConfigureAwait(false);
                    // The other parts would be refused alike (an opted-out or invalid number).
                    return;
                case SendResult.Unavailable unavailable:
                    throw new TwilioUnavailableException(unavailable.HttpStatus);
            }
        }
    }

    /// <summary>The handle under which Twilio's status callbacks for a message SID find the operator reply it carries.</summary>
    public static string StatusHandle(string messageSid) => "tw:" + messageSid;

    /// <summary>What a Twilio message status means for the operator's reply; null for statuses that say nothing new.</summary>
    public static ReplyState? ReplyStateOf(string status) => status switch
    {
        "accepted" or "scheduled" or "queued" or "sending" or "sent" => ReplyState.Sent,
        "delivered" => ReplyState.Delivered,
        "read" => ReplyState.Read,
        "failed" or "undelivered" or "canceled" => ReplyState.Failed,
        _ => null,
    };
}
