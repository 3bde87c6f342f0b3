using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Hotline.Bot.Channels.BotFramework;

public static class BotFrameworkChannel
{
    internal const string OpenIdHttp = "botframework-openid";
    internal const string TokenHttp = "botframework-token";
    internal const string ConnectorHttp = "botframework-connector";

    /// <summary>Longest wait a Retry-After header may impose before the next attempt.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

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
        services.AddSingleton<BotFrameworkInbox>();
        services.AddSingleton<IChannelDelivery, BotFrameworkDelivery>();

        // No redirects anywhere: a redirect would take the bot, with its token, to a host nobody checked.
        services.AddHttpClient(OpenIdHttp, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .RemoveAllLoggers();
        services.AddHttpClient(TokenHttp)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .RemoveAllLoggers()
            .AddResilienceHandler("botframework-token", (pipeline, context) => Retries(pipeline, context.ServiceProvider.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(ConnectorHttp)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .RemoveAllLoggers()
            .AddResilienceHandler("botframework-connector", (pipeline, context) => Retries(pipeline, context.ServiceProvider.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private static SocketsHttpHandler NoRedirects() => new() { AllowAutoRedirect = false, UseCookies = false };

    /// <summary>429, 408, 5xx and network failures: three more attempts with jittered exponential back-off, or as long as Retry-After asks (capped).</summary>
    private static void Retries(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeProvider time)
    {
        pipeline.AddTimeout(TimeSpan.FromSeconds(30));
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(5),
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(10));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response?.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return null;
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is null) return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }
}
