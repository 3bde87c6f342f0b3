using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Hotline.EndToEnd.Tests;

/// <summary>What a trace collector would receive from the three services for one web chat message.</summary>
/// <remarks>
/// Runs on its own: a tracer provider hears every host in this process, so beside other collections the first urgent
/// message it recorded could be another host's, one whose trace never reaches a console (a conversation deleted before
/// Triage read its message), and the test would wait for that trace in vain.
/// </remarks>
[Collection(MetricsCollection.Name)]
public sealed class TraceExportTests
{
    [Fact]
    public async Task One_web_chat_message_is_one_trace_from_the_bot_request_through_triage_to_the_console_signal_and_no_exported_attribute_holds_its_words_or_ids()
    {
        const string secret = "Dritan Berisha më kërcënon me thikë tani te Pallati Blu, ndihmë";
        var recorder = new SpanRecorder();
        await using var host = new HotlineHost(new HotlineHostOptions
        {
            Name = "hotline-traces",
            Bot = true,
            Triage = true,
            Operator = true,
            ConsoleLogs = false,
            DemoPassword = HotlineStack.DemoPassword,
            // Spans are recorded only where they are exported: an OTLP collector configured (at an address where none
            // listens; the recorder beside the exporter is what this test reads).
            Settings = new Dictionary<string, string?>
            {
                [TracingOptions.ExporterVariable] = "otlp",
                [TracingOptions.EndpointVariable] = "http://127.0.0.1:9",
            },
            Services = services => services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddProcessor(new SimpleActivityExportProcessor(recorder))),
        });
        await host.InitializeAsync();

        using var visitor = await host.StartWebChatAsync();
        (await visitor.SayAsync(secret)).EnsureSuccessStatusCode();

        // The message's store span, the Triage worker's handling of its event and the Operator's console signal share one
        // trace, each with the Redis commands it issued as its children (made when it ends).
        IReadOnlyList<RecordedSpan> trace = [];
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var spans = recorder.Spans;
            var store = spans.FirstOrDefault(s => s.Name == "hotline.message.store" && Tag(s, "hotline.severity") is "critical" or "high");
            trace = store is null ? [] : spans.Where(s => s.TraceId == store.TraceId).ToList();
            if (trace.Any(s => s.Name == "hotline.console.signal") && trace.Any(s => s.Source.Contains("Redis", StringComparison.Ordinal))
                && trace.Any(s => s.Name == "hotline.event.handle")) break;
            await Task.Delay(200);
        }

        var message = Assert.Single(trace, s => s.Name == "hotline.message.store");
        var handle = Assert.Single(trace, s => s.Name == "hotline.event.handle");
        Assert.Equal(message.SpanId, handle.ParentSpanId);
        Assert.Contains(trace, s => s.Name == "hotline.console.signal" && s.ParentSpanId == handle.SpanId);
        var request = Assert.Single(trace, s => s.SpanId == message.ParentSpanId);
        Assert.Equal(System.Diagnostics.ActivityKind.Server, request.Kind);
        Assert.Equal("POST", Tag(request, "http.request.method"));
        Assert.Contains("{conversationId}", Tag(request, "http.route"), StringComparison.Ordinal);
        Assert.Contains(trace, s => s.Source.Contains("Redis", StringComparison.Ordinal) && s.ParentSpanId == message.SpanId);

        await using var redis = await host.ConnectAsAsync("operator");
        var caseId = (string?)await redis.Db.HashGetAsync(RedisKeys.Conversation(visitor.ConversationId), "caseId");
        Assert.False(string.IsNullOrEmpty(caseId));
        var forbidden = secret.Split(' ', ',').Where(w => w.Length > 3).Append(visitor.ConversationId).Append(caseId).Append("127.0.0.1").ToList();
        foreach (var span in recorder.Spans)
        {
            foreach (var text in span.Attributes.SelectMany(a => new[] { a.Key, a.Value }).Append(span.Name).Append(span.StatusDescription))
            {
                Assert.DoesNotContain(forbidden, f => text.Contains(f, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    private static string? Tag(RecordedSpan span, string name) => span.Attributes.FirstOrDefault(a => a.Key == name).Value;
}
