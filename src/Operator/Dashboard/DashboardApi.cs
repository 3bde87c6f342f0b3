using System.Globalization;
using StackExchange.Redis;

namespace Hotline.Operator.Dashboard;

/// <summary>Dashboard figures from the samples on hl:metrics (numbers only): the console draws them as SVG.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", Get).RequireAuthorization(Policies.Staff);
        return app;
    }

    public static async Task<Ok<DashboardView>> Get(HotlineRedis redis, TimeProvider time, int hours = 24)
    {
        var to = time.GetUtcNow();
        var from = to - TimeSpan.FromHours(Math.Clamp(hours, 1, 24 * 14));
        var entries = await redis.Db.StreamRangeAsync(RedisKeys.Metrics, "-", "+");
        var samples = entries.Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()))
            .Where(m => long.TryParse(m.GetValueOrDefault("at"), CultureInfo.InvariantCulture, out var at) && at >= from.ToUnixTimeMilliseconds())
            .ToList();
        static long At(Dictionary<string, string> m) => long.Parse(m["at"], CultureInfo.InvariantCulture);
        static double Num(Dictionary<string, string> m, string name) => double.TryParse(m.GetValueOrDefault(name), CultureInfo.InvariantCulture, out var v) ? v : 0;

        var queue = samples.Where(m => m.GetValueOrDefault("kind") == "queue").Select(m => new Point(At(m), Num(m, "length"))).ToList();
        var waits = samples.Where(m => m.GetValueOrDefault("kind") == "claim")
            .GroupBy(m => m.GetValueOrDefault("severity") ?? "")
            .Select(g =>
            {
                var s = g.Select(m => Num(m, "waitMs") / 1000).Order().ToList();
                return new WaitStats(g.Key, s.Count, Quantile(s, 0.5), Quantile(s, 0.9));
            })
            .OrderBy(w => w.Severity switch { "critical" => 0, "high" => 1, "medium" => 2, _ => 3 })
            .ToList();
        var missed = samples.Where(m => m.GetValueOrDefault("kind") == "missed").ToList();
        var hourMs = 3_600_000L;
        var missedPerHour = missed.GroupBy(m => At(m) / hourMs * hourMs).OrderBy(g => g.Key).Select(g => new Point(g.Key, g.Count())).ToList();
        var dispatch = samples.Where(m => m.GetValueOrDefault("kind") == "dispatch").Select(m => new Point(At(m), Num(m, "seconds"))).ToList();
        var dispatchSorted = dispatch.Select(p => p.Value).Order().ToList();
        var closed = samples.Where(m => m.GetValueOrDefault("kind") == "closed")
            .GroupBy(m => m.GetValueOrDefault("reason") ?? "")
            .Select(g => new ClosedCount(g.Key, g.Count()))
            .OrderBy(c => c.Reason, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new DashboardView(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), queue, waits, missedPerHour, missed.Count, dispatch,
            dispatchSorted.Count > 0 ? Quantile(dispatchSorted, 0.5) : null, closed));
    }

    private static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return 0;
        var rank = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
