using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Hotline.Testing;

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
