using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// A <see cref="StreamGroupWorker"/> (at-least-once, woken by pub/sub, a crashed consumer's entries claimed once idle)
/// that handles several partitions at once (conversations, senders), each partition's entries in stream order. A handled entry is acknowledged, and deleted
/// where <see cref="DeletesHandled"/> (it holds sealed personal data); one that throws stays pending, and so do the later entries of its partition in that batch, to keep the order, unless <see cref="HoldsBackPartitionOnFailure"/> is false.
/// </summary>
public abstract class PartitionedStreamWorker(HotlineRedis redis, ILogger logger, TimeProvider time) : StreamGroupWorker(redis, logger, time)
{
    protected HotlineRedis Redis { get; } = redis;
    protected ILogger Logger { get; } = logger;
    protected TimeProvider Time { get; } = time;

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    protected abstract int Concurrency { get; }

    /// <summary>A handled entry is deleted with its acknowledgement (true: the stream holds sealed personal data).</summary>
    protected virtual bool DeletesHandled => true;

    /// <summary>Entries of one partition are handled one after another, in stream order.</summary>
    protected abstract string PartitionOf(StreamEntry entry);

    /// <summary>
    /// Whether an entry that throws leaves the later entries of its partition in that batch pending too, to keep the
    /// order (true), or lets them be handled at once (false: for handlers whose later entries must not wait a claim's
    /// half a minute behind a failed one, and which stay right when an entry is handled again after a later one).
    /// </summary>
    protected virtual bool HoldsBackPartitionOnFailure => true;

    /// <summary>Handles one entry; <paramref name="redelivered"/> when it was claimed after another attempt did not finish.</summary>
    protected abstract override Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken);

    /// <summary>An entry read fresh from the stream is not a redelivery.</summary>
    protected sealed override Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken) => HandleAsync(entry, redelivered: false, cancellationToken);

    /// <summary>
    /// Whether the worker reads on as soon as every partition of a read has started, instead of once all are done: a
    /// partition starts as soon as one of the <see cref="Concurrency"/> slots frees up, so a slow partition holds up no
    /// other, and a partition's entries of a later read wait only for its own earlier ones (false: a read's partitions all
    /// finish before the next read).
    /// </summary>
    protected virtual bool ReadsOnWhileHandling => false;

    // With ReadsOnWhileHandling: the partitions' slots, and the last run of each partition still going (to follow it).
    private SemaphoreSlim? slots;
    private readonly Dictionary<string, Task> running = new(StringComparer.Ordinal);

    // With ReadsOnWhileHandling: the ids of the entries taken into a partition and not yet acknowledged or given up. A claim
    // (idle entries, this consumer's own among them) runs while they wait or are handled: it leaves those to the partition.
    private readonly HashSet<string> inFlight = new(StringComparer.Ordinal);

    protected override async Task HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        if (entries.Length == 0) return;
        if (!ReadsOnWhileHandling)
        {
            await Parallel.ForEachAsync(entries.GroupBy(PartitionOf), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                (partition, ct) => new ValueTask(HandlePartitionAsync(partition, redelivered, ct))).ConfigureAwait(false);
            return;
        }
        slots ??= new SemaphoreSlim(Concurrency);
        lock (inFlight) entries = [.. entries.Where(e => inFlight.Add(e.Id.ToString()))];
        foreach (var partition in entries.GroupBy(PartitionOf))
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            Task run;
            lock (running)
            {
                run = FollowAsync(running.GetValueOrDefault(partition.Key), partition, redelivered, cancellationToken);
                running[partition.Key] = run;
            }
            _ = run.ContinueWith(done =>
            {
                lock (running)
                {
                    if (running.TryGetValue(partition.Key, out var last) && last == done) running.Remove(partition.Key);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>A partition's entries of one read, after its entries of an earlier read still being handled; frees its slot.</summary>
    private async Task FollowAsync(Task? earlier, IGrouping<string, StreamEntry> partition, bool redelivered, CancellationToken cancellationToken)
    {
        try
        {
            if (earlier is not null) await earlier.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await HandlePartitionAsync(partition, redelivered, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots!.Release();
        }
    }

    /// <summary>What is still being handled of the reads before the stop: finished (or abandoned) before the acknowledgement.</summary>
    protected override async Task HandlingFinishedAsync()
    {
        Task[] left;
        lock (running) left = [.. running.Values];
        await Task.WhenAll(left).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>One partition's entries of a read, in stream order, then its partition step; marks what is done handled.</summary>
    private async Task HandlePartitionAsync(IGrouping<string, StreamEntry> partition, bool redelivered, CancellationToken ct)
    {
        var handled = new List<StreamEntry>();
        IReadOnlyList<StreamEntry>? acknowledged = null;
        try
        {
            foreach (var entry in partition)
            {
                if (await TryHandleAsync(entry, redelivered, ct).ConfigureAwait(false)) handled.Add(entry);
                else if (HoldsBackPartitionOnFailure) break;
            }
            acknowledged = await PartitionHandledAsync(partition.Key, handled, ct).ConfigureAwait(false);
        }
        finally
        {
            // Even when the batch is abandoned midway: what was handled is not handled again, unless the partition
            // step, which did not run then, is owed for it (then the partition's entries stay pending, to run it on retry).
            var done = acknowledged ?? (NeedsPartitionStep(handled) ? [] : handled);
            // What stays pending is claimed again once idle; what was handled leaves the set once acknowledged.
            if (ReadsOnWhileHandling) Settled(partition.Select(e => e.Id).Except(done.Select(e => e.Id)));
            Handled(done);
        }
    }

    /// <summary>
    /// Done once for a partition after its entries of a batch (<paramref name="handled"/>: those handled, in stream order),
    /// for what a partition needs once however many of its entries the batch holds. Answers the entries to acknowledge; one
    /// it leaves out stays pending and is handled again. It handles its own failures.
    /// </summary>
    protected virtual Task<IReadOnlyList<StreamEntry>> PartitionHandledAsync(string partition, IReadOnlyList<StreamEntry> handled, CancellationToken cancellationToken) =>
        Task.FromResult(handled);

    /// <summary>
    /// Whether <paramref name="handled"/> (a partition's handled entries, in stream order) are done only once
    /// <see cref="PartitionHandledAsync"/> completed for them: when the batch is abandoned before that, none of them is acknowledged.
    /// </summary>
    protected virtual bool NeedsPartitionStep(IReadOnlyList<StreamEntry> handled) => false;

    /// <summary>Entries no partition holds any more (acknowledged, or left pending to be claimed again).</summary>
    private void Settled(IEnumerable<RedisValue> ids)
    {
        lock (inFlight)
        {
            foreach (var id in ids) inFlight.Remove(id.ToString());
        }
    }

    protected override async Task AcknowledgeAsync(RedisValue[] ids)
    {
        try
        {
            if (!DeletesHandled)
            {
                await base.AcknowledgeAsync(ids).ConfigureAwait(false);
                return;
            }
            var batch = Redis.Db.CreateBatch();
            var acknowledged = batch.StreamAcknowledgeAsync(Stream, Group, ids);
            var deleted = batch.StreamDeleteAsync(Stream, ids);
            batch.Execute();
            await Task.WhenAll(acknowledged, deleted).ConfigureAwait(false);
        }
        finally
        {
            // Acknowledged, or (Redis out of reach) still pending, to be claimed again once idle.
            if (ReadsOnWhileHandling) Settled(ids);
        }
    }
}
