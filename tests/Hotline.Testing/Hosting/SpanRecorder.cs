using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Hotline.Testing;

/// <summary>A span as an exporter received it: copied at export time, so what a later processor changes is not seen.</summary>
public sealed record RecordedSpan(ActivityTraceId TraceId, ActivitySpanId SpanId, ActivitySpanId ParentSpanId, string Source, string Name, ActivityKind Kind,
    IReadOnlyList<KeyValuePair<string, string>> Attributes, string StatusDescription);

/// <summary>An in-memory trace exporter for a test host: every service's tracer provider exports into one recorder.</summary>
public sealed class SpanRecorder : BaseExporter<Activity>
{
    private readonly ConcurrentDictionary<ActivitySpanId, RecordedSpan> spans = new();

    public IReadOnlyCollection<RecordedSpan> Spans => [.. spans.Values];

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            // In-process the three services' providers all see each other's spans: one copy per span.
            spans.TryAdd(activity.SpanId, new RecordedSpan(activity.TraceId, activity.SpanId, activity.ParentSpanId, activity.Source.Name, activity.DisplayName,
                activity.Kind, [.. activity.TagObjects.Select(t => new KeyValuePair<string, string>(t.Key, t.Value?.ToString() ?? ""))], activity.StatusDescription ?? ""));
        }
        return ExportResult.Success;
    }
}
