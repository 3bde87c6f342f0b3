using System.Diagnostics.Metrics;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// How full Redis is, as this process last read it, and how many writes it refused for memory. Redis runs with a
/// maxmemory and noeviction: the hotline's data is never evicted, so when it is full every write is refused with OOM,
/// and the services must say so (readiness, metrics, the staff alert) before it comes to that. Exported as
/// hotline.redis.memory.used / .limit (bytes) and hotline.redis.oom_refusals.
/// </summary>
public sealed class RedisMemory : IAsyncDisposable
{
    private readonly IOptions<HotlineOptions> options;
    private readonly Counter<long> refusals;
    private readonly SemaphoreSlim connecting = new(1, 1);
    private ConnectionMultiplexer? connection;
    private RedisMemoryReading? last;

    public RedisMemory(IOptions<HotlineOptions> options, IMeterFactory meters)
    {
        this.options = options;
        var meter = meters.Create(HotlineMetrics.MeterName);
        meter.CreateObservableGauge("hotline.redis.memory.used", () => last?.Used ?? 0, "By", "Bytes Redis uses (INFO memory used_memory; the fullest node)");
        meter.CreateObservableGauge("hotline.redis.memory.limit", () => last?.Limit ?? 0, "By", "Redis maxmemory in bytes (0: no limit)");
        refusals = meter.CreateCounter<long>("hotline.redis.oom_refusals", "{write}", "Writes Redis refused because it was at maxmemory (OOM)");
    }

    /// <summary>The last reading, or null before the first.</summary>
    public RedisMemoryReading? Last => last;

    /// <summary>Reads INFO memory from every primary this process is connected to and keeps the fullest.</summary>
    public async Task<RedisMemoryReading?> ReadAsync()
    {
        RedisMemoryReading? fullest = null;
        var multiplexer = await ConnectionAsync().ConfigureAwait(false);
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica) continue;
            var reading = RedisMemoryReading.Parse(await server.InfoRawAsync("memory").ConfigureAwait(false));
            if (reading is not null && (fullest is null || Fuller(reading, fullest))) fullest = reading;
        }
        if (fullest is not null) last = fullest;
        return fullest;
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
        connecting.Dispose();
    }

    /// <summary>
    /// A connection of its own, as this service's Redis user: the client library lets only a connection in admin mode send
    /// INFO, which the shared connection is not; what the user may run is still decided by its ACL (it may run INFO).
    /// No pub/sub on it, so it is one socket per node.
    /// </summary>
    private async Task<ConnectionMultiplexer> ConnectionAsync()
    {
        if (connection is { } ready) return ready;
        await connecting.WaitAsync().ConfigureAwait(false);
        try
        {
            if (connection is null)
            {
                var config = RedisConnection.Options(options.Value);
                config.AllowAdmin = true;
                config.ClientName += "-memory";
                config.CommandMap = CommandMap.Create(["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE"], available: false);
                connection = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
            }
            return connection;
        }
        finally
        {
            connecting.Release();
        }
    }

    /// <summary>A write was refused for memory: counted, and the service is known to be full before the next reading.</summary>
    public void Refused()
    {
        refusals.Add(1);
        if (last is { } known && !known.Full) last = known with { Used = Math.Max(known.Used, known.Limit) };
    }

    /// <summary>True when Redis refused a write because it was at maxmemory (an "OOM command not allowed" error, also from inside a script).</summary>
    public static bool IsOutOfMemory(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is RedisServerException && e.Message.Contains("OOM command not allowed", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool Fuller(RedisMemoryReading a, RedisMemoryReading b) =>
        a.Limit > 0 && b.Limit > 0 ? a.Percent > b.Percent : a.Limit > 0 || a.Used > b.Used;
}
