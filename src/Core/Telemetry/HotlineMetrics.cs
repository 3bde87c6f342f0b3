using System.Diagnostics.Metrics;

namespace Hotline.Core.Telemetry;

/// <summary>
/// The hotline's own instruments (System.Diagnostics.Metrics, meter "Hotline"): counts and durations only, tagged with a
/// channel or severity at most — never text, an address or an id, so a scrape of /metrics holds nothing personal.
/// </summary>
public sealed class HotlineMetrics
{
    public const string MeterName = "Hotline";

    private readonly Counter<long> messagesStored;
    private readonly Histogram<double> storeDuration;
    private readonly Counter<long> eventsRelayed;

    public HotlineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        messagesStored = meter.CreateCounter<long>("hotline.messages.stored", "{message}", "Inbound messages stored with their event, by channel and severity");
        storeDuration = meter.CreateHistogram<double>("hotline.messages.store.duration", "ms", "Time to seal, store and relay one inbound message");
        eventsRelayed = meter.CreateCounter<long>("hotline.events.relayed", "{event}", "Events moved from a conversation's outbox to hl:events; path=sweep means a writer had died first");
    }

    public void MessageStored(Channel channel, Severity severity, TimeSpan took)
    {
        messagesStored.Add(1, new KeyValuePair<string, object?>("channel", channel.ToWire()), new KeyValuePair<string, object?>("severity", severity.ToWire()));
        storeDuration.Record(took.TotalMilliseconds, new KeyValuePair<string, object?>("channel", channel.ToWire()));
    }

    public void EventsRelayed(int count, bool swept) =>
        eventsRelayed.Add(count, new KeyValuePair<string, object?>("path", swept ? "sweep" : "writer"));
}
