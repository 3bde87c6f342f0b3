using Hotline.Web;
using Hotline.Core;
using Hotline.Operator.Accounts;
using Hotline.Operator.Live;
using Microsoft.AspNetCore.Authentication;

namespace Hotline.Operator;

public static class Extensions
{
    public static WebApplicationBuilder AddOperatorConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHotlineCore(builder.Configuration);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<Sessions>();
        services.AddAuthentication(SessionAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = StackExchange.Redis.ConfigurationOptions.Parse(builder.Configuration["HOTLINE_REDIS"] ?? "127.0.0.1:6390");
            o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("hl:signalr");
        });
        services.AddSingleton<ConsoleNotifier>();
        services.AddHostedService<NotificationRelay>();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024);
        return builder;
    }
}
