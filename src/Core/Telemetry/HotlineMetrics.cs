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

    private readonly Counter<long> messagesStored;
    private readonly Histogram<double> storeDuration;
    private readonly Counter<long> eventsRelayed;
    private readonly Histogram<double> screeningDuration;
    private readonly Counter<long> casesOpened;
    private readonly Gauge<long> queueDepth;
    private readonly Histogram<double> claimWait;

    public HotlineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        messagesStored = meter.CreateCounter<long>("hotline.messages.stored", "{message}", "Inbound messages stored with their event, by channel and severity");
        storeDuration = meter.CreateHistogram<double>("hotline.messages.store.duration", "ms", "Time to seal, store and relay one inbound message");
        eventsRelayed = meter.CreateCounter<long>("hotline.events.relayed", "{event}", "Events moved from a conversation's outbox to hl:events; path=sweep means a writer had died first");
        screeningDuration = meter.CreateHistogram<double>("hotline.screening.duration", "ms", "Time to screen one inbound message, by the severity it was given");
        casesOpened = meter.CreateCounter<long>("hotline.cases.opened", "{case}", "Cases opened by the Triage worker, by channel and severity");
        queueDepth = meter.CreateGauge<long>("hotline.queue.depth", "{case}", "Cases waiting in hl:queue for an operator, as last sampled by the Triage worker");
        claimWait = meter.CreateHistogram<double>("hotline.cases.claim.wait", "s", "From a case opening to an operator claiming it, by severity");
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

    public void Claimed(Severity severity, TimeSpan waited) =>
        claimWait.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("severity", severity.ToWire()));
}
