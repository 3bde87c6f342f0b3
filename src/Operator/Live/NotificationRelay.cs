using Hotline.Core.Live;
using Hotline.Core.Telemetry;
using StackExchange.Redis;

namespace Hotline.Operator.Live;

/// <summary>
/// Relays the Triage worker's notifications to the consoles. A consumer group: exactly one Operator instance relays
/// each, and the SignalR Redis backplane carries it to every instance's browsers.
/// A read's signals are relayed together: each case that changed is read and sent once, however many of its signals the
/// read holds (the console reads a case's row fresh, so the last state is all it needs), and the cases at once.
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
    /// own notices (offer, alert, surge, dispatch) under its span, a case's new row under the span of its last signal.
    /// Should anything fail, the whole read stays pending and is relayed again.
    /// </summary>
    protected override async Task HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
    {
        if (entries.Length == 0) return;
        try
        {
            var sends = new List<Task>(entries.Length);
            var changed = new Dictionary<string, StreamEntry>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var signal = ConsoleSignal.FromFields(entry.Values);
                if (CaseOf(signal) is { } caseId) changed[caseId] = entry;
                if (signal is null or ConsoleSignal.CaseChanged) continue;
                using var activity = Start(entry);
                sends.Add(Notices(signal));
            }
            foreach (var (caseId, entry) in changed) sends.Add(CaseChangedAsync(caseId, entry));
            await Task.WhenAll(sends).ConfigureAwait(false);
            Handled(entries);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Relaying {Count} console signals failed; they stay pending", entries.Length);
        }
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
