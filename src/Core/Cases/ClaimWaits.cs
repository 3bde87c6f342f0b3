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
    /// reading it costs eight hashes, for every person who asks for a human. A band with no figure yet is not left so for
    /// half a minute: the first claims there are quoted at once (<see cref="TypicalAsync"/>).
    /// </summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(30);

    // A band's figure and when it was read; with no figure, how many claims of the band today's hash held then.
    private readonly ConcurrentDictionary<Severity, (DateTimeOffset Read, TimeSpan? Typical, double TodayClaims)> recent = new();

    /// <summary>
    /// The median wait of the claims at <paramref name="severity"/> in the window, or null. A band with no figure stays so
    /// exactly as long as no claim of it is recorded: only today's hash takes new claims (older days only leave the window),
    /// so while today's count of the band is the one its last reading saw, one hash is read instead of eight.
    /// </summary>
    public async Task<TimeSpan?> TypicalAsync(Severity severity)
    {
        var now = time.GetUtcNow();
        if (recent.TryGetValue(severity, out var known) && now >= known.Read)
        {
            if (known.Typical is not null && now - known.Read < Reuse) return known.Typical;
            if (known.Typical is null && known.Read.UtcDateTime.Date == now.UtcDateTime.Date
                && Claims(await history.DaysAsync(now, now).ConfigureAwait(false), severity) == known.TodayClaims)
            {
                return null;
            }
        }
        var days = await history.DaysAsync(now - Window, now).ConfigureAwait(false);
        var typical = Typical(days, severity);
        recent[severity] = (now, typical, Claims(days.Where(f => f.At.UtcDateTime.Date == now.UtcDateTime.Date), severity));
        return typical;
    }

    private static IEnumerable<HistoryField> Band(IEnumerable<HistoryField> fields, Severity severity)
    {
        var band = severity.ToWire();
        return fields.Where(f => f.Instrument == "hotline.cases.claim.wait" && f.Tag("severity") == band);
    }

    private static double Claims(IEnumerable<HistoryField> fields, Severity severity) => Band(fields, severity).Where(f => f.Stat == "count").Sum(f => f.Value);

    private static TimeSpan? Typical(IEnumerable<HistoryField> fields, Severity severity)
    {
        var claims = HistogramSummary.Of(Band(fields, severity), HotlineMetrics.ClaimWaitBuckets);
        return claims.Count < Enough || claims.Quantile(0.5) is not { } seconds ? null : TimeSpan.FromSeconds(seconds);
    }
}
