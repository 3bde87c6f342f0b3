using Hotline.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline.Core.Storage;

/// <summary>
/// Reads Redis memory every HOTLINE_REDIS_MEMORY_CHECK_SECONDS in every service: the reading feeds /readyz and the
/// metrics; over the alert threshold it is logged as a warning (critical when full), and where an
/// <see cref="IRedisMemoryAlert"/> is registered, that is raised too.
/// </summary>
public sealed class RedisMemoryWatch(
    RedisMemory memory, IOptions<RedisMemoryOptions> options, TimeProvider time, ILogger<RedisMemoryWatch> logger, IRedisMemoryAlert? alert = null)
    : BackgroundService
{
    private bool warnedNoLimit;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(TimeSpan.FromSeconds(options.Value.CheckSeconds), time, CheckAsync, logger, stoppingToken, atStart: true);

    /// <summary>One reading, and what follows from it.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        RedisMemoryReading? reading;
        try
        {
            reading = await memory.ReadAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // The health checks report an unreachable Redis; nothing to say about its memory meanwhile.
            return;
        }
        if (reading is null) return;
        if (reading.Limit == 0)
        {
            if (!warnedNoLimit) logger.LogWarning("Redis has no maxmemory: it will grow until the machine runs out of memory. Set maxmemory with noeviction (infra/redis.conf)");
            warnedNoLimit = true;
            return;
        }
        if (reading.Percent < options.Value.AlertPercent) return;
        if (reading.Full) logger.LogCritical("Redis memory is full, {Memory}: writes are refused, new messages cannot be stored", reading.Describe());
        else logger.LogWarning("Redis memory is high, {Memory}; the alert threshold is {Threshold}%", reading.Describe(), options.Value.AlertPercent);
        if (alert is null) return;
        try
        {
            await alert.RaiseAsync(reading, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            logger.LogCritical(e, "Could not queue the Redis memory alert for staff");
        }
    }
}
