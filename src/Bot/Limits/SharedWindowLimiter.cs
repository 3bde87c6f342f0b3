using System.Threading.RateLimiting;

namespace Hotline.Bot.Limits;

/// <summary>
/// One partition of a <see cref="SharedWindow"/> as ASP.NET Core's rate limiter sees it, so a policy keeps the usual shape
/// (<c>RateLimitPartition.Get</c>, 429 with Retry-After from <c>OnRejected</c>). The count lives in Redis, so the synchronous
/// <see cref="RateLimiter.AttemptAcquire(int)"/> cannot answer without waiting and says no; the middleware then asks
/// <see cref="RateLimiter.AcquireAsync(int, CancellationToken)"/>, which counts.
/// </summary>
public sealed class SharedWindowLimiter(SharedWindow window, string policy, string partition, int permits, TimeSpan length, TimeProvider time) : RateLimiter
{
    private long lastUsed = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Unknown;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, time.GetTimestamp());
        if (permitCount == 0) return WindowLease.Granted;
        cancellationToken.ThrowIfCancellationRequested();
        return await window.TryTakeAsync(policy, partition, permits, length).ConfigureAwait(false) is { } retryAfter
            ? WindowLease.Refused(retryAfter)
            : WindowLease.Granted;
    }
}
