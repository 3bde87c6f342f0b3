using Hotline.ServiceDefaults;
using Microsoft.Extensions.Options;
using Hotline.Core;
using Hotline.Operator.Accounts;
using Hotline.Operator.Audit;
using Hotline.Operator.Cases;
using Hotline.Operator.Live;
using Hotline.Operator.Team;
using Microsoft.AspNetCore.Authentication;

namespace Hotline.Operator;

public static class Extensions
{
    public static WebApplicationBuilder AddOperatorConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHotlineCore(builder.Configuration, "operator");
        builder.AddHotlineTelemetry("operator");
        services.AddProblemDetails();
        services.AddRedisRefusalAnswers(teamKeyRefused: StatusCodes.Status409Conflict);
        builder.AddProxySettings();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<Sessions>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<ServerSecret>();
        services.AddSingleton<Prelogin>();
        services.AddSingleton<TeamKeyring>();
        services.AddSingleton<OperatorSigningKeys>();
        // Argon2id of authentication keys, a few at a time: each takes 12 MiB and a core.
        services.AddSingleton(new AuthKeyHasher(Math.Max(1, Environment.ProcessorCount)));
        services.AddExceptionHandler<HasherBusyHandler>();
        services.AddSingleton<AuditLog>();
        services.AddOptions<AuditOptions>().Bind(builder.Configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.SignHeadSeconds > 0, "HOTLINE_AUDIT:SignHeadSeconds must be positive")
            .Validate(o => o.CheckSeconds > 0, "HOTLINE_AUDIT:CheckSeconds must be positive")
            .ValidateOnStart();
        services.AddSingleton<AuditAnchor>();
        services.AddSingleton<AuditWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWatch>());
        services.AddSingleton<CaseHandover>();
        services.AddSingleton<CaseNotes>();
        services.AddSingleton<CaseRecordStore>();
        services.AddSingleton<Hotline.Core.Cases.CaseViews>();
        services.AddSingleton<Dashboard.MonthlyStatistics>();
        services.AddSingleton<ScreeningAgreement>();
        services.AddSingleton<CannedAnswers>();
        services.AddSingleton<TeamStatus>();
        services.AddOptions<ConsoleOptions>().Bind(builder.Configuration.GetSection(ConsoleOptions.Section))
            .Validate(o => o.PauseAfterCriticalCases > 0 && o.PauseAfterMinutesWithoutBreak > 0, "HOTLINE_CONSOLE pause thresholds must be positive")
            .ValidateOnStart();
        services.AddAuthentication(SessionAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddHotlinePolicies();
        services.AddSignalR().AddStackExchangeRedis();
        // The backplane connects as the Operator's Redis user too; its channels all start with hl:signalr (the ACL allows no other).
        services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>().Configure<IOptions<HotlineOptions>>((o, hotline) =>
        {
            o.Configuration = Hotline.Core.Storage.RedisConnection.Options(hotline.Value);
            o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(ConsoleHub.BackplanePrefix);
        });
        services.AddSingleton<ConsoleNotifier>();
        services.AddSingleton<Hotline.Operator.Dispatch.DispatchAreaMigration>();
        services.AddHostedService(sp => sp.GetRequiredService<Hotline.Operator.Dispatch.DispatchAreaMigration>());
        services.AddSingleton<Hotline.Operator.Team.CriticalClaimsExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<Hotline.Operator.Team.CriticalClaimsExpiry>());
        services.AddHostedService<NotificationRelay>();
        services.AddHostedService<PersonTypingRelay>();
        services.AddHostedService<ReplyStateRelay>();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024);
        return builder;
    }
}
