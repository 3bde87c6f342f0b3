using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Notices;
using Hotline.Core.Team;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Core;

public static class Extensions
{
    /// <summary>Options, the Redis connection and the stores every service shares.</summary>
    public static IServiceCollection AddHotlineCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HotlineOptions>()
            .Configure(o =>
            {
                o.Redis = configuration["HOTLINE_REDIS"] ?? "";
                o.DataDir = configuration["HOTLINE_DATA_DIR"] ?? "";
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<HotlineOptions>>().Value;
            var config = ConfigurationOptions.Parse(options.Redis);
            config.AbortOnConnectFail = false;
            config.ClientName = "hotline";
            return ConnectionMultiplexer.Connect(config);
        });
        services.AddSingleton<HotlineRedis>();
        services.AddSingleton<TeamKeyDirectory>();
        services.AddSingleton<TranscriptStore>();
        services.AddMetrics();
        services.AddSingleton<Hotline.Core.Telemetry.HotlineMetrics>();
        services.AddSingleton<Hotline.Core.Events.EventOutbox>();
        services.AddSingleton<MessageRecorder>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseTimeline>();
        services.AddSingleton<PresenceStore>();
        services.AddSingleton<TeamDirectory>();
        services.AddSingleton<Hotline.Core.Dispatch.DispatchStore>();
        services.AddSingleton<Hotline.Core.Dispatch.MobileUnits>();
        services.TryAddSingleton<IOutboundNotifier, StreamOutboundNotifier>();
        return services;
    }
}
