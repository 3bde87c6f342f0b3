using System.Collections.Concurrent;
using Hotline.Core.Telemetry;

namespace Hotline.Core.Cases;

/// <summary>
/// How long people recently waited before an operator claimed their case: the median of the claim wait histogram
/// (hotline.cases.claim.wait, as /metrics gives it) over the last days, from <see cref="MetricHistory"/>. The bot quotes
/// it only when there is enough recent data, never a made-up figure.
/// </summary>
public sealed class ClaimWaits(MetricHistoryReader history, TimeProvider time)
{
    /// <summary>Fewer claims than this in the window: no figure.</summary>
    public const int Enough = 3;

    /// <summary>Claims older than this are not "recent" (whole days: today and the seven before).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a figure is quoted again before it is read again: a median over eight days barely moves in a minute, and
    /// reading it costs eight hashes, for every person who asks for a human. A band with no figure yet is read every time:
    /// the first claims there are quoted at once, not half a minute later.
    /// </summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Severity, (DateTimeOffset Read, TimeSpan? Typical)> recent = new();

    /// <summary>The median wait of the claims at <paramref name="severity"/> in the window, or null.</summary>
    public async Task<TimeSpan?> TypicalAsync(Severity severity)
    {
        var now = time.GetUtcNow();
        if (recent.TryGetValue(severity, out var known) && now - known.Read < Reuse && now >= known.Read) return known.Typical;
        var typical = await ReadAsync(severity, now).ConfigureAwait(false);
        if (typical is null) recent.TryRemove(severity, out _);
        else recent[severity] = (now, typical);
        return typical;
    }

    private async Task<TimeSpan?> ReadAsync(Severity severity, DateTimeOffset now)
    {
        var band = severity.ToWire();
        var fields = (await history.DaysAsync(now - Window, now).ConfigureAwait(false))
            .Where(f => f.Instrument == "hotline.cases.claim.wait" && f.Tag("severity") == band);
        var claims = HistogramSummary.Of(fields, HotlineMetrics.ClaimWaitBuckets);
        return claims.Count < Enough || claims.Quantile(0.5) is not { } seconds ? null : TimeSpan.FromSeconds(seconds);
    }
}
