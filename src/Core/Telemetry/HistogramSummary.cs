using System.Globalization;

namespace Hotline.Core.Telemetry;

/// <summary>
/// A histogram's history added up: how many, their sum, and how many in each bucket; quantiles are read from the buckets
/// as Prometheus's histogram_quantile reads them (linearly within the bucket), so they match what /metrics gives.
/// </summary>
public sealed record HistogramSummary(long Count, double Sum, IReadOnlyList<double> Bounds, IReadOnlyList<long> Buckets)
{
    public static HistogramSummary Of(IEnumerable<HistoryField> fields, IReadOnlyList<double> bounds)
    {
        var buckets = new long[bounds.Count + 1];
        long count = 0;
        double sum = 0;
        foreach (var f in fields)
        {
            if (f.Stat == "count") count += (long)f.Value;
            else if (f.Stat == "sum") sum += f.Value;
            else if (f.Stat == "le:+Inf") buckets[^1] += (long)f.Value;
            else if (f.Stat.StartsWith("le:", StringComparison.Ordinal)
                && double.TryParse(f.Stat.AsSpan(3), NumberStyles.Float, CultureInfo.InvariantCulture, out var bound)
                && bounds.ToList().IndexOf(bound) is var i and >= 0)
            {
                buckets[i] += (long)f.Value;
            }
        }
        return new HistogramSummary(count, sum, bounds, buckets);
    }

    /// <summary>The q-quantile (0.5: the median), or null when nothing was recorded. Above the last bound: that bound.</summary>
    public double? Quantile(double q)
    {
        var total = Buckets.Sum();
        if (total == 0) return null;
        var rank = q * total;
        long before = 0;
        for (var i = 0; i < Buckets.Count; i++)
        {
            if (Buckets[i] > 0 && before + Buckets[i] >= rank)
            {
                if (i == Bounds.Count) return Bounds.Count > 0 ? Bounds[^1] : null;
                var lower = i == 0 ? 0 : Bounds[i - 1];
                return lower + (Bounds[i] - lower) * (rank - before) / Buckets[i];
            }
            before += Buckets[i];
        }
        return Bounds.Count > 0 ? Bounds[^1] : null;
    }
}
