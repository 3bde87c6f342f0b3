using Hotline.Core;
using Hotline.Core.Live;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Hotline.Operator.Live;

/// <summary>
/// Relays the Triage worker's notifications to the consoles. A consumer group: exactly one Operator instance relays
/// each, and the SignalR Redis backplane carries it to every instance's browsers.
/// A read's signals are relayed case by case: a case's notices (offers, alerts, dispatches) in stream order, one after
/// another, and then its row once, however many of its signals the read holds (the console reads a case's row fresh, so
/// the last state is all it needs); different cases (and the surges, in their own order) at once, their rows together in
/// one send (<see cref="CaseRows"/>). A signal whose notices
/// fail stays pending, and so do the later signals of its case (to keep their order); the others are acknowledged, so a
/// retry chimes nothing twice on another case's consoles.
/// </summary>
public sealed class NotificationRelay(HotlineRedis redis, ConsoleNotifier notifier, ILogger<NotificationRelay> logger, TimeProvider time)
    : PartitionedStreamWorker(redis, logger, time)
{
    private readonly ConsoleSignals signals = new(redis);

    /// <summary>The cases' rows, those of a read (and of the reads while one is out) in one send.</summary>
    private readonly CaseRows rows = new(notifier);

    /// <summary>
    /// Signals whose notices went out while their case's row could be neither sent nor handed back: they stay pending, and
    /// this relay's retry sends the row alone. Forgotten once acknowledged; another instance that takes them (this one
    /// stopped) chimes them again, in their order.
    /// </summary>
    private readonly ConcurrentDictionary<RedisValue, byte> chimed = new();

    /// <summary>More owed rows than this at once (other instances took them): forgotten, at the cost of a second chime.</summary>
    private const int ChimedLimit = 4096;

    protected override string Stream => RedisKeys.Notifications;
    protected override string Group => "operator";

    /// <summary>Every case of a read at once.</summary>
    protected override int Concurrency => 64;

    /// <summary>The signals hold ids and counts only: acknowledged, they stay for the stream's trim.</summary>
    protected override bool DeletesHandled => false;

    /// <summary>
    /// While signals keep coming, the relay reads at most once in this long, so that one read takes the signals of several
    /// wakes and of one case together, and their rows go in one send; woken after a quiet spell, or by an urgent wake (a new
    /// urgent case's signal, or a case just raised to urgent: <see cref="StreamGroupWorker.UrgentWake"/>), it reads at once.
    /// </summary>
    protected override TimeSpan GatherDelay => TimeSpan.FromMilliseconds(50);

    /// <summary>A case whose row is being sent holds up no other case: the next read starts the others as slots free up.</summary>
    protected override bool ReadsOnWhileHandling => true;

    /// <summary>The signals relayed one after another: a case's; the surges, among themselves, have the empty key.</summary>
    protected override string PartitionOf(StreamEntry entry) => ConsoleSignal.FromFields(entry.Values) switch
    {
        ConsoleSignal.Dispatch d => d.CaseId,
        var signal => CaseOf(signal) ?? "",
    };

    /// <summary>
    /// A signal's own notices, continuing the trace of the event that caused it (its traceparent field) through to SignalR.
    /// </summary>
    protected override async Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        if (ConsoleSignal.FromFields(entry.Values) is not { } signal || signal is ConsoleSignal.CaseChanged || chimed.ContainsKey(entry.Id)) return;
        using var activity = Start(entry);
        await Notices(signal).ConfigureAwait(false);
    }

    /// <summary>
    /// The case's new row, once, under the span of its last relayed signal. Should that send fail, the signal stays pending
    /// and is relayed again; one that chimed notices of its own is acknowledged instead, and the row handed back to the
    /// stream as a signal of its own, so that the retry sends the row alone and chimes nothing twice. Should that fail too,
    /// the signal and the case's later ones stay pending, and this relay's retry sends the row alone again.
    /// </summary>
    protected override async Task<IReadOnlyList<StreamEntry>> PartitionHandledAsync(string partition, IReadOnlyList<StreamEntry> handled, CancellationToken cancellationToken)
    {
        var acknowledged = await SendRowAsync(partition, handled, cancellationToken).ConfigureAwait(false);
        // What is acknowledged is the first of the handled signals; the rest chimed and stay pending.
        foreach (var entry in acknowledged) chimed.TryRemove(entry.Id, out _);
        if (acknowledged.Count < handled.Count && chimed.Count > ChimedLimit) chimed.Clear();
        for (var i = acknowledged.Count; i < handled.Count; i++) chimed.TryAdd(handled[i].Id, 0);
        return acknowledged;
    }

    /// <summary>The handled signals to acknowledge: all once the case's row went out or was handed back, else those before it.</summary>
    private async Task<IReadOnlyList<StreamEntry>> SendRowAsync(string partition, IReadOnlyList<StreamEntry> handled, CancellationToken cancellationToken)
    {
        var row = LastWithRow(handled);
        if (row < 0) return handled;
        using var activity = Start(handled[row]);
        try
        {
            await rows.SendAsync(partition).ConfigureAwait(false);
            return handled;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogError(e, "Relaying a case's row failed; it is relayed again");
        }
        if (ConsoleSignal.FromFields(handled[row].Values) is not ConsoleSignal.CaseChanged)
        {
            try
            {
                await signals.CaseChangedAsync(partition).ConfigureAwait(false);
                return handled;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Logger.LogError(e, "Handing a case's row back failed; its last signal stays pending");
            }
        }
        // The later signals of the case stay pending with it, so that the retry relays them in their order.
        return [.. handled.Take(row)];
    }

    /// <summary>The rows owed by a read's cases go in one send, once every case of the read has started.</summary>
    protected override async Task HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        using (rows.Hold()) await base.HandleBatchAsync(entries, redelivered, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A case's signals owe its row: abandoned before it was sent, they stay pending and are relayed again.</summary>
    protected override bool NeedsPartitionStep(IReadOnlyList<StreamEntry> handled) => LastWithRow(handled) >= 0;

    /// <summary>The index of the last signal after which the consoles read the case's row again; -1 when none.</summary>
    private static int LastWithRow(IReadOnlyList<StreamEntry> handled)
    {
        for (var i = handled.Count - 1; i >= 0; i--)
        {
            if (CaseOf(ConsoleSignal.FromFields(handled[i].Values)) is not null) return i;
        }
        return -1;
    }

    private static System.Diagnostics.Activity? Start(StreamEntry entry)
    {
        var activity = HotlineTracing.StartConsumer("hotline.console.signal", entry[HotlineTracing.TraceParentField].ToString());
        activity?.SetTag("hotline.signal", entry[WireNames.TypeField].ToString());
        return activity;
    }

    /// <summary>The case whose row the consoles read again after this signal, if any.</summary>
    private static string? CaseOf(ConsoleSignal? signal) => signal switch
    {
        ConsoleSignal.Offer o => o.CaseId,
        ConsoleSignal.Alert a => a.CaseId,
        ConsoleSignal.CaseChanged c => c.CaseId,
        _ => null,
    };

    /// <summary>What the signal tells besides the case's new row.</summary>
    private Task Notices(ConsoleSignal signal) => signal switch
    {
        ConsoleSignal.Offer { From.Length: > 0 } o => Task.WhenAll(notifier.OfferWithdrawnAsync(o.CaseId, o.From), notifier.OfferedAsync(o.CaseId, o.To)),
        ConsoleSignal.Offer o => notifier.OfferedAsync(o.CaseId, o.To),
        ConsoleSignal.Alert a => notifier.AlertAsync(a.CaseId, a.Stage, a.Audience),
        ConsoleSignal.Surge s => notifier.SurgeAsync(s.Active, s.Waiting, s.Free),
        ConsoleSignal.Dispatch d => notifier.DispatchAsync(d.CaseId, d.Unit),
        _ => Task.CompletedTask,
    };
}
