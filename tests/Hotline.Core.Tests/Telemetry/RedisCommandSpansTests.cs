using System.Diagnostics;
using Hotline.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Hotline.Core.Tests.Telemetry;

[Collection(RedisFixture.Collection)]
public sealed class RedisCommandSpansTests(RedisFixture redis)
{
    [Fact]
    public async Task Commands_under_a_hotline_span_become_its_children_named_by_the_command_and_commands_outside_one_make_no_span()
    {
        var key = "test:spans:" + Guid.NewGuid().ToString("N");
        // A connection of its own: the profiler it gets is this test's alone.
        await using var connection = await redis.Server.ConnectAsync();
        var recorder = new SpanRecorder();
        using (Sdk.CreateTracerProviderBuilder()
            .AddSource(HotlineTracing.SourceName, RedisCommandSpans.SourceName)
            .AddProcessor(new RedisCommandSpans(connection))
            .AddProcessor(new SimpleActivityExportProcessor(recorder))
            .Build())
        {
            var db = connection.GetDatabase();
            // Outside any span, as a stream worker's poll is: not profiled, no span.
            await db.StringSetAsync(key + ":outside", "1");
            ActivitySpanId parent;
            using (var span = HotlineTracing.Source.StartActivity("test.step"))
            {
                parent = span!.SpanId;
                await db.StringSetAsync(key, "secret value");
                await db.StringGetAsync(key);
            }
            await db.KeyDeleteAsync([key, key + ":outside"]);

            var commands = recorder.Spans.Where(s => s.Source == RedisCommandSpans.SourceName).ToList();
            Assert.Equal(["GET", "SET"], commands.Select(s => s.Name).Order());
            Assert.All(commands, s =>
            {
                Assert.Equal(parent, s.ParentSpanId);
                Assert.Equal(ActivityKind.Client, s.Kind);
                Assert.Equal(["db.operation.name", "db.system"], s.Attributes.Select(a => a.Key).Order());
                Assert.DoesNotContain(s.Attributes, a => a.Value.Contains("test:spans", StringComparison.Ordinal) || a.Value.Contains("secret", StringComparison.Ordinal));
            });
        }
    }
}
