using System.Diagnostics.Metrics;
using System.Globalization;
using Hotline.Core.Storage;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Hotline.Core.Telemetry;

/// <summary>
/// A short history of the Hotline meter's instruments that the dashboard and the bot's wait quote read, so they show the
/// numbers /metrics shows: each measurement this process records is added to its hour's and its day's aggregates in
/// Redis (counters: count; histograms: count, sum and the instrument's own buckets; gauges: the last reading of each
/// minute). Numbers and wire names only, as the instruments' tags are. Written without waiting (fire and forget): a
/// measurement never slows what it measures. Only the few instruments the dashboard uses, none per message.
/// </summary>
public sealed class MetricHistory(HotlineRedis redis, IMeterFactory meters, TimeProvider time) : IHostedService, IDisposable
{
    /// <summary>How long aggregates are kept: the dashboard looks back at most 14 days.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(15);

    public static readonly IReadOnlySet<string> Instruments = new HashSet<string>(StringComparer.Ordinal)
    {
        "hotline.queue.depth", "hotline.cases.claim.wait", "hotline.deadlines.missed", "hotline.cases.closed", "hotline.dispatch.acknowledged", "hotline.cases.opened",
    };

    private readonly MeterListener listener = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this service's own meter: several services may share a process (tests), each writes its own measurements once.
            if (instrument.Meter.Name == HotlineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters) && Instruments.Contains(instrument.Name))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        listener.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var now = time.GetUtcNow();
        var prefix = instrument.Name + "|" + TagsOf(tags) + "|";
        var (hour, day) = (RedisKeys.HistoryHour(now), RedisKeys.HistoryDay(now));
        var batch = redis.Db.CreateBatch();
        const CommandFlags Later = CommandFlags.FireAndForget;
        switch (instrument)
        {
            case Gauge<long> or Gauge<double>:
                batch.HashSetAsync(hour, prefix + "last@" + now.UtcDateTime.Minute.ToString("D2", CultureInfo.InvariantCulture), value, flags: Later);
                break;
            case Histogram<double> histogram:
                var bucket = BucketOf(histogram.Advice?.HistogramBucketBoundaries, value);
                foreach (var key in new[] { hour, day })
                {
                    batch.HashIncrementAsync(key, prefix + "count", 1, Later);
                    batch.HashIncrementAsync(key, prefix + "sum", value, Later);
                    batch.HashIncrementAsync(key, prefix + bucket, 1, Later);
                }
                break;
            default:
                foreach (var key in new[] { hour, day }) batch.HashIncrementAsync(key, prefix + "count", (long)value, Later);
                break;
        }
        batch.KeyExpireAsync(hour, Kept, flags: Later);
        batch.KeyExpireAsync(day, Kept, flags: Later);
        batch.Execute();
    }

    /// <summary>"le:BOUND" of the first bucket bound at or above the value, "le:+Inf" above them all (as Prometheus names buckets).</summary>
    public static string BucketOf(IReadOnlyList<double>? bounds, double value)
    {
        foreach (var bound in bounds ?? []) if (value <= bound) return "le:" + bound.ToString(CultureInfo.InvariantCulture);
        return "le:+Inf";
    }

    /// <summary>Tags in name order, "name=value,…": the instruments' tags are wire names (severity, channel, reason), never text.</summary>
    public static string TagsOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>(tags.Length);
        foreach (var tag in tags) parts.Add(tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }
}
