using System.Diagnostics;

namespace Hotline.Testing;

/// <summary>A span as an exporter received it: copied at export time, so what a later processor changes is not seen.</summary>
public sealed record RecordedSpan(ActivityTraceId TraceId, ActivitySpanId SpanId, ActivitySpanId ParentSpanId, string Source, string Name, ActivityKind Kind,
    IReadOnlyList<KeyValuePair<string, string>> Attributes, string StatusDescription);
