using Hotline.Core.Crypto;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotline.ServiceDefaults;

/// <summary>
/// A request that needed the team key while the record in Redis is refused (<see cref="TeamKeyUntrusted"/>: older than one
/// this service accepted before or signed by a retired key, <see cref="TeamKeyFloor"/>; or not signed through the pinned
/// key) is refused with ProblemDetails, never a bare 500: nothing was sealed or stored.
/// The Bot answers 503 with Retry-After, so a sender (Twilio, the web chat client) tries again once an administrator has put
/// the current record back; the Operator service answers 409, and the console shows why and opens nothing.
/// </summary>
public sealed class TeamKeyRefusalHandler(IProblemDetailsService problems, TeamKeyRefusalHandler.Answer answer, ILogger<TeamKeyRefusalHandler> logger) : IExceptionHandler
{
    /// <summary>The status this service answers with.</summary>
    public sealed record Answer(int Status);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not TeamKeyUntrusted) return false;
        // The route pattern, not the path: a path carries a conversation id.
        logger.LogError("The team key record in Redis is refused ({Reason}): {Endpoint} answered {Status}, nothing sealed",
            exception is TeamKeyRollback ? "older than one accepted before, or signed by a retired key" : "not signed through the pinned key", context.GetEndpoint()?.DisplayName ?? "a request", answer.Status);
        context.Response.StatusCode = answer.Status;
        if (answer.Status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "60";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = answer.Status,
                Title = "Team key not trusted",
                Detail = exception is TeamKeyRollback
                    ? "The team key record in the store is older than one this service accepted before, or signed by a team signing key retired since: an older record was put back, or one a removed operator signed. Nothing was opened, sealed or stored until an administrator restores the current one."
                    : "The team key record in the store is not signed through the team signing key pinned in HOTLINE_TEAM_KEY_FINGERPRINT. Nothing was opened, sealed or stored until an administrator restores the current one.",
            },
        }).ConfigureAwait(false);
    }
}
