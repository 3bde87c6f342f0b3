using System.Collections.Concurrent;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
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
    DeletionChecks deletions,
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

    // A turn done joins the conversation's SIDs set (KEYS[2]) as its done mark. Nothing is written once the conversation is
    // deleted (its tombstone, KEYS[1], has deletedAt) or gone (no channel): a reply finishing just after the wipe word must
    // not bring its keys back.
    private static readonly string MarkDone =
        SendOrder.ReadUnlessDeleted("conv", "KEYS[1]", "0", live: true) +
        $"redis.call('SADD', KEYS[2], {SendOrder.DoneMemberLua("ARGV[1]")}) " +
        "return 1";

    // The highest turn this Bot marked done, per conversation: its next message waits for nothing it knows is done
    // (turns done never go back, so a stale number only means asking Redis). Bounded: cleared when it grows large.
    private readonly ConcurrentDictionary<string, long> doneHere = new(StringComparer.Ordinal);
    private const int DoneHereLimit = 10_000;

    protected override async Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        if (outbox.Read(entry.Values) is not { } message)
        {
            Logger.LogWarning("Dropping an outgoing Twilio entry {EntryId} that is malformed or does not authenticate", entry.Id.ToString());
            return;
        }
        // Several Bots relay this stream: a conversation's message waits until the one queued before it is done.
        await WaitForTurnAsync(message, cancellationToken).ConfigureAwait(false);
        var markedDone = await SendAsync(message, redelivered, cancellationToken).ConfigureAwait(false);
        if (message is { ConversationId: { } conversationId, Turn: { } turn })
        {
            // Usually the last part's record already moved the order on; a reply refused, given up or not sent did not.
            if (!markedDone)
            {
                await Redis.Db.ScriptEvaluateBySha(MarkDone, [(RedisKey)RedisKeys.Conversation(conversationId), (RedisKey)TwilioKeys.MessageSids(conversationId)],
                    [turn]).ConfigureAwait(false);
            }
            if (doneHere.Count > DoneHereLimit) doneHere.Clear();
            doneHere.AddOrUpdate(conversationId, turn, (_, done) => Math.Max(done, turn));
        }
    }

    /// <summary>
    /// Until the conversation's earlier messages are done (sent, refused or given up), or for at most
    /// <see cref="TwilioOptions.OrderWait"/>: one lost with a crashed Bot, or still failing, holds the next one up no longer.
    /// </summary>
    private async Task WaitForTurnAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (message is not { ConversationId: { } conversationId, Turn: { } turn } || turn <= 1) return;
        if (doneHere.TryGetValue(conversationId, out var done) && done >= turn - 1) return;
        var until = Time.GetUtcNow() + options.Value.OrderWait;
        var pause = TimeSpan.FromMilliseconds(10);
        while (!await DoneAsync(conversationId, turn - 1).ConfigureAwait(false))
        {
            if (Time.GetUtcNow() >= until)
            {
                Logger.LogWarning("A {Channel} message waited {Seconds} s for an earlier one of its conversation and goes now",
                    message.Channel.ToWire(), options.Value.OrderWait.TotalSeconds);
                return;
            }
            await Task.Delay(pause, Time, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>
    /// Whether the conversation's turn <paramref name="turn"/> is done: its done mark, or the highest turn done as an earlier
    /// version raised it (in the conversation's hash, or before that in the order's own key, read while the field is missing).
    /// </summary>
    private async Task<bool> DoneAsync(string conversationId, long turn)
    {
        var batch = Redis.Db.CreateBatch();
        var marked = batch.SetContainsAsync(TwilioKeys.MessageSids(conversationId), SendOrder.DoneMember(turn));
        var raised = batch.HashGetAsync(RedisKeys.Conversation(conversationId), SendOrder.DoneField);
        batch.Execute();
        if (await marked.ConfigureAwait(false)) return true;
        var highest = (long?)await raised.ConfigureAwait(false)
            ?? (long?)await Redis.Db.HashGetAsync(TwilioKeys.SendOrder(conversationId), "sent").ConfigureAwait(false) ?? 0;
        return highest >= turn;
    }

    /// <returns>True when the record of the reply's last part also marked its turn done.</returns>
    private async Task<bool> SendAsync(OutgoingMessage message, bool redelivered, CancellationToken cancellationToken)
    {
        if (Time.GetUtcNow() - message.QueuedAt > options.Value.GiveUpAfter)
        {
            Logger.LogWarning("Giving up a {Channel} reply queued too long ago", message.Channel.ToWire());
            if (message.Reply is { } late) await replies.AdvanceAsync(late, ReplyState.Failed).ConfigureAwait(false);
            return false;
        }
        var parts = message.Payload.ContentSid is { } template
            ? [new RestMessage(message.Payload.To, message.Via, null, template, message.StatusCallback)]
            : message.Payload.Bodies.Select(body => new RestMessage(message.Payload.To, message.Via, body, null, message.StatusCallback)).ToArray();
        // Before sending: whether the conversation was deleted, and for a redelivered entry (this Bot or another failed
        // before acknowledging it) which parts Twilio already accepted, so they are not sent again (read alongside).
        // The person deleted the conversation (the wipe word) after this was queued: nothing more reaches their phone,
        // except the wipe's own confirmation. Asked together with the checks of the parts that go at the same moment.
        var deleted = !message.Wipe && message.ConversationId is { } wiped ? deletions.IsDeletedAsync(wiped) : null;
        var sentBefore = redelivered ? states.SentPartsAsync(message.ConversationId, message.Id, parts.Length) : null;
        if (deleted is not null && await deleted.ConfigureAwait(false))
        {
            Logger.LogInformation("A {Channel} message queued before its conversation was deleted is not sent", message.Channel.ToWire());
            return false;
        }
        var alreadySent = sentBefore is null ? null : await sentBefore.ConfigureAwait(false);
        var markedDone = false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (alreadySent?[i] == true) continue;
            switch (await rest.SendAsync(parts[i], cancellationToken).ConfigureAwait(false))
            {
                case SendResult.Sent sent:
                    // The last part's record also marks the reply's turn done (a wipe's confirmation takes no turn).
                    var last = i == parts.Length - 1;
                    var kept = await states.RecordOutgoingAsync(message.ConversationId, sent.Sid, sent.Status, message.Wipe,
                        message.Id, i, last ? message.Turn : null).ConfigureAwait(false);
                    markedDone = last && message.Turn is not null;
                    // A reply whose conversation was deleted while Twilio took it: nothing points back at it.
                    if (kept && message.Reply is { } reply)
                    {
                        // Twilio's status callbacks name the SID: each part's points back at the operator's reply.
                        await replies.LinkAsync(StatusHandle(sent.Sid), reply).ConfigureAwait(false);
                        await replies.AdvanceAsync(reply, ReplyStateOf(sent.Status) ?? ReplyState.Sent).ConfigureAwait(false);
                    }
                    // Deleted or wiped while Twilio took this part: the parts after it never reach the person's phone (the
                    // wipe's own confirmation, never kept, goes whole).
                    if (!kept && !message.Wipe)
                    {
                        Logger.LogInformation("The rest of a {Channel} reply whose conversation was deleted while it was sent is not sent", message.Channel.ToWire());
                        return false;
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
                    return false;
                case SendResult.Unavailable unavailable:
                    throw new TwilioUnavailableException(unavailable.HttpStatus);
            }
        }
        return markedDone;
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
