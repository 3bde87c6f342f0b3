using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Hotline.Bot.Channels;

/// <summary>
/// The one resilience pipeline every outbound HTTP call of the Bot goes through (Twilio's REST API, Bot Framework's
/// token service and connectors): 408, 429, 5xx and network failures are retried with exponential back-off or as long
/// as Retry-After asks (capped), each attempt and the whole call with a timeout, on the TimeProvider in DI.
/// </summary>
public static class OutboundRetries
{
    public static IHttpClientBuilder AddOutboundRetries(this IHttpClientBuilder client, string name, Func<IServiceProvider, RetryPlan> plan)
    {
        client.AddResilienceHandler(name, (pipeline, context) =>
        {
            var settings = plan(context.ServiceProvider);
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(settings.TotalTimeout);
            if (settings.Attempts > 1)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.Attempts - 1,
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(settings.DelayAfter(args.AttemptNumber + 1, RetryAfter(args.Outcome.Result, time))),
                });
            }
            pipeline.AddTimeout(settings.AttemptTimeout);
        });
        return client;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response?.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return null;
        var header = response.Headers.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
    }
}
