using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

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
        var telemetry = builder.Services.AddHotlineTelemetry(builder.Configuration, service)
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        // Request spans only where traces are exported (HotlineTelemetry: otherwise no tracer at all).
        if (HotlineTelemetry.Traces(builder.Configuration))
        {
            telemetry.WithTracing(traces => traces.AddAspNetCoreInstrumentation(requests =>
            {
                // Probes and scrapes are not part of any person's path through the hotline.
                requests.Filter = context => !context.Request.Path.StartsWithSegments("/metrics") && !context.Request.Path.StartsWithSegments("/healthz")
                    && !context.Request.Path.StartsWithSegments("/readyz");
                requests.EnrichWithHttpResponse = (activity, _) => SafeAttributes.Keep(activity);
                requests.EnrichWithException = (activity, _) => SafeAttributes.Keep(activity);
            }));
        }
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

    private static async Task<IResult> ReadyAsync(Readiness readiness)
    {
        var report = await readiness.CheckAsync();
        return report.Ready
            ? Results.Text(report.Detail)
            : Results.Problem(report.Detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: ReadinessReport.NotReadyTitle);
    }
}
