using System.Threading.RateLimiting;

namespace Hotline.Bot.Limits;

/// <summary>A <see cref="SharedWindowLimiter"/>'s answer: granted, or refused with the time until its window ends.</summary>
public sealed class WindowLease : RateLimitLease
{
    public static readonly WindowLease Granted = new(true, null);

    /// <summary>What the synchronous attempt answers: it cannot ask Redis without waiting.</summary>
    public static readonly WindowLease Unknown = new(false, null);

    private readonly TimeSpan? retryAfter;

    private WindowLease(bool acquired, TimeSpan? retryAfter) => (IsAcquired, this.retryAfter) = (acquired, retryAfter);

    public static WindowLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
        return metadata is not null;
    }
}
