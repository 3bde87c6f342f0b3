namespace Hotline.Bot.Channels;

/// <summary>How an outbound HTTP client retries: attempts (the first included), back-off and timeouts.</summary>
public sealed record RetryPlan(int Attempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan AttemptTimeout, TimeSpan TotalTimeout)
{
    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> + 1: doubling from the base delay, or what the service asked
    /// (Retry-After), never longer than the maximum.
    /// </summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        var wait = retryAfter is { } told && told > TimeSpan.Zero ? told : BaseDelay * Math.Pow(2, attempt - 1);
        return wait > MaxDelay ? MaxDelay : wait;
    }
}
