using Hotline.Core.Hosting;
using Hotline.ServiceDefaults;
using Hotline.Bot.Channels;
using Hotline.Bot.Channels.BotFramework;
using Hotline.Bot.Channels.DirectLine;
using Hotline.Bot.Channels.Twilio;
using Hotline.Bot.Expiry;
using Hotline.Bot.Flow;
using Hotline.Bot.Limits;
using Hotline.Bot.Outbox;
using Hotline.Bot.Secrets;
using Hotline.Core;
using Hotline.Core.Storage;
using Hotline.Screening;
using Microsoft.Extensions.Options;

namespace Hotline.Bot;

public static class Extensions
{
    public static WebApplicationBuilder AddBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHotlineCore(builder.Configuration, "bot");
        builder.AddHotlineTelemetry("bot");
        services.AddProblemDetails();
        services.AddRedisRefusalAnswers();
        builder.AddProxySettings();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        services.AddOptions<BotSecretsOptions>()
            .Configure<IOptions<HotlineOptions>>((o, hotline) => o.Path = builder.Configuration["HOTLINE_BOT_SECRETS"] is { Length: > 0 } path ? path
                : hotline.Value.SecretsDir.Length > 0 ? Path.Combine(hotline.Value.SecretsDir, "bot.json") : "")
            .ValidateDataAnnotations()
            .Validate<IOptions<HotlineOptions>>((o, hotline) => hotline.Value.DataDir.Length == 0 || !Hotline.Core.Crypto.SecretFile.IsInside(o.Path, hotline.Value.DataDir),
                "HOTLINE_BOT_SECRETS must lie outside HOTLINE_DATA_DIR: a copy of the data folder must not carry the keys that open it")
            .ValidateOnStart();
        services.AddSingleton(sp => BotSecrets.LoadOrCreate(sp.GetRequiredService<IOptions<BotSecretsOptions>>().Value.Path));
        services.AddSingleton<PseudonymKeys>();
        services.AddSingleton(Screener.Default);
        services.AddSingleton<CaseCodes>();
        services.AddHostedService<CaseCodeMigration>();
        services.AddOptions<DuressOptions>().Configure(o => o.Phrases = DuressOptions.From(builder.Configuration).Phrases)
            .Validate(o => o.Problem() is null, "HOTLINE_DURESS_PHRASES holds a phrase shorter than three characters").ValidateOnStart();
        services.AddSingleton(sp => new DuressDetector(sp.GetRequiredService<IOptions<DuressOptions>>().Value.Phrases));
        var directLine = DirectLineOptions.From(builder.Configuration);
        services.AddOptions<DirectLineOptions>().Configure(o => (o.Secret, o.WebChatOrigins) = (directLine.Secret, directLine.WebChatOrigins))
            .ValidateOnStart(o => o.Problem());
        services.AddSingleton<ConversationFlow>();
        services.AddSingleton<QuietBatch>();
        services.AddSingleton<ConversationRiskStore>();
        services.AddHostedService<ConversationStateMigration>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DeliveryBuffer>();
        services.AddSingleton<IChannelDelivery, WebChatDelivery>();
        builder.AddBotFrameworkChannel();
        builder.AddTwilioChannel();
        builder.AddAbuseLimits();
        services.AddOptions<ConversationLifetimeOptions>().Configure(o => ConversationLifetimeOptions.Bind(o, builder.Configuration)).ValidateOnStart(o => o.Problem());
        services.AddSingleton<ConversationExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationExpiry>());
        services.AddHostedService<BotKeyPublisher>();
        services.AddHostedService<OutboxDelivery>();
        services.AddHostedService<Hotline.Core.Events.EventRelay>();
        services.AddCors(o => o.AddPolicy(DirectLineApi.CorsPolicy, policy =>
        {
            // Default: any origin, as Direct Line itself allows; the token is what protects a conversation, and no cookie is ever sent.
            var origins = directLine.WebChatOrigins;
            if (origins.Count == 0 || origins.Contains("*")) policy.AllowAnyOrigin();
            else policy.WithOrigins([.. origins]);
            policy.WithMethods("GET", "POST").AllowAnyHeader().SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = DirectLineApi.MaxBodyBytes);
        return builder;
    }
}
