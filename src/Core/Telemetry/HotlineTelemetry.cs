using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Hotline.Core.Telemetry;

/// <summary>
/// OpenTelemetry for every service, web or worker: the "Hotline" meter and activity source, Redis command spans under the
/// hotline's own spans (<see cref="RedisCommandSpans"/>: command names only, never keys or arguments), and an OTLP trace
/// exporter only when <see cref="TracingOptions"/> asks for one; without one no span is recorded at all. Metrics: the
/// "Hotline" meter, the runtime's (System.Runtime: GC, JIT, thread pool) and the Redis commands the client sent
/// (<see cref="RedisClientMetrics"/>).
/// </summary>
public static class HotlineTelemetry
{
    public static OpenTelemetryBuilder AddHotlineTelemetry(this IServiceCollection services, IConfiguration configuration, string service)
    {
        var tracing = TracingOptions.From(configuration);
        services.AddOptions<TracingOptions>()
            .Configure(o => { o.Exporter = tracing.Exporter; o.Endpoint = tracing.Endpoint; o.Protocol = tracing.Protocol; })
            .Validate(o => o.ExporterKnown, $"{TracingOptions.ExporterVariable} must be 'none' (the default) or 'otlp'")
            .Validate(o => o.EndpointValid,
                $"{TracingOptions.ExporterVariable}=otlp needs {TracingOptions.EndpointVariable} as an absolute http(s) address of the collector, and {TracingOptions.ProtocolVariable}, if set, 'grpc' or 'http/protobuf'")
            .ValidateOnStart();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("hotline-" + service))
            .WithMetrics(metrics => metrics.AddMeter(HotlineMetrics.MeterName, "System.Runtime"));
        // Nothing exported, no tracer at all: no listener on the hotline's sources, so no span is made, no trace context is
        // carried on a console signal and no Redis command is profiled. An always-off sampler still made an unrecorded span
        // for every request and every event handled (a root's context is kept to be propagated) and wrote its context on
        // every console signal (docs/BENCHMARKS.md).
        if (tracing.Records)
        {
            telemetry.WithTracing(traces => traces.AddSource(HotlineTracing.SourceName, RedisCommandSpans.SourceName)
                .AddProcessor(sp => new RedisCommandSpans(sp.GetService<IConnectionMultiplexer>()))
                .AddProcessor(new SafeAttributesProcessor())
                .AddOtlpExporter());
        }
        return telemetry;
    }

    /// <summary>Whether the service's configuration asks for traces to be exported (and so recorded at all).</summary>
    public static bool Traces(IConfiguration configuration) => TracingOptions.From(configuration).Records;
}
