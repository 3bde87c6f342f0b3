using Hotline.Core;
using Hotline.Triage.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Triage;

public static class Extensions
{
    /// <summary>The routing worker: consumes events, keeps cases and the queue.</summary>
    public static IServiceCollection AddTriageWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHotlineCore(configuration);
        services.AddHostedService<CaseRouter>();
        return services;
    }
}
