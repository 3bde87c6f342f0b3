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

    protected override async Task HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        if (entries.Length == 0) return;
        await Parallel.ForEachAsync(entries.GroupBy(PartitionOf), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (partition, ct) =>
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
                    Handled(acknowledged ?? (NeedsPartitionStep(handled) ? [] : handled));
                }
            }).ConfigureAwait(false);
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

    protected override async Task AcknowledgeAsync(RedisValue[] ids)
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
}
