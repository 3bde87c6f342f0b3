using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using StackExchange.Redis;

namespace Hotline.Core.Live;

/// <summary>What the Triage worker tells the consoles, through the hl:notify stream. Ids, names and counts only.</summary>
public sealed class ConsoleSignals(HotlineRedis redis)
{
    /// <summary>
    /// How long a signal's wake waits for the next signals to go with it, unless one of them is urgent: while signals keep
    /// coming, the consoles' relay reads at most once in about as long anyway (it gathers its reads), so a row waits little
    /// more than before, and one PUBLISH wakes it for all of them instead of one a signal.
    /// </summary>
    public static readonly TimeSpan WakeGathering = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Something about the case changed; <paramref name="urgent"/> (a new urgent case, or one just raised to urgent): the
    /// relay reads it at once instead of gathering it with the signals that follow.
    /// </summary>
    public Task CaseChangedAsync(string caseId, bool urgent = false) => Send(new ConsoleSignal.CaseChanged(caseId), urgent);

    /// <summary>The case is offered to <paramref name="to"/>; <paramref name="from"/>, if any, held the offer before.</summary>
    public Task OfferAsync(string caseId, string to, string from = "") => Send(new ConsoleSignal.Offer(caseId, to, from));

    /// <summary>An escalation step: audience "operators" (every online operator), "supervisors", or "fallback".</summary>
    public Task AlertAsync(string caseId, int stage, string audience) => Send(new ConsoleSignal.Alert(caseId, stage, audience));

    public Task SurgeAsync(bool active, int urgentWaiting, int freeOperators) => Send(new ConsoleSignal.Surge(active, urgentWaiting, freeOperators));

    public Task DispatchAsync(string caseId, string? unit) => Send(new ConsoleSignal.Dispatch(caseId, unit ?? ""));

    /// <summary>Carries the trace the signal was sent in (the event being handled), so the console leg continues it.</summary>
    private Task Send(ConsoleSignal signal, bool urgent = false) => redis.PublishAsync(RedisKeys.Notifications, HotlineTracing.CurrentTraceParent is { } traceParent
        ? [.. signal.ToFields(), new NameValueEntry(HotlineTracing.TraceParentField, traceParent)]
        : signal.ToFields(), urgent, WakeGathering);
}
