using System.Globalization;

namespace Hotline.Bench;

/// <summary>One warm-up slice: the services' CPU a message, and the methods their runtimes compiled during it (null when
/// a service's /metrics could not be read).</summary>
public sealed record WarmUpSlice(double CpuPerMessage, long? MethodsJitted);

/// <summary>
/// When the warm-up has reached the steady state. Two start-up slices can agree with each other while the JIT is still
/// tiering (7.6 and 7.5 ms a message, against 1.0 ms once it is done), so agreement alone is not enough: the last
/// <see cref="Agreeing"/> slices must agree within <see cref="Margin"/>, the latest must not be above the lowest slice
/// seen by more than <see cref="Margin"/> (CPU that is still falling is not settled), and the runtimes must have gone
/// quiet: at most <see cref="QuietMethods"/> methods compiled across the services in each of those slices (tier-1
/// recompiles go on for ~15 s after a start at 200/s). The first slice (every sender new) is never one of them.
/// </summary>
public static class SteadyState
{
    public const int Agreeing = 3;
    public const double Margin = 0.15;
    public const long QuietMethods = 100;

    /// <summary>Why the warm-up may stop after these slices, or null while it must go on.</summary>
    public static string? Settled(IReadOnlyList<WarmUpSlice> slices)
    {
        if (slices.Count < Agreeing + 1) return null;
        var last = slices.Skip(slices.Count - Agreeing).ToList();
        var (low, high) = (last.Min(s => s.CpuPerMessage), last.Max(s => s.CpuPerMessage));
        var lowest = slices.Skip(1).Min(s => s.CpuPerMessage);
        var latest = slices[^1].CpuPerMessage;
        if (low <= 0 || high > low * (1 + Margin) || latest > lowest * (1 + Margin)) return null;
        if (last.Any(s => s.MethodsJitted is > QuietMethods)) return null;
        var jit = last.All(s => s.MethodsJitted is not null)
            ? $"{string.Join(", ", last.Select(s => s.MethodsJitted))} methods jitted (at most {QuietMethods} each)"
            : "methods jitted unknown (a service's /metrics unread)";
        return string.Create(CultureInfo.InvariantCulture,
            $"the last {Agreeing} slices within {Margin:P0} of each other ({low:F3}-{high:F3} ms a message), the latest within {Margin:P0} of the lowest seen ({lowest:F3} ms), {jit}");
    }
}
