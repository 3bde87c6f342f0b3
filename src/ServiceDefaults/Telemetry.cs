using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Hotline.ServiceDefaults;

/// <summary>
/// A web service's telemetry: what every service has (<see cref="HotlineTelemetry"/>), plus ASP.NET Core's request spans
/// (route template and status only, see <see cref="SafeAttributes"/>) and its request and Kestrel metrics for Prometheus;
/// and readiness.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddHotlineTelemetry(this WebApplicationBuilder builder, string service)
    {
        builder.Services.AddHotlineTelemetry(builder.Configuration, service)
            .WithTracing(traces => traces.AddAspNetCoreInstrumentation(requests =>
            {
                // Probes and scrapes are not part of any person's path through the hotline.
                requests.Filter = context => !context.Request.Path.StartsWithSegments("/metrics") && !context.Request.Path.StartsWithSegments("/healthz")
                    && !context.Request.Path.StartsWithSegments("/readyz");
                requests.EnrichWithHttpResponse = (activity, _) => SafeAttributes.Keep(activity);
                requests.EnrichWithException = (activity, _) => SafeAttributes.Keep(activity);
            }))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// GET /metrics (Prometheus text; counts only, no text, address or id in any label) and GET /readyz: 200 when Redis
    /// answers, has room to write and every stream group this process reads exists, 503 with what is missing otherwise.
    /// Past HOTLINE_REDIS_MEMORY_ALERT_PERCENT of maxmemory it stays 200 and says how full Redis is.
    /// </summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(HotlineRedis redis, RedisMemory memory, IOptions<RedisMemoryOptions> memoryOptions, IEnumerable<IHostedService> services)
    {
        var missing = new List<string>();
        RedisMemoryReading? reading;
        try
        {
            await redis.Db.PingAsync();
            reading = await memory.ReadAsync();
            foreach (var reads in services.OfType<StreamGroupWorker>().Select(w => w.Reads).OfType<(string Stream, string Group)>())
            {
                var groups = await redis.Db.StreamGroupInfoAsync(reads.Stream);
                if (!groups.Any(g => g.Name == reads.Group)) missing.Add($"{reads.Stream}/{reads.Group}");
            }
        }
        catch (RedisServerException e) when (e.Message.StartsWith("ERR no such key", StringComparison.Ordinal))
        {
            missing.Add("a stream this service reads does not exist yet");
            reading = memory.Last;
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            return Results.Problem("Redis is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }
        if (reading is { Full: true })
        {
            return Results.Problem($"Redis memory is full, {reading.Describe()}: writes are refused.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }
        var pressure = reading is { Limit: > 0 } && reading.Percent >= memoryOptions.Value.AlertPercent ? $"; Redis memory high, {reading.Describe()}" : "";
        return missing.Count == 0
            ? Results.Text("ready" + pressure)
            : Results.Problem("Stream groups not created yet: " + string.Join(", ", missing), statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
    }
}
