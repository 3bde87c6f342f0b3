namespace Hotline.Core.Telemetry;

/// <summary>One aggregate of <see cref="MetricHistory"/>: its hour (or day), instrument, tags, statistic and value.</summary>
public sealed record HistoryField(DateTimeOffset At, string Instrument, string Tags, string Stat, double Value)
{
    /// <summary>A tag's value ("severity" of "reason=idle,severity=high"), or null.</summary>
    public string? Tag(string name)
    {
        foreach (var part in Tags.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part.AsSpan(0, eq).SequenceEqual(name)) return part[(eq + 1)..];
        }
        return null;
    }
}
