using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Hosting;
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
    /// <summary>Options, the Redis connection (as <paramref name="redisUser"/> unless HOTLINE_REDIS_USER says otherwise) the service's signing key (named as its Redis user: bot, triage, operator) and the stores every service shares.</summary>
    public static IServiceCollection AddHotlineCore(this IServiceCollection services, IConfiguration configuration, string redisUser)
    {
        services.AddOptions<HotlineOptions>()
            .Configure(o =>
            {
                o.Redis = configuration["HOTLINE_REDIS"] ?? "";
                o.DataDir = configuration["HOTLINE_DATA_DIR"] ?? "";
                o.SecretsDir = configuration["HOTLINE_SECRETS_DIR"] ?? "";
                o.RedisUser = configuration["HOTLINE_REDIS_USER"] is { Length: > 0 } user ? user : redisUser;
                o.RedisPasswordFile = configuration["HOTLINE_REDIS_PASSWORD_FILE"] ?? "";
                o.TeamKeyFingerprint = configuration["HOTLINE_TEAM_KEY_FINGERPRINT"]?.Trim() ?? "";
                o.SigningKeysDir = configuration["HOTLINE_SIGNING_KEYS_DIR"] is { Length: > 0 } dir ? dir : HotlineOptions.DefaultSigningKeysDir(o.SecretsDir);
                o.TeamKeyCheckSeconds = Hosting.WholeNumberSetting.Read(configuration["HOTLINE_TEAM_KEY_CHECK_SECONDS"], o.TeamKeyCheckSeconds);
            })
            .ValidateDataAnnotations()
            .Validate(o => o.SecretsDir.Length == 0 || o.DataDir.Length == 0 || !SecretFile.IsInside(o.SecretsDir, o.DataDir),
                "HOTLINE_SECRETS_DIR must lie outside HOTLINE_DATA_DIR: a copy of the data folder must not carry its keys")
            .Validate(o => o.SigningKeysDir.Length == 0 || o.DataDir.Length == 0 || !SecretFile.IsInside(o.SigningKeysDir, o.DataDir),
                "HOTLINE_SIGNING_KEYS_DIR must lie outside HOTLINE_DATA_DIR: a copy of the data folder must not sign entries")
            .Validate(o => o.SecretsDir.Length == 0 || RedisConnection.HasPassword(o.PasswordFilePath),
                "The Redis password file is missing: infra/up generates HOTLINE_SECRETS_DIR/redis/USER.password (or set HOTLINE_REDIS_PASSWORD_FILE)")
            .ValidateOnStart();
        services.AddOptions<RedisMemoryOptions>()
            .Configure(o =>
            {
                o.AlertPercent = Hosting.WholeNumberSetting.Read(configuration["HOTLINE_REDIS_MEMORY_ALERT_PERCENT"], o.AlertPercent);
                o.CheckSeconds = Hosting.WholeNumberSetting.Read(configuration["HOTLINE_REDIS_MEMORY_CHECK_SECONDS"], o.CheckSeconds);
                o.AlertRepeatMinutes = Hosting.WholeNumberSetting.Read(configuration["HOTLINE_REDIS_MEMORY_ALERT_REPEAT_MINUTES"], o.AlertRepeatMinutes);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>().Configure(o => o.Read(configuration)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<HotlineOptions>>().Value;
            var multiplexer = ConnectionMultiplexer.Connect(RedisConnection.Options(options));
            Telemetry.RedisClientMetrics.Observe(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), multiplexer);
            return multiplexer;
        });
        services.AddSingleton<HotlineRedis>();
        services.AddSingleton(sp => SigningIdentity.Load(sp.GetRequiredService<IOptions<HotlineOptions>>().Value.SigningKeysDir, redisUser));
        services.AddSingleton(sp => CaseCodeKey.Load(sp.GetRequiredService<IOptions<HotlineOptions>>().Value.SigningKeysDir));
        services.AddSingleton<TeamKeyDirectory>();
        services.AddHostedService<TeamKeyWatch>();
        services.AddSingleton<TranscriptStore>();
        services.AddSingleton<Hotline.Core.Transcripts.ConversationDeletion>();
        services.AddMetrics();
        services.AddSingleton<Hotline.Core.Telemetry.HotlineMetrics>();
        services.AddSingleton<RedisMemory>();
        services.AddHostedService<RedisMemoryWatch>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<Hotline.Core.Events.EventOutbox>();
        services.AddSingleton<MessageRecorder>();
        services.AddSingleton<MessageBatchRecorder>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<Hotline.Core.Outbox.ReplyStates>();
        services.AddSingleton<CaseRetention>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseTimeline>();
        services.AddSingleton<ClaimWaits>();
        services.AddSingleton<Telemetry.MetricHistoryReader>();
        services.AddHostedService<Telemetry.MetricHistory>();
        services.AddSingleton<PresenceStore>();
        services.AddSingleton<TeamDirectory>();
        services.AddSingleton<Hotline.Core.Dispatch.DispatchStore>();
        services.AddSingleton<Hotline.Core.Dispatch.MobileUnits>();
        services.AddOptions<NoticeMergingOptions>()
            .Configure(o => o.MergeSeconds = Hosting.WholeNumberSetting.Read(configuration["HOTLINE_NOTICE_MERGE_SECONDS"], o.MergeSeconds))
            .ValidateOnStart(o => o.Problem());
        services.AddSingleton(sp => new NoticeMerging(sp.GetRequiredService<HotlineRedis>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<NoticeMergingOptions>>().Value.Window));
        services.TryAddSingleton<StreamOutboundNotifier>();
        services.TryAddSingleton<IOutboundNotifier>(sp => sp.GetRequiredService<StreamOutboundNotifier>());
        return services;
    }
}
