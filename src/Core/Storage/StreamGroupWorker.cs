using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// Reads one stream through a consumer group: at-least-once, woken by pub/sub, polling as a fallback,
/// and claiming entries a crashed consumer left pending. Handlers must be idempotent. Entries every group has
/// acknowledged are trimmed, so a stream does not grow without bound; nothing unacknowledged is ever trimmed.
/// A worker that is stopped reads nothing more but finishes the batch in hand, until the host's shutdown timeout runs
/// out; whatever it still holds then it hands back (claimable at once, and the other consumers are told), so during a
/// rolling restart nothing waits for <see cref="ClaimIdle"/>.
/// </summary>
public abstract class StreamGroupWorker(HotlineRedis redis, ILogger logger, TimeProvider time) : BackgroundService
{
    /// <summary>What a stopping consumer publishes on the stream's wake channel when it handed entries back.</summary>
    public const string HandedBack = "handed-back";

    /// <summary>
    /// What a wake says when someone waits on the entry (a new urgent case's signal): a consumer that gathers its reads
    /// (<see cref="GatherDelay"/>) reads at once.
    /// </summary>
    public const string UrgentWake = "urgent";

    // An urgent wake came since the last read: the next read is not held back for GatherDelay; and it cuts a gathering short.
    private volatile bool urgentWoken;
    private readonly SemaphoreSlim gatherCut = new(0);

    // Cancelled when the host's shutdown timeout runs out: handlers still running then are abandoned.
    private readonly CancellationTokenSource abandon = new();

    // Entries handled and not yet acknowledged: acknowledged together, in one command, once the oldest of them is
    // AcknowledgeDelay old, ReadCount of them are waiting, the worker goes idle past that moment, or it stops.
    private readonly System.Collections.Concurrent.ConcurrentQueue<RedisValue> handledIds = new();

    // When the oldest entry in handledIds was handled (Stopwatch ticks, real time as the waits below), 0 when none waits.
    private long handledSince;

    /// <summary>How many entries one read takes.</summary>
    private const int ReadCount = 64;

    // Claim at the first turn (entries a stopped consumer handed back wait for nobody) and whenever one hands some back.
    private volatile bool claimNow = true;

    protected abstract string Stream { get; }
    protected abstract string Group { get; }
    protected virtual string Consumer { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    protected virtual TimeSpan PollInterval => TimeSpan.FromSeconds(1);
    protected virtual TimeSpan ClaimIdle => TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a handled entry may wait for its acknowledgement, so that one XACK covers the entries of several wakes
    /// while messages keep coming. Until then it is still pending: a consumer that dies meanwhile has it handled again by
    /// another after <see cref="ClaimIdle"/>, as with any entry it held (the handlers are idempotent).
    /// </summary>
    protected virtual TimeSpan AcknowledgeDelay => TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The least time between two reads of a woken worker, so that while entries keep coming one read takes those of several
    /// wakes (fewer reads, and a batch to handle together): woken sooner after its last read, it waits for the rest of it;
    /// woken later (a quiet stream), it reads at once. Zero: it always reads at once.
    /// </summary>
    protected virtual TimeSpan GatherDelay => TimeSpan.Zero;

    // When this worker last read the stream (Stopwatch ticks), for GatherDelay.
    private long lastRead;

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
        void Woken(bool urgent)
        {
            if (urgent)
            {
                urgentWoken = true;
                if (gatherCut.CurrentCount == 0) gatherCut.Release();
            }
            if (wake.CurrentCount == 0) wake.Release();
        }
        channel.OnMessage(m =>
        {
            if (m.Message == HandedBack) claimNow = true;
            Woken(m.Message == UrgentWake);
        });
        // Entries this process adds while this consumer waits wake it without a PUBLISH.
        waiting = new StreamWakes.Listener(Woken);
        using var local = redis.ListenForWakes(Stream, waiting);
        var lastClaim = time.GetUtcNow();
        // Handlers get the abandon token, not the stopping one: a batch read before the stop is finished, not cut short.
        var handling = abandon.Token;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A full read may have left more behind: read again at once. A shorter one emptied the stream as far as this
                // consumer could see, so it waits for the next wake instead of reading nothing: a wake for an entry added
                // after the read is published after that entry, and one that came while the batch was handled is counted
                // by the semaphore, so nothing added since the read waits for the poll.
                var more = false;
                try
                {
                    if (claimNow || time.GetUtcNow() - lastClaim > ClaimIdle / 2)
                    {
                        claimNow = false;
                        lastClaim = time.GetUtcNow();
                        more |= await ClaimAbandonedAsync(handling).ConfigureAwait(false) == ReadCount;
                        await TrimAcknowledgedAsync().ConfigureAwait(false);
                    }
                    if (stoppingToken.IsCancellationRequested) break;
                    lastRead = Stopwatch.GetTimestamp();
                    // This read takes what an urgent wake so far was for; one after it cuts the next gathering short.
                    urgentWoken = false;
                    gatherCut.Wait(0);
                    var entries = await redis.Db.StreamReadGroupAsync(Stream, Group, Consumer, ">", count: ReadCount).ConfigureAwait(false);
                    await HandleAndAcknowledgeAsync(entries, redelivered: false, handling).ConfigureAwait(false);
                    more |= entries.Length == ReadCount || claimNow;
                    if (!more)
                    {
                        try { await WaitForWorkAsync(wake, stoppingToken).ConfigureAwait(false); }
                        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
                    }
                }
                catch (OperationCanceledException) when (handling.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (RedisFailures.IsUnavailable(e))
                {
                    logger.LogWarning(e, "Reading {Stream} failed; retrying", Stream);
                    if (e.Message.Contains("NOGROUP", StringComparison.Ordinal)) await EnsureGroupAsync().ConfigureAwait(false);
                    try { await wake.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false); }
                    catch (OperationCanceledException) { break; }
                }
            }
        }
        finally
        {
            await HandlingFinishedAsync().ConfigureAwait(false);
            await AcknowledgeBeforeStoppingAsync().ConfigureAwait(false);
            await HandBackAsync().ConfigureAwait(false);
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

    /// <summary>
    /// Stops reading, and finishes what is in hand until <paramref name="cancellationToken"/> (the host's shutdown timeout)
    /// is cancelled; then the handlers are cancelled and the worker has a moment to hand their entries back.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(abandon.Cancel))
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        // The base may return on the timeout before the registration above has run (and disposing it then drops it).
        if (cancellationToken.IsCancellationRequested) await abandon.CancelAsync().ConfigureAwait(false);
        if (ExecuteTask is { IsCompleted: false } running)
        {
            // Real time, as the host's own timeout: a test's stopped clock must not hold a shutdown up.
            await Task.WhenAny(running, Task.Delay(HandBackGrace, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>How long a worker cut short by the shutdown timeout may still take to hand its entries back.</summary>
    private static readonly TimeSpan HandBackGrace = TimeSpan.FromSeconds(2);

    public override void Dispose()
    {
        // Disposed without a stop: nothing is finished any more.
        abandon.Cancel();
        base.Dispose();
        abandon.Dispose();
        gatherCut.Dispose();
    }

    /// <summary>
    /// On the way out: the entries still pending on this consumer (a handler failed, or was cut short) are made as idle as
    /// <see cref="ClaimIdle"/> and the other consumers told, so one of them claims them now instead of in half a minute;
    /// with nothing pending the consumer is removed from the group.
    /// </summary>
    private async Task HandBackAsync()
    {
        try
        {
            var pending = await redis.Db.StreamPendingMessagesAsync(Stream, Group, 1000, Consumer).ConfigureAwait(false);
            if (pending.Length == 0)
            {
                await redis.Db.StreamDeleteConsumerAsync(Stream, Group, Consumer).ConfigureAwait(false);
                return;
            }
            // XCLAIM to itself with IDLE sets how long an entry counts as idle; JUSTID leaves its delivery count alone.
            var arguments = new List<object> { Stream, Group, Consumer, 0 };
            arguments.AddRange(pending.Select(p => (object)p.MessageId.ToString()));
            arguments.AddRange(["IDLE", (long)ClaimIdle.TotalMilliseconds, "JUSTID"]);
            await redis.Db.ExecuteAsync("XCLAIM", arguments).ConfigureAwait(false);
            await redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.Wake(Stream)), HandedBack).ConfigureAwait(false);
            logger.LogInformation("Stopping: handed back {Count} pending entries of {Stream}", pending.Length, Stream);
        }
        catch (ObjectDisposedException)
        {
            // Disposed without a stop: to the group this is a crash, and the entries are claimed once idle.
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // Redis is out of reach: the entries stay pending and are claimed once idle, as a crashed consumer's are.
            logger.LogWarning(e, "Stopping: could not hand back the pending entries of {Stream}", Stream);
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

    /// <summary>
    /// Handles one entry, to be acknowledged with the rest of its batch; false when handling failed and the entry stays
    /// pending. Until the batch is acknowledged a handled entry is still pending, so a consumer that dies meanwhile has it
    /// handled again by another: the handlers are idempotent, and one XACK for a batch instead of one per entry is what
    /// keeps the Redis commands per message low under load.
    /// </summary>
    protected async Task<bool> HandleEntryAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        if (!await TryHandleAsync(entry, redelivered, cancellationToken).ConfigureAwait(false)) return false;
        handledIds.Enqueue(entry.Id);
        return true;
    }

    /// <summary>
    /// Handles one entry without marking it handled (the caller passes it to <see cref="Handled"/>); false when handling
    /// failed, which is logged.
    /// </summary>
    protected async Task<bool> TryHandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(entry, redelivered, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Entries an overriding <see cref="HandleBatchAsync"/> handled together: acknowledged with the others, as those
    /// <see cref="HandleEntryAsync"/> handled (also after <see cref="HandleBatchAsync"/> returned, while the worker waits).
    /// </summary>
    protected void Handled(IEnumerable<StreamEntry> entries)
    {
        var any = false;
        foreach (var entry in entries)
        {
            handledIds.Enqueue(entry.Id);
            any = true;
        }
        if (any) Interlocked.CompareExchange(ref handledSince, Stopwatch.GetTimestamp(), 0);
    }

    /// <summary>
    /// Waits, when the worker stops, for what an overriding <see cref="HandleBatchAsync"/> still handles after it returned,
    /// so that it is acknowledged (or handed back) with the rest. It handles its own failures.
    /// </summary>
    protected virtual Task HandlingFinishedAsync() => Task.CompletedTask;

    /// <summary>Marks handled entries done for this group, in one command (a stream holding sealed personal data also deletes them).</summary>
    protected virtual Task AcknowledgeAsync(RedisValue[] ids) => redis.Db.StreamAcknowledgeAsync(Stream, Group, ids);

    /// <summary>
    /// Handles a batch, then acknowledges what was handled once that is due (<see cref="AcknowledgeDelay"/>), and at once
    /// when the batch was cut short.
    /// </summary>
    private async Task HandleAndAcknowledgeAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        var finished = false;
        try
        {
            await HandleBatchAsync(entries, redelivered, cancellationToken).ConfigureAwait(false);
            finished = true;
        }
        finally
        {
            if (!handledIds.IsEmpty) Interlocked.CompareExchange(ref handledSince, Stopwatch.GetTimestamp(), 0);
            await AcknowledgeHandledAsync(force: !finished).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Until woken or for <see cref="PollInterval"/>, acknowledging the handled entries meanwhile when that falls due
    /// (without reading the stream for it).
    /// </summary>
    private async Task WaitForWorkAsync(SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        waiting!.Waiting = true;
        try
        {
            await WaitForWakeAsync(wake, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            waiting.Waiting = false;
        }
    }

    /// <summary>This consumer as a listener for wakes in its own process (<see cref="StreamWakes.Listen"/>).</summary>
    private StreamWakes.Listener? waiting;

    private async Task WaitForWakeAsync(SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var left = PollInterval - Stopwatch.GetElapsedTime(start);
            if (left < TimeSpan.Zero) left = TimeSpan.Zero;
            var wait = AcknowledgementDueIn() is { } due && due < left ? due : left;
            // The semaphore waits whole milliseconds: a wait of less than one, rounded down to none, would turn at once.
            var woken = await wake.WaitAsync(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), stoppingToken).ConfigureAwait(false);
            await AcknowledgeHandledAsync(force: false).ConfigureAwait(false);
            if (woken && !urgentWoken && GatherDelay - Stopwatch.GetElapsedTime(lastRead) is { Ticks: > 0 } rest)
            {
                await gatherCut.WaitAsync(rest, stoppingToken).ConfigureAwait(false);
            }
            if (woken || Stopwatch.GetElapsedTime(start) >= PollInterval) return;
        }
    }

    /// <summary>How long until the handled entries' acknowledgement is due; null when none waits.</summary>
    private TimeSpan? AcknowledgementDueIn()
    {
        var since = Interlocked.Read(ref handledSince);
        // A partition that marked entries handled while they were being acknowledged may have set the time after the queue
        // was emptied: with none waiting, nothing is due (the next entry handled is acknowledged at once, never later).
        if (since == 0 || handledIds.IsEmpty) return null;
        var left = AcknowledgeDelay - Stopwatch.GetElapsedTime(since);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// Acknowledges the handled entries in one command when <paramref name="force"/>d, when the oldest has waited
    /// <see cref="AcknowledgeDelay"/>, or when a read's worth are waiting. Should it fail (Redis out of reach), the entries
    /// stay pending and are handled again: never lost.
    /// </summary>
    private async Task AcknowledgeHandledAsync(bool force)
    {
        if (handledIds.IsEmpty) return;
        if (!force && handledIds.Count < ReadCount && AcknowledgementDueIn() > TimeSpan.Zero) return;
        // Cleared first: an entry handled meanwhile (by a partition still running) starts the next wait.
        Interlocked.Exchange(ref handledSince, 0);
        var ids = new List<RedisValue>();
        while (handledIds.TryDequeue(out var id)) ids.Add(id);
        if (ids.Count == 0) return;
        await AcknowledgeAsync([.. ids]).ConfigureAwait(false);
    }

    /// <summary>A stopping worker acknowledges what it handled, so none of it is handed back to be handled again.</summary>
    private async Task AcknowledgeBeforeStoppingAsync()
    {
        try
        {
            await AcknowledgeHandledAsync(force: true).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Disposed without a stop: the entries stay pending and are claimed once idle.
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            logger.LogWarning(e, "Stopping: could not acknowledge the handled entries of {Stream}; they are handled again", Stream);
        }
    }

    private async Task<int> ClaimAbandonedAsync(CancellationToken cancellationToken)
    {
        var result = await redis.Db.StreamAutoClaimAsync(Stream, Group, Consumer, (long)ClaimIdle.TotalMilliseconds, "0-0", ReadCount).ConfigureAwait(false);
        // A full batch may have left more behind: claim again on the next turn.
        if (result.ClaimedEntries.Length == ReadCount) claimNow = true;
        await HandleAndAcknowledgeAsync([.. result.ClaimedEntries.Where(e => !e.IsNull)], redelivered: true, cancellationToken).ConfigureAwait(false);
        return result.ClaimedEntries.Length;
    }

    /// <summary>
    /// Trims every entry no group still needs (pending, or not yet delivered): the last delivered one too once it is
    /// acknowledged, so a stream left quiet keeps no entry. Its consumer groups still tell the last entry's exact time:
    /// XINFO STREAM and XINFO GROUPS show the last generated and last delivered ids until the next entry replaces them.
    /// </summary>
    internal async Task<long> TrimAcknowledgedAsync()
    {
        var groups = await redis.Db.StreamGroupInfoAsync(Stream).ConfigureAwait(false);
        if (groups.Length == 0) return 0;
        (long Ms, long Seq)? keepFrom = null;
        foreach (var group in groups)
        {
            (long Ms, long Seq)? needed;
            if (group.PendingMessageCount > 0)
            {
                needed = ParseId((await redis.Db.StreamPendingAsync(Stream, group.Name).ConfigureAwait(false)).LowestPendingMessageId);
            }
            else
            {
                // Everything this group was given is acknowledged: it needs only what comes after the last one.
                needed = ParseId(group.LastDeliveredId) is { } last && last != (0, 0) ? (last.Ms, last.Seq + 1) : null;
            }
            if (needed is not { } id) return 0;
            if (keepFrom is null || id.CompareTo(keepFrom.Value) < 0) keepFrom = id;
        }
        if (keepFrom is not { } from || from == (0, 0)) return 0;
        // MINID keeps the needed entry itself and removes everything older.
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
