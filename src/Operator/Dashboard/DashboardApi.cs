using Hotline.Core.Telemetry;

namespace Hotline.Operator.Dashboard;

/// <summary>
/// Dashboard figures from the history of the Hotline meter's instruments (<see cref="MetricHistory"/>: the numbers /metrics
/// gives, kept per hour in Redis): the queue's length as sampled, claim waits and dispatch times from the histograms'
/// buckets, missed deadlines and closed cases from the counters. Numbers only; the console draws them as SVG.
/// </summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", Get).RequireAuthorization(Policies.Staff);
        return app;
    }

    public static async Task<Ok<DashboardView>> Get(MetricHistoryReader history, TimeProvider time, int hours = 24)
    {
        var to = time.GetUtcNow();
        var from = to - TimeSpan.FromHours(Math.Clamp(hours, 1, 24 * 14));
        var fields = await history.HoursAsync(from, to);
        IEnumerable<HistoryField> Of(string instrument) => fields.Where(f => f.Instrument == instrument);

        // The gauge's last reading of each minute ("last@MM" of its hour).
        var queue = Of("hotline.queue.depth").Where(f => f.Stat.StartsWith("last@", StringComparison.Ordinal))
            .Select(f => new Point(f.At.AddMinutes(int.Parse(f.Stat.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture)).ToUnixTimeMilliseconds(), f.Value))
            .Where(p => p.At >= from.ToUnixTimeMilliseconds())
            .OrderBy(p => p.At)
            .ToList();
        var waits = Of("hotline.cases.claim.wait").GroupBy(f => f.Tag("severity") ?? "")
            .Select(g => HistogramSummary.Of(g, HotlineMetrics.ClaimWaitBuckets) is var s && s.Count > 0
                ? new WaitStats(g.Key, (int)s.Count, s.Quantile(0.5) ?? 0, s.Quantile(0.9) ?? 0) : null)
            .OfType<WaitStats>()
            .OrderBy(w => w.Severity switch { "critical" => 0, "high" => 1, "medium" => 2, _ => 3 })
            .ToList();
        var missedPerHour = Of("hotline.deadlines.missed").Where(f => f.Stat == "count").GroupBy(f => f.At)
            .Select(g => new Point(g.Key.ToUnixTimeMilliseconds(), g.Sum(f => f.Value))).Where(p => p.Value > 0).OrderBy(p => p.At).ToList();
        // A dispatch's time to acknowledgement: the mean of each hour, and the median over the whole range.
        var dispatchFields = Of("hotline.dispatch.acknowledged").ToList();
        var dispatch = dispatchFields.GroupBy(f => f.At)
            .Select(g => HistogramSummary.Of(g, HotlineMetrics.DispatchBuckets) is var s && s.Count > 0 ? new Point(g.Key.ToUnixTimeMilliseconds(), s.Sum / s.Count) : null)
            .OfType<Point>().OrderBy(p => p.At).ToList();
        var closed = Of("hotline.cases.closed").Where(f => f.Stat == "count").GroupBy(f => f.Tag("reason") ?? "")
            .Select(g => new ClosedCount(g.Key, (int)g.Sum(f => f.Value)))
            .OrderBy(c => c.Reason, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new DashboardView(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), queue, waits, missedPerHour,
            (int)missedPerHour.Sum(p => p.Value), dispatch, HistogramSummary.Of(dispatchFields, HotlineMetrics.DispatchBuckets).Quantile(0.5), closed));
    }
}
