using Hotline.Core.Live;
using Hotline.Core;
using Hotline.Core.Telemetry;
using Hotline.Triage.Dispatch;
using Hotline.Triage.Routing;
using Hotline.Triage.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Hotline.Triage;

public static class Extensions
{
    /// <summary>The routing worker: consumes events, keeps cases and the queue, escalates, dispatches.</summary>
    public static IServiceCollection AddTriageWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHotlineCore(configuration, "triage");
        var metrics = new TriageMetricsOptions { Port = configuration[TriageMetricsOptions.PortVariable]?.Trim() ?? "" };
        services.AddOptions<TriageMetricsOptions>().Configure(o => o.Port = metrics.Port)
            .Validate(o => o.Valid, $"{TriageMetricsOptions.PortVariable} must be a port number (1-65535), or unset for no metrics listener")
            .ValidateOnStart();
        services.AddHotlineTelemetry(configuration, "triage").WithMetrics(m =>
        {
            // Loopback only, as the web services' /metrics is reached through the host: a scraper runs beside the worker.
            if (metrics.ListenPort is { } port) m.AddPrometheusHttpListener(listener => { listener.Host = "127.0.0.1"; listener.Port = port; });
        });
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section))
            .Validate(o => o.CriticalDeadlineSeconds > 0 && o.HighDeadlineSeconds > 0 && o.MediumDeadlineSeconds > 0 && o.LowDeadlineSeconds > 0 &&
                o.NoneDeadlineSeconds > 0 && o.UnitAcknowledgeSeconds > 0 && o.TickMilliseconds > 0 && o.LeaseSeconds > 0,
                "HOTLINE_ROUTING deadlines, the tick and the lease must be positive")
            .Validate(o => o.DeadlinesOrdered,
                "HOTLINE_ROUTING deadlines must not grow with severity: Critical <= High <= Medium <= Low <= None")
            .Validate(o => o.IdleCloseMinutes > 0 && o.IdleAfterLadder,
                "HOTLINE_ROUTING IdleCloseMinutes must be positive and at least three times the longest deadline (the whole escalation ladder)")
            .Validate(o => o.OfferWindowPercent is > 0 and < 100 && o.PlaceUpdateMinSeconds >= 0 && o.PlaceUpdateMinImprovement > 0,
                "HOTLINE_ROUTING OfferWindowPercent must be between 1 and 99, PlaceUpdateMinImprovement positive")
            .ValidateOnStart();
        // A value that is not a whole number is kept as 0 so that validation stops the worker with a clear message.
        services.AddOptions<AofRewriteOptions>()
            .Configure(o => o.Minutes = configuration[AofRewriteOptions.Variable] is not { Length: > 0 } text ? o.Minutes
                : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) ? minutes : 0)
            .Validate(o => o.Minutes > 0, $"{AofRewriteOptions.Variable} must be a positive whole number of minutes")
            .ValidateOnStart();
        services.AddSingleton<ConsoleSignals>();
        services.AddSingleton<TeamLoad>();
        services.AddSingleton<DueLeases>();
        services.AddSingleton<DispatchPlanner>();
        services.AddSingleton<CaseOffers>();
        services.AddSingleton<QueuePlaces>();
        services.AddSingleton<Hotline.Core.Cases.CaseViews>();
        services.AddSingleton<ShownCases>();
        services.AddHostedService(sp => sp.GetRequiredService<ShownCases>());
        services.AddHostedService<CaseRouter>();
        services.AddHostedService<ReadinessListener>();
        services.AddHostedService<EscalationClock>();
        services.AddHostedService<QueueRepair>();
        services.AddHostedService<AofRewriteSchedule>();
        services.AddSingleton<Hotline.Triage.Retention.DeletionRequests>();
        services.AddSingleton<Hotline.Triage.Retention.RetentionBackfill>();
        services.AddHostedService<Hotline.Triage.Retention.RetentionSweep>();
        services.AddHostedService<Hotline.Core.Notices.NoticeMergeFlush>();
        services.AddSingleton<Hotline.Core.Storage.IRedisMemoryAlert, Hotline.Triage.Alerts.RedisMemoryAlert>();
        return services;
    }
}
