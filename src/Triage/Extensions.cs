using Hotline.Core;
using Hotline.Triage.Dispatch;
using Hotline.Triage.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Triage;

public static class Extensions
{
    /// <summary>The routing worker: consumes events, keeps cases and the queue, escalates, dispatches.</summary>
    public static IServiceCollection AddTriageWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHotlineCore(configuration);
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section))
            .Validate(o => o.CriticalDeadlineSeconds > 0 && o.HighDeadlineSeconds > 0 && o.MediumDeadlineSeconds > 0 && o.UnitAcknowledgeSeconds > 0 && o.TickMilliseconds > 0,
                "HOTLINE_ROUTING deadlines and the tick must be positive")
            .ValidateOnStart();
        services.AddSingleton<ConsoleSignals>();
        services.AddSingleton<TeamLoad>();
        services.AddSingleton<DispatchPlanner>();
        services.AddHostedService<CaseRouter>();
        services.AddHostedService<EscalationClock>();
        return services;
    }
}
