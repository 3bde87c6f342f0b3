using Hotline.Bot.Channels;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.BotFramework;

public static class BotFrameworkChannel
{
    internal const string OpenIdHttp = "botframework-openid";
    internal const string TokenHttp = "botframework-token";
    internal const string ConnectorHttp = "botframework-connector";

    /// <summary>Four attempts with back-off from 500 ms; a Retry-After header may ask for up to 10 s.</summary>
    private static readonly RetryPlan Retries = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    /// <summary>
    /// The signing keys are fetched while an inbound activity waits for its token to be checked: a second attempt after a
    /// failure, within the 10 s a single fetch was always given.
    /// </summary>
    private static readonly RetryPlan OpenIdRetries = new(2, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));

    /// <summary>The Bot Framework channel: /api/messages, its token validation, and delivery through the connector.</summary>
    public static WebApplicationBuilder AddBotFrameworkChannel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Polly reports every attempt at Information; only retries and failures (Warning) are worth a line.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        services.AddOptions<BotFrameworkOptions>()
            .Configure(o => BotFrameworkOptions.Bind(o, builder.Configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>();
        services.AddSingleton(sp => ServiceUrlPolicy.Parse(sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.ServiceUrls));
        services.AddSingleton<ConnectorTokenValidator>();
        services.AddSingleton<ConnectorAccessTokens>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<ConversationReferences>();
        services.AddSingleton<BotFrameworkConversations>();
        services.AddSingleton<BotFrameworkInbox>();
        services.AddSingleton<IChannelDelivery, BotFrameworkDelivery>();

        // No redirects anywhere: a redirect would take the bot, with its token, to a host nobody checked.
        // Timeouts are the pipelines' (per attempt and per call); a client timeout as short would cut the retries short.
        services.AddHttpClient(OpenIdHttp, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .RemoveAllLoggers()
            .AddOutboundRetries("botframework-openid", _ => OpenIdRetries);
        services.AddHttpClient(TokenHttp)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .RemoveAllLoggers()
            .AddOutboundRetries("botframework-token", _ => Retries);
        services.AddHttpClient(ConnectorHttp)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .RemoveAllLoggers()
            .AddOutboundRetries("botframework-connector", _ => Retries);
        return builder;
    }

    private static SocketsHttpHandler NoRedirects() => new() { AllowAutoRedirect = false, UseCookies = false };
}
