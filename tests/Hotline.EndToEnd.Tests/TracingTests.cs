using System.Collections.Concurrent;
using System.Diagnostics;
using Hotline.Core.Telemetry;

namespace Hotline.EndToEnd.Tests;

[Collection(HotlineCollection.Name)]
public sealed class TracingTests(HotlineStack stack)
{
    [Fact]
    public async Task A_message_trace_continues_from_the_bot_into_the_triage_worker_and_no_attribute_holds_its_text_or_address()
    {
        const string secret = "Arben Hoxha po më rreh tani në Rrugën e Kavajës, ndihmë";
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HotlineTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        using var visitor = await stack.StartWebChatAsync();
        // The listener hears every host in this process (other collections run beside this one): the visitor's request
        // carries a trace of this test's own (traceparent), and only that trace's spans are read as the message's.
        ActivityTraceId own;
        using (var sending = new Activity(nameof(TracingTests)).Start())
        {
            own = sending.TraceId;
            (await visitor.SayAsync(secret)).EnsureSuccessStatusCode();
        }

        (Activity Store, Activity Handle)? pair = null;
        for (var i = 0; i < 360 && pair is null; i++)
        {
            await Task.Delay(250);
            var stores = stopped.Where(a => a.TraceId == own && a.OperationName == "hotline.message.store" && (string?)a.GetTagItem("hotline.severity") is "critical" or "high").ToList();
            pair = stores.SelectMany(s => stopped.Where(h => h.OperationName == "hotline.event.handle" && h.TraceId == s.TraceId).Select(h => (s, h)))
                .Cast<(Activity, Activity)?>().FirstOrDefault();
        }

        Assert.NotNull(pair);
        var (store, handle) = pair.Value;
        Assert.Equal(store.SpanId, handle.ParentSpanId);
        Assert.Equal("webchat", store.GetTagItem("hotline.channel"));
        var words = secret.Split(' ', ',').Where(w => w.Length > 3).ToList();
        foreach (var activity in stopped)
        {
            foreach (var (key, value) in activity.TagObjects)
            {
                var text = value?.ToString() ?? "";
                Assert.DoesNotContain(words, w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
                Assert.DoesNotContain(visitor.ConversationId, text, StringComparison.Ordinal);
                Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
            }
        }
    }
}
