using System.Diagnostics.Metrics;

namespace Hotline.Core.Telemetry;

/// <summary>
/// The hotline's own instruments (System.Diagnostics.Metrics, meter "Hotline"): counts and durations only, tagged with a
/// channel or severity at most — never text, an address or an id, so a scrape of /metrics holds nothing personal.
/// Each service records what it does: the Bot stores and screens, the Triage worker opens cases and samples the queue,
/// the Operator service records claims.
/// </summary>
public sealed class HotlineMetrics
{
    public const string MeterName = "Hotline";

    /// <summary>Bucket bounds of the claim wait (seconds): fine enough that the bot's "about N minutes" and the dashboard's quantiles hold.</summary>
    public static readonly IReadOnlyList<double> ClaimWaitBuckets =
        [10, 30, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600, 43200, 86400];

    /// <summary>Bucket bounds of a dispatch's time to acknowledgement (seconds).</summary>
    public static readonly IReadOnlyList<double> DispatchBuckets = [30, 60, 120, 180, 300, 420, 600, 900, 1200, 1800, 2700, 3600, 7200];

    private readonly Counter<long> messagesStored;
    private readonly Histogram<double> storeDuration;
    private readonly Counter<long> eventsRelayed;
    private readonly Histogram<double> screeningDuration;
    private readonly Counter<long> casesOpened;
    private readonly Gauge<long> queueDepth;
    private readonly Histogram<double> claimWait;
    private readonly Counter<long> deadlinesMissed;
    private readonly Counter<long> casesClosed;
    private readonly Histogram<double> dispatchAcknowledged;
    private readonly Counter<long> deletionsRequested;
    private readonly Counter<long> teamKeyRefused;
    private readonly Gauge<long> auditIntact;

    public HotlineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        messagesStored = meter.CreateCounter<long>("hotline.messages.stored", "{message}", "Inbound messages stored with their event, by channel and severity");
        storeDuration = meter.CreateHistogram<double>("hotline.messages.store.duration", "ms", "Time to seal, store and relay one inbound message");
        eventsRelayed = meter.CreateCounter<long>("hotline.events.relayed", "{event}", "Events moved from a conversation's outbox to hl:events; path=sweep means a writer had died first");
        screeningDuration = meter.CreateHistogram<double>("hotline.screening.duration", "ms", "Time to screen one inbound message, by the severity it was given");
        casesOpened = meter.CreateCounter<long>("hotline.cases.opened", "{case}", "Cases opened by the Triage worker, by channel and severity");
        queueDepth = meter.CreateGauge<long>("hotline.queue.depth", "{case}", "Cases waiting in hl:queue for an operator, as last sampled by the Triage worker");
        claimWait = meter.CreateHistogram<double>("hotline.cases.claim.wait", "s", "From a case opening to an operator claiming it, by severity",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ClaimWaitBuckets });
        deadlinesMissed = meter.CreateCounter<long>("hotline.deadlines.missed", "{case}", "Cases nobody claimed within their severity's first deadline, by severity");
        casesClosed = meter.CreateCounter<long>("hotline.cases.closed", "{case}", "Cases closed, by close reason and severity");
        deletionsRequested = meter.CreateCounter<long>("hotline.conversations.deletions.requested", "{conversation}", "Conversations the Triage worker asked the Bot to delete, by reason (retention, idle)");
        teamKeyRefused = meter.CreateCounter<long>("hotline.team_key.refused", "{check}", "Times the team key record in Redis was refused and nothing was sealed to it, by reason (signature: not signed by the pinned key; rollback: older than one accepted before)");
        auditIntact = meter.CreateGauge<long>("hotline.audit.intact", "{check}", "1 when the Operator service's last check found the audit chain intact (links, signed and countersigned heads, the anchor kept outside Redis), 0 when broken");
        dispatchAcknowledged = meter.CreateHistogram<double>("hotline.dispatch.acknowledged", "s", "From a dispatch confirmed (or sent) to the unit acknowledging it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DispatchBuckets });
    }

    public void MessageStored(Channel channel, Severity severity, TimeSpan took)
    {
        messagesStored.Add(1, new KeyValuePair<string, object?>("channel", channel.ToWire()), new KeyValuePair<string, object?>("severity", severity.ToWire()));
        storeDuration.Record(took.TotalMilliseconds, new KeyValuePair<string, object?>("channel", channel.ToWire()));
    }

    public void EventsRelayed(int count, bool swept) =>
        eventsRelayed.Add(count, new KeyValuePair<string, object?>("path", swept ? "sweep" : "writer"));

    public void Screened(Severity severity, TimeSpan took) =>
        screeningDuration.Record(took.TotalMilliseconds, new KeyValuePair<string, object?>("severity", severity.ToWire()));

    public void CaseOpened(Channel channel, Severity severity) =>
        casesOpened.Add(1, new KeyValuePair<string, object?>("channel", channel.ToWire()), new KeyValuePair<string, object?>("severity", severity.ToWire()));

    public void QueueDepth(long cases) => queueDepth.Record(cases);

    public void DeadlineMissed(Severity severity) =>
        deadlinesMissed.Add(1, new KeyValuePair<string, object?>("severity", severity.ToWire()));

    /// <param name="reason">A close reason's wire name (<see cref="Cases.CloseReasons"/>): a short fixed word, never free text.</param>
    public void CaseClosed(string reason, Severity severity) =>
        casesClosed.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("severity", severity.ToWire()));

    /// <param name="reason">A fixed word ("retention", "idle"), never free text.</param>
    public void DeletionRequested(string reason) => deletionsRequested.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <param name="reason">"signature" or "rollback", never free text.</param>
    public void TeamKeyRefused(string reason) => teamKeyRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void AuditChecked(bool intact) => auditIntact.Record(intact ? 1 : 0);

    public void DispatchAcknowledged(TimeSpan took) => dispatchAcknowledged.Record(Math.Max(0, took.TotalSeconds));

    public void Claimed(Severity severity, TimeSpan waited) =>
        claimWait.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("severity", severity.ToWire()));
}
