using Hotline.Core;
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
    IOptions<TwilioOptions> options,
    ILogger<TwilioSender> logger,
    TimeProvider time) : BackgroundService
{
    public const string GroupName = "twilio";

    private const int BatchSize = 64;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ClaimIdle = TimeSpan.FromSeconds(30);
    private readonly string consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await EnsureGroupAsync().ConfigureAwait(false);
        var wake = new SemaphoreSlim(0);
        var channel = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.Wake(TwilioKeys.Outgoing))).ConfigureAwait(false);
        channel.OnMessage(_ => { if (wake.CurrentCount == 0) wake.Release(); });
        var lastClaim = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var handled = 0;
                try
                {
                    if (time.GetUtcNow() - lastClaim > ClaimIdle / 2)
                    {
                        lastClaim = time.GetUtcNow();
                        var claimed = await redis.Db.StreamAutoClaimAsync(TwilioKeys.Outgoing, GroupName, consumer, (long)ClaimIdle.TotalMilliseconds, "0-0", BatchSize).ConfigureAwait(false);
                        handled += await HandleBatchAsync(claimed.ClaimedEntries.Where(e => !e.IsNull).ToArray(), redelivered: true, stoppingToken).ConfigureAwait(false);
                    }
                    var entries = await redis.Db.StreamReadGroupAsync(TwilioKeys.Outgoing, GroupName, consumer, ">", BatchSize).ConfigureAwait(false);
                    handled += await HandleBatchAsync(entries, redelivered: false, stoppingToken).ConfigureAwait(false);
                }
                catch (RedisException e)
                {
                    logger.LogWarning(e, "Reading the outgoing Twilio stream failed; retrying");
                    if (e.Message.Contains("NOGROUP", StringComparison.Ordinal)) await EnsureGroupAsync().ConfigureAwait(false);
                }
                if (handled == 0)
                {
                    try { await wake.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false); }
                    catch (OperationCanceledException) { break; }
                }
            }
        }
        finally
        {
            try
            {
                await channel.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or RedisException)
            {
                // Shutting down: the connection may already be gone, and with it the subscription.
            }
        }
    }

    /// <summary>Conversations in parallel, each one's entries in stream order.</summary>
    private async Task<int> HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        if (entries.Length == 0) return 0;
        var byConversation = entries.GroupBy(e => e["c"] is { IsNullOrEmpty: false } c ? c.ToString() : e.Id.ToString());
        await Parallel.ForEachAsync(byConversation, new ParallelOptions { MaxDegreeOfParallelism = options.Value.SendConcurrency, CancellationToken = cancellationToken },
            async (conversation, ct) =>
            {
                foreach (var entry in conversation)
                {
                    if (!await HandleOneAsync(entry, redelivered, ct).ConfigureAwait(false)) break;
                }
            }).ConfigureAwait(false);
        return entries.Length;
    }

    /// <summary>False when the entry stays pending (Twilio unavailable): the conversation's later entries wait too, to keep the order.</summary>
    private async Task<bool> HandleOneAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(entry, redelivered, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Left pending: this Bot or another claims it again once idle; the parts already sent are skipped.
            logger.LogError(e, "Sending outgoing Twilio entry {EntryId} failed; it stays pending", entry.Id.ToString());
            return false;
        }
        var batch = redis.Db.CreateBatch();
        var deleted = batch.StreamDeleteAsync(TwilioKeys.Outgoing, [entry.Id]);
        var acknowledged = batch.StreamAcknowledgeAsync(TwilioKeys.Outgoing, GroupName, entry.Id);
        batch.Execute();
        await Task.WhenAll(deleted, acknowledged).ConfigureAwait(false);
        return true;
    }

    private async Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        if (outbox.Read(entry.Values) is not { } message)
        {
            logger.LogWarning("Dropping an outgoing Twilio entry {EntryId} that is malformed or does not authenticate", entry.Id.ToString());
            return;
        }
        if (time.GetUtcNow() - message.QueuedAt > options.Value.GiveUpAfter)
        {
            logger.LogWarning("Giving up a {Channel} reply queued too long ago", message.Channel.ToWire());
            return;
        }
        var parts = message.Payload.ContentSid is { } template
            ? [new RestMessage(message.Payload.To, message.Via, null, template, message.StatusCallback)]
            : message.Payload.Bodies.Select(body => new RestMessage(message.Payload.To, message.Via, body, null, message.StatusCallback)).ToArray();
        for (var i = 0; i < parts.Length; i++)
        {
            var sentKey = TwilioKeys.SentPart(message.Id, i);
            // A redelivered entry (this Bot or another failed before acknowledging it): parts Twilio accepted are not sent again.
            if (redelivered && await redis.Db.KeyExistsAsync(sentKey).ConfigureAwait(false)) continue;
            switch (await rest.SendAsync(parts[i], cancellationToken).ConfigureAwait(false))
            {
                case SendResult.Sent sent:
                    await redis.Db.StringSetAsync(sentKey, sent.Sid, TimeSpan.FromDays(1)).ConfigureAwait(false);
                    await states.RecordOutgoingAsync(message.ConversationId, sent.Sid, sent.Status, message.Wipe).ConfigureAwait(false);
                    break;
                case SendResult.Rejected rejected:
                    if (message.ConversationId is { } conversationId)
                    {
                        await redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), TwilioFields.LastError,
                            rejected.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"http-{rejected.HttpStatus}").ConfigureAwait(false);
                    }
                    // The other parts would be refused alike (an opted-out or invalid number).
                    return;
                case SendResult.Unavailable unavailable:
                    throw new TwilioUnavailableException(unavailable.HttpStatus);
            }
        }
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await redis.Db.StreamCreateConsumerGroupAsync(TwilioKeys.Outgoing, GroupName, "0-0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }
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
            catch (RedisException e)
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
