using Hotline.Core.Notices;
using Hotline.Core.Storage;
using Hotline.Triage.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Alerts;

/// <summary>
/// Tells the on-call supervisor (HOTLINE_ROUTING FallbackRecipient) by SMS that Redis memory is past the alert
/// threshold, while writes still succeed: once per HOTLINE_REDIS_MEMORY_ALERT_REPEAT_MINUTES across all Triage workers.
/// It must go out before Redis is full: at maxmemory the notice itself could not be queued.
/// </summary>
public sealed class RedisMemoryAlert(
    HotlineRedis redis, StreamOutboundNotifier notifier, IOptions<RoutingOptions> routing, IOptions<RedisMemoryOptions> options,
    ILogger<RedisMemoryAlert> logger) : IRedisMemoryAlert
{
    public async Task RaiseAsync(RedisMemoryReading reading, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var repeat = TimeSpan.FromMinutes(options.Value.AlertRepeatMinutes);
        if (!await redis.Db.StringSetAsync(RedisKeys.RedisMemoryAlert, "sent", repeat, When.NotExists).ConfigureAwait(false)) return;
        var recipient = routing.Value.FallbackRecipient;
        try
        {
            await notifier.QueueAsync(new OutboundNotice(recipient, NoticePurposes.Operations,
                $"Hotline: Redis memory at {reading.Describe()}. When it is full, new messages are refused: free memory or raise maxmemory now.")).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // Not queued (Redis already full): the next reading tries again instead of waiting out the repeat interval.
            await redis.Db.KeyDeleteAsync(RedisKeys.RedisMemoryAlert).ConfigureAwait(false);
            throw;
        }
        logger.LogWarning("Alerted {Recipient}: Redis memory at {Memory}", recipient, reading.Describe());
    }
}
