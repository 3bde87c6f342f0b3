using Hotline.Core.Live;
using Hotline.Core.Telemetry;
using StackExchange.Redis;

namespace Hotline.Operator.Live;

/// <summary>
/// Relays the Triage worker's notifications to the consoles. A consumer group: exactly one Operator instance relays
/// each, and the SignalR Redis backplane carries it to every instance's browsers.
/// A read's signals are relayed together, case by case: a case's notices (offers, alerts, dispatches) in stream order, one
/// after another, and then its row once, however many of its signals the read holds (the console reads a case's row fresh,
/// so the last state is all it needs); different cases (and the surges, in their own order) at once.
/// </summary>
public sealed class NotificationRelay(HotlineRedis redis, ConsoleNotifier notifier, ILogger<NotificationRelay> logger, TimeProvider time)
    : StreamGroupWorker(redis, logger, time)
{
    protected override string Stream => RedisKeys.Notifications;
    protected override string Group => "operator";
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    /// <summary>A woken relay reads after this long, so that one read takes the signals of several wakes and of one case together.</summary>
    protected override TimeSpan GatherDelay => TimeSpan.FromMilliseconds(20);

    protected override Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken) => HandleBatchAsync([entry], redelivered: false, cancellationToken);

    /// <summary>
    /// Continues the trace of the event that caused each signal (its traceparent field), through to SignalR: a signal's
    /// own notices under its span, a case's new row under the span of its last signal. A signal whose notices fail stays
    /// pending, and so do the later signals of its case (to keep their order); the others are acknowledged, so a retry
    /// chimes nothing twice on another case's consoles.
    /// </summary>
    protected override async Task HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        if (entries.Length == 0) return;
        var byCase = new Dictionary<string, List<(StreamEntry Entry, ConsoleSignal? Signal)>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var signal = ConsoleSignal.FromFields(entry.Values);
            var key = PartitionOf(signal);
            if (!byCase.TryGetValue(key, out var list)) byCase[key] = list = [];
            list.Add((entry, signal));
        }
        var relayed = await Task.WhenAll(byCase.Select(c => RelayCaseAsync(c.Key, c.Value, cancellationToken))).ConfigureAwait(false);
        Handled(relayed.SelectMany(r => r));
    }

    /// <summary>One case's signals in stream order, then its row; answers the entries relayed.</summary>
    private async Task<List<StreamEntry>> RelayCaseAsync(string caseId, List<(StreamEntry Entry, ConsoleSignal? Signal)> signals, CancellationToken cancellationToken)
    {
        var relayed = new List<StreamEntry>(signals.Count);
        var row = -1;
        try
        {
            foreach (var (entry, signal) in signals)
            {
                if (signal is not null and not ConsoleSignal.CaseChanged)
                {
                    using var activity = Start(entry);
                    await Notices(signal).ConfigureAwait(false);
                }
                if (CaseOf(signal) is not null) row = relayed.Count;
                relayed.Add(entry);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Relaying {Count} console signals of one case failed; they stay pending", signals.Count - relayed.Count);
        }
        if (row >= 0)
        {
            try
            {
                await CaseChangedAsync(caseId, relayed[row]).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The signal the row was sent for stays pending: relayed again, it sends the row again.
                logger.LogError(e, "Relaying a case's row failed; its last signal stays pending");
                relayed.RemoveAt(row);
            }
        }
        return relayed;
    }

    private async Task CaseChangedAsync(string caseId, StreamEntry entry)
    {
        using var activity = Start(entry);
        await notifier.CaseChangedAsync(caseId).ConfigureAwait(false);
    }

    private static System.Diagnostics.Activity? Start(StreamEntry entry)
    {
        var activity = HotlineTracing.StartConsumer("hotline.console.signal", entry[HotlineTracing.TraceParentField].ToString());
        activity?.SetTag("hotline.signal", entry["type"].ToString());
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

    /// <summary>The signals relayed one after another: a case's; the surges, among themselves, have the empty key.</summary>
    private static string PartitionOf(ConsoleSignal? signal) => signal switch
    {
        ConsoleSignal.Dispatch d => d.CaseId,
        _ => CaseOf(signal) ?? "",
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
