using System.Globalization;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Cases;

/// <summary>
/// How long people recently waited before an operator claimed their case, from the text-free "claim" samples on
/// hl:metrics (severity and wait only). The bot quotes it only when there is enough recent data, never a made-up figure.
/// </summary>
public sealed class ClaimWaits(HotlineRedis redis, TimeProvider time)
{
    /// <summary>How many of the latest claims at a severity make the figure.</summary>
    public const int Recent = 20;

    /// <summary>Fewer claims than this in the window: no figure.</summary>
    public const int Enough = 3;

    private const int Page = 500;

    /// <summary>Claims older than this are not "recent".</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>The median wait of the last <see cref="Recent"/> claims at <paramref name="severity"/> in the window, or null.</summary>
    public async Task<TimeSpan?> TypicalAsync(Severity severity)
    {
        var since = (time.GetUtcNow() - Window).ToUnixTimeMilliseconds();
        var band = severity.ToWire();
        var waits = new List<double>();
        // Newest first, page by page, until enough claims or the window's start: the stream holds other samples too.
        RedisValue before = "+";
        while (waits.Count < Recent)
        {
            var page = await redis.Db.StreamRangeAsync(RedisKeys.Metrics, "-", before, count: Page, messageOrder: Order.Descending).ConfigureAwait(false);
            foreach (var entry in page)
            {
                var fields = entry.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString());
                if (!long.TryParse(fields.GetValueOrDefault("at"), CultureInfo.InvariantCulture, out var at) || at < since) return Median(waits);
                if (fields.GetValueOrDefault("kind") != "claim" || fields.GetValueOrDefault("severity") != band) continue;
                if (double.TryParse(fields.GetValueOrDefault("waitMs"), CultureInfo.InvariantCulture, out var ms)) waits.Add(ms);
                if (waits.Count == Recent) break;
            }
            if (page.Length < Page) break;
            before = "(" + page[^1].Id;
        }
        return Median(waits);
    }

    private static TimeSpan? Median(List<double> waits)
    {
        if (waits.Count < Enough) return null;
        waits.Sort();
        var mid = waits.Count / 2;
        var median = waits.Count % 2 == 1 ? waits[mid] : (waits[mid - 1] + waits[mid]) / 2;
        return TimeSpan.FromMilliseconds(median);
    }
}
