using Hotline.Core;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>Where Twilio's delivery status callbacks go: under HOTLINE_PUBLIC_URL, else under the address Twilio last called us at.</summary>
public sealed class TwilioCallbacks(IOptions<TwilioOptions> options)
{
    public const string StatusPath = "/api/twilio/status";

    private string? observedBase;

    /// <summary>Notes the base URL a validly signed webhook came in at (scheme, host and path base).</summary>
    public void Observe(string baseUrl) => Volatile.Write(ref observedBase, baseUrl);

    /// <summary>The StatusCallback URL, or null when no public address is known yet.</summary>
    public string? StatusUrl => (options.Value.PublicUrl ?? Volatile.Read(ref observedBase)) is { } b ? b + StatusPath : null;
}

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

public sealed class TwilioUnavailableException(int? httpStatus)
    : Exception(httpStatus is { } s ? $"Twilio kept answering HTTP {s}" : "Twilio could not be reached");

/// <summary>
/// Deletes wiped conversations' messages at Twilio. Twilio refuses until a message is final (and asks for at least a
/// minute), so each SID is retried with growing pauses, for up to about two weeks, then given up.
/// </summary>
internal sealed class TwilioWiper(
    HotlineRedis redis,
    TwilioRestClient rest,
    IOptions<TwilioOptions> options,
    ILogger<TwilioWiper> logger,
    TimeProvider time) : BackgroundService
{
    private const int MaxAttempts = 24;
    private static readonly TimeSpan LongestPause = TimeSpan.FromDays(1);

    // Takes due SIDs and pushes each one's next try forward in one step, so two Bots do not delete the same SID at once.
    private const string TakeDue =
        "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3])) " +
        "for _, sid in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], sid) end return due";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeleteDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisFailures.IsUnavailable(e))
            {
                logger.LogWarning(e, "Reading pending Twilio deletions failed; retrying");
            }
            try
            {
                await Task.Delay(options.Value.WipePollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    internal async Task DeleteDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = now + TimeSpan.FromMinutes(5);
        var due = (RedisValue[]?)await redis.Db.ScriptEvaluateAsync(TakeDue, [TwilioKeys.PendingDeletions],
            [now.ToUnixTimeMilliseconds(), lease.ToUnixTimeMilliseconds(), 50]).ConfigureAwait(false) ?? [];
        foreach (var value in due)
        {
            var sid = value.ToString();
            var result = await rest.DeleteAsync(sid, cancellationToken).ConfigureAwait(false);
            if (result is DeleteResult.Deleted or DeleteResult.NotFound)
            {
                await redis.Db.SortedSetRemoveAsync(TwilioKeys.PendingDeletions, sid).ConfigureAwait(false);
                await redis.Db.HashDeleteAsync(TwilioKeys.DeletionAttempts, sid).ConfigureAwait(false);
                await redis.Db.KeyDeleteAsync(TwilioKeys.MessageState(sid)).ConfigureAwait(false);
                continue;
            }
            var attempts = await redis.Db.HashIncrementAsync(TwilioKeys.DeletionAttempts, sid).ConfigureAwait(false);
            if (attempts >= MaxAttempts)
            {
                logger.LogError("Gave up deleting message {MessageSid} at Twilio after {Attempts} attempts", sid, attempts);
                await redis.Db.SortedSetRemoveAsync(TwilioKeys.PendingDeletions, sid).ConfigureAwait(false);
                await redis.Db.HashDeleteAsync(TwilioKeys.DeletionAttempts, sid).ConfigureAwait(false);
                continue;
            }
            var pause = options.Value.WipeRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
            if (pause > LongestPause) pause = LongestPause;
            await redis.Db.SortedSetAddAsync(TwilioKeys.PendingDeletions, sid, (now + pause).ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }
    }
}
