using Hotline.Core.Live;
using Hotline.Core.Telemetry;
using StackExchange.Redis;

namespace Hotline.Operator.Live;

/// <summary>
/// Relays the Triage worker's notifications to the consoles. A consumer group: exactly one Operator instance relays
/// each, and the SignalR Redis backplane carries it to every instance's browsers.
/// </summary>
public sealed class NotificationRelay(HotlineRedis redis, ConsoleNotifier notifier, ILogger<NotificationRelay> logger, TimeProvider time)
    : StreamGroupWorker(redis, logger, time)
{
    protected override string Stream => RedisKeys.Notifications;
    protected override string Group => "operator";
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    /// <summary>Continues the trace of the event that caused the signal (its traceparent field), through to SignalR.</summary>
    protected override async Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        using var activity = HotlineTracing.StartConsumer("hotline.console.signal", entry[HotlineTracing.TraceParentField].ToString());
        activity?.SetTag("hotline.signal", entry["type"].ToString());
        await Relay(entry).ConfigureAwait(false);
    }

    private Task Relay(StreamEntry entry) => ConsoleSignal.FromFields(entry.Values) switch
    {
        ConsoleSignal.Offer { From.Length: > 0 } o =>
            Task.WhenAll(notifier.OfferWithdrawnAsync(o.CaseId, o.From), notifier.OfferedAsync(o.CaseId, o.To), notifier.CaseChangedAsync(o.CaseId)),
        ConsoleSignal.Offer o => Both(notifier.OfferedAsync(o.CaseId, o.To), notifier.CaseChangedAsync(o.CaseId)),
        ConsoleSignal.Alert a => Both(notifier.AlertAsync(a.CaseId, a.Stage, a.Audience), notifier.CaseChangedAsync(a.CaseId)),
        ConsoleSignal.Surge s => notifier.SurgeAsync(s.Active, s.Waiting, s.Free),
        ConsoleSignal.Dispatch d => notifier.DispatchAsync(d.CaseId, d.Unit),
        ConsoleSignal.CaseChanged c => notifier.CaseChangedAsync(c.CaseId),
        _ => Task.CompletedTask,
    };

    private static Task Both(Task a, Task b) => Task.WhenAll(a, b);
}
