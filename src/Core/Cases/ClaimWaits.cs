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

    /// <summary>The median wait of the claims at <paramref name="severity"/> in the window, or null.</summary>
    public async Task<TimeSpan?> TypicalAsync(Severity severity)
    {
        var now = time.GetUtcNow();
        var band = severity.ToWire();
        var fields = (await history.DaysAsync(now - Window, now).ConfigureAwait(false))
            .Where(f => f.Instrument == "hotline.cases.claim.wait" && f.Tag("severity") == band);
        var claims = HistogramSummary.Of(fields, HotlineMetrics.ClaimWaitBuckets);
        return claims.Count < Enough || claims.Quantile(0.5) is not { } seconds ? null : TimeSpan.FromSeconds(seconds);
    }
}
