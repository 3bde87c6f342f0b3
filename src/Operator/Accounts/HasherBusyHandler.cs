namespace Hotline.Operator.Accounts;

/// <summary>Answers a sign-in that found every Argon2id slot taken with 503 and Retry-After, not a 500.</summary>
public sealed class HasherBusyHandler(IProblemDetailsService problems) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not HasherBusyException) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Busy", Detail = "Many sign-ins at once: try again in a moment." },
        });
    }
}
