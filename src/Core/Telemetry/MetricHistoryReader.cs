using System.Globalization;
using Hotline.Core.Storage;

namespace Hotline.Core.Telemetry;

/// <summary>Reads <see cref="MetricHistory"/>'s aggregates back, hour by hour or day by day.</summary>
public sealed class MetricHistoryReader(HotlineRedis redis)
{
    /// <summary>Every aggregate of the hours that overlap [from, to].</summary>
    public Task<IReadOnlyList<HistoryField>> HoursAsync(DateTimeOffset from, DateTimeOffset to) =>
        ReadAsync(Steps(Floor(from, TimeSpan.FromHours(1)), to, TimeSpan.FromHours(1)), RedisKeys.HistoryHour);

    /// <summary>Every aggregate of the days that overlap [from, to].</summary>
    public Task<IReadOnlyList<HistoryField>> DaysAsync(DateTimeOffset from, DateTimeOffset to) =>
        ReadAsync(Steps(Floor(from, TimeSpan.FromDays(1)), to, TimeSpan.FromDays(1)), RedisKeys.HistoryDay);

    private async Task<IReadOnlyList<HistoryField>> ReadAsync(IReadOnlyList<DateTimeOffset> periods, Func<DateTimeOffset, string> key)
    {
        // One round trip: every period's hash at once.
        var reads = periods.Select(p => redis.Db.HashGetAllAsync(key(p))).ToList();
        var fields = new List<HistoryField>();
        for (var i = 0; i < periods.Count; i++)
        {
            foreach (var entry in await reads[i].ConfigureAwait(false))
            {
                var parts = entry.Name.ToString().Split('|');
                if (parts.Length == 3 && double.TryParse(entry.Value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    fields.Add(new HistoryField(periods[i], parts[0], parts[1], parts[2], value));
                }
            }
        }
        return fields;
    }

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan step) => new(at.UtcTicks - at.UtcTicks % step.Ticks, TimeSpan.Zero);

    private static List<DateTimeOffset> Steps(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var steps = new List<DateTimeOffset>();
        for (var at = from; at <= to; at += step) steps.Add(at);
        return steps;
    }
}
