using Hotline.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.ServiceDefaults;

/// <summary>
/// A request that failed because Redis refused it (full: OOM under noeviction) or could not be reached is answered
/// 503 with Retry-After, never 200 and never a bare 500: nothing was stored, and Twilio (with its retry policy) or the web
/// chat client sends it again. Full memory is counted (hotline.redis.oom_refusals) and logged as critical.
/// </summary>
public sealed class RedisRefusalHandler(IProblemDetailsService problems, RedisMemory memory, ILogger<RedisRefusalHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!RedisFailures.IsUnavailable(exception)) return false;
        var full = RedisMemory.IsOutOfMemory(exception);
        // The route pattern, not the path: a path carries a conversation id.
        var endpoint = context.GetEndpoint()?.DisplayName ?? "a request";
        if (full)
        {
            memory.Refused();
            logger.LogCritical("Redis is full (maxmemory, noeviction) and refused a write for {Endpoint}: answered 503, nothing acknowledged", endpoint);
        }
        else
        {
            logger.LogError("Redis could not be reached for {Endpoint}: answered 503, nothing acknowledged", endpoint);
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = full ? "30" : "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = full ? "Storage full" : "Storage unavailable",
                Detail = full
                    ? "The hotline cannot store anything at the moment, so this was not received. Please send it again in a minute."
                    : "The hotline's storage is not answering, so this was not received. Please send it again in a few seconds.",
            },
        }).ConfigureAwait(false);
    }
}
