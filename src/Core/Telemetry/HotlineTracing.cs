using System.Diagnostics;

namespace Hotline.Core.Telemetry;

/// <summary>
/// The hotline's traces (ActivitySource "Hotline"). A message's trace starts in the Bot, continues in the Triage worker and
/// ends in the Operator service announcing the case to consoles: its W3C trace context travels as the
/// <see cref="TraceParentField"/> field of the hl:events entry and then of the hl:notify entry. Attributes carry a channel, a
/// severity or an event type at most — never text, an address or an id.
/// </summary>
public static class HotlineTracing
{
    public const string SourceName = "Hotline";
    public const string TraceParentField = "traceparent";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The trace context of the current activity, to carry on a stream entry (null when nothing is traced).</summary>
    public static string? CurrentTraceParent => Activity.Current?.Id;

    /// <summary>Continues the trace an event was published in (or starts one when it carries none).</summary>
    public static Activity? StartConsumer(string name, string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, ActivityKind.Consumer, parent)
            : Source.StartActivity(name, ActivityKind.Consumer);
}
