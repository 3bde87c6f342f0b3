using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// Reads one stream through a consumer group: at-least-once, woken by pub/sub, polling as a fallback,
/// and claiming entries a crashed consumer left pending. Handlers must be idempotent. Entries every group has
/// acknowledged are trimmed, so a stream does not grow without bound; nothing unacknowledged is ever trimmed.
/// </summary>
public abstract class StreamGroupWorker(HotlineRedis redis, ILogger logger, TimeProvider time) : BackgroundService
{
    protected abstract string Stream { get; }
    protected abstract string Group { get; }
    protected virtual string Consumer { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    protected virtual TimeSpan PollInterval => TimeSpan.FromSeconds(1);
    protected virtual TimeSpan ClaimIdle => TimeSpan.FromSeconds(30);

    /// <summary>False: the worker does nothing (its channel is not configured).</summary>
    protected virtual bool Enabled => true;

    /// <summary>The stream and group this worker reads, or null when it is off; readiness checks the group exists.</summary>
    public (string Stream, string Group)? Reads => Enabled ? (Stream, Group) : null;

    protected abstract Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Handles one entry; <paramref name="redelivered"/> when it was claimed after another attempt did not finish (a
    /// handler with side effects outside Redis can skip what that attempt already did).
    /// </summary>
    protected virtual Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken) => HandleAsync(entry, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        await EnsureGroupAsync().ConfigureAwait(false);
        var wake = new SemaphoreSlim(0);
        var channel = await redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.Wake(Stream))).ConfigureAwait(false);
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
                        handled += await ClaimAbandonedAsync(stoppingToken).ConfigureAwait(false);
                        await TrimAcknowledgedAsync().ConfigureAwait(false);
                    }
                    var entries = await redis.Db.StreamReadGroupAsync(Stream, Group, Consumer, ">", count: 64).ConfigureAwait(false);
                    await HandleBatchAsync(entries, redelivered: false, stoppingToken).ConfigureAwait(false);
                    handled += entries.Length;
                }
                catch (Exception e) when (RedisFailures.IsUnavailable(e))
                {
                    logger.LogWarning(e, "Reading {Stream} failed; retrying", Stream);
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
            catch (Exception e) when (e is ObjectDisposedException || RedisFailures.IsUnavailable(e))
            {
                // Shutting down: the connection may already be gone, and with it the subscription.
            }
        }
    }

    /// <summary>Handles a batch read or claimed together; by default one entry after another, in stream order.</summary>
    protected virtual async Task HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await HandleEntryAsync(entry, redelivered, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Handles and acknowledges one entry; false when handling failed and the entry stays pending.</summary>
    protected async Task<bool> HandleEntryAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(entry, redelivered, cancellationToken).ConfigureAwait(false);
            await AcknowledgeAsync(entry).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Left pending: another consumer (or this one, later) claims it again.
            logger.LogError(e, "Handling entry {EntryId} of {Stream} failed; it stays pending", entry.Id.ToString(), Stream);
            return false;
        }
    }

    /// <summary>Marks a handled entry done for this group (a stream holding sealed personal data also deletes it).</summary>
    protected virtual Task AcknowledgeAsync(StreamEntry entry) => redis.Db.StreamAcknowledgeAsync(Stream, Group, entry.Id);

    private async Task<int> ClaimAbandonedAsync(CancellationToken cancellationToken)
    {
        var result = await redis.Db.StreamAutoClaimAsync(Stream, Group, Consumer, (long)ClaimIdle.TotalMilliseconds, "0-0", 64).ConfigureAwait(false);
        await HandleBatchAsync([.. result.ClaimedEntries.Where(e => !e.IsNull)], redelivered: true, cancellationToken).ConfigureAwait(false);
        return result.ClaimedEntries.Length;
    }

    /// <summary>Trims entries older than the oldest one any group still needs (pending, or not yet delivered).</summary>
    internal async Task<long> TrimAcknowledgedAsync()
    {
        var groups = await redis.Db.StreamGroupInfoAsync(Stream).ConfigureAwait(false);
        if (groups.Length == 0) return 0;
        (long Ms, long Seq)? keepFrom = null;
        foreach (var group in groups)
        {
            string? needed = group.LastDeliveredId;
            if (group.PendingMessageCount > 0)
            {
                var pending = await redis.Db.StreamPendingAsync(Stream, group.Name).ConfigureAwait(false);
                needed = pending.LowestPendingMessageId;
            }
            if (ParseId(needed) is not { } id) return 0;
            if (keepFrom is null || id.CompareTo(keepFrom.Value) < 0) keepFrom = id;
        }
        if (keepFrom is not { } from || from == (0, 0)) return 0;
        // MINID keeps the needed entry itself (and the last delivered one, harmlessly) and removes everything older.
        var trimmed = await redis.Db.ExecuteAsync("XTRIM", Stream, "MINID", $"{from.Ms}-{from.Seq}").ConfigureAwait(false);
        return (long)trimmed;
    }

    private static (long Ms, long Seq)? ParseId(string? id)
    {
        if (string.IsNullOrEmpty(id)) return null;
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(id.AsSpan(0, dash), out var ms) && long.TryParse(id.AsSpan(dash + 1), out var seq) ? (ms, seq) : null;
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await redis.Db.StreamCreateConsumerGroupAsync(Stream, Group, "0-0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }
}
