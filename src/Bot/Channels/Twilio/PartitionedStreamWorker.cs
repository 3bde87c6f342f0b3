using Hotline.Core.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Reads one stream through a consumer group, as <see cref="StreamGroupWorker"/> does (at-least-once, woken by pub/sub,
/// a crashed consumer's entries claimed once idle), but handles several partitions at once (conversations, senders),
/// each partition's entries in stream order. A handled entry is acknowledged and deleted (it holds sealed personal data);
/// one that throws stays pending, and so do the later entries of its partition in that batch, to keep the order.
/// </summary>
internal abstract class PartitionedStreamWorker(HotlineRedis redis, ILogger logger, TimeProvider time) : BackgroundService
{
    private const int BatchSize = 64;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ClaimIdle = TimeSpan.FromSeconds(30);
    private readonly string consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected HotlineRedis Redis { get; } = redis;
    protected ILogger Logger { get; } = logger;
    protected TimeProvider Time { get; } = time;

    protected abstract string Stream { get; }
    protected abstract string Group { get; }
    protected abstract bool Enabled { get; }
    protected abstract int Concurrency { get; }

    /// <summary>Entries of one partition are handled one after another, in stream order.</summary>
    protected abstract string PartitionOf(StreamEntry entry);

    /// <summary>Handles one entry; <paramref name="redelivered"/> when it was claimed after another attempt did not finish.</summary>
    protected abstract Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        await EnsureGroupAsync().ConfigureAwait(false);
        var wake = new SemaphoreSlim(0);
        var channel = await Redis.Subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.Wake(Stream))).ConfigureAwait(false);
        channel.OnMessage(_ => { if (wake.CurrentCount == 0) wake.Release(); });
        var lastClaim = Time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var handled = 0;
                try
                {
                    if (Time.GetUtcNow() - lastClaim > ClaimIdle / 2)
                    {
                        lastClaim = Time.GetUtcNow();
                        var claimed = await Redis.Db.StreamAutoClaimAsync(Stream, Group, consumer, (long)ClaimIdle.TotalMilliseconds, "0-0", BatchSize).ConfigureAwait(false);
                        handled += await HandleBatchAsync(claimed.ClaimedEntries.Where(e => !e.IsNull).ToArray(), redelivered: true, stoppingToken).ConfigureAwait(false);
                    }
                    var entries = await Redis.Db.StreamReadGroupAsync(Stream, Group, consumer, ">", BatchSize).ConfigureAwait(false);
                    handled += await HandleBatchAsync(entries, redelivered: false, stoppingToken).ConfigureAwait(false);
                }
                catch (RedisException e)
                {
                    Logger.LogWarning(e, "Reading {Stream} failed; retrying", Stream);
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

    private async Task<int> HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        if (entries.Length == 0) return 0;
        await Parallel.ForEachAsync(entries.GroupBy(PartitionOf), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                foreach (var entry in partition)
                {
                    if (!await HandleOneAsync(entry, redelivered, ct).ConfigureAwait(false)) break;
                }
            }).ConfigureAwait(false);
        return entries.Length;
    }

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
            Logger.LogError(e, "Handling entry {EntryId} of {Stream} failed; it stays pending", entry.Id.ToString(), Stream);
            return false;
        }
        var batch = Redis.Db.CreateBatch();
        var acknowledged = batch.StreamAcknowledgeAsync(Stream, Group, entry.Id);
        var deleted = batch.StreamDeleteAsync(Stream, [entry.Id]);
        batch.Execute();
        await Task.WhenAll(acknowledged, deleted).ConfigureAwait(false);
        return true;
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await Redis.Db.StreamCreateConsumerGroupAsync(Stream, Group, "0-0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }
}
