using Hotline.Core.Hosting;
using Hotline.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Core.Crypto;

/// <summary>
/// Reads the team key record at start and every HOTLINE_TEAM_KEY_CHECK_SECONDS in every service, sealing or not: a
/// rotation raises this service's floor soon after it happens (so an older record put back later is refused even by a
/// service that had nothing to write meanwhile), and a refused record is logged as critical once, until it is put right.
/// /readyz says the same while it lasts (<see cref="Readiness"/>).
/// It also listens for changes of the record, announced by a rotation (<see cref="RedisKeys.TeamKeyChanged"/>) and noticed by
/// Redis itself whoever writes it (keyspace notifications), so the sealing path can keep the record it read instead of
/// reading it for every message (<see cref="TeamKeyDirectory.PublicKeyAsync"/>); while the connection is down a change
/// could be missed, so the record is read again for every sealing until it is back.
/// </summary>
public sealed class TeamKeyWatch(TeamKeyDirectory keys, HotlineRedis redis, IOptions<HotlineOptions> options, TimeProvider time, ILogger<TeamKeyWatch> logger) : BackgroundService
{
    private bool refused;
    private bool subscribed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.Multiplexer.ConnectionFailed += Dropped;
        redis.Multiplexer.ConnectionRestored += Restored;
        try
        {
            await Periodic.RunAsync(TimeSpan.FromSeconds(options.Value.TeamKeyCheckSeconds), time, async cancellationToken =>
            {
                await CheckAsync(cancellationToken).ConfigureAwait(false);
                await SubscribeAsync().ConfigureAwait(false);
            }, logger, stoppingToken, atStart: true).ConfigureAwait(false);
        }
        finally
        {
            redis.Multiplexer.ConnectionFailed -= Dropped;
            redis.Multiplexer.ConnectionRestored -= Restored;
            keys.StopListening();
        }
    }

    private async Task SubscribeAsync()
    {
        // On a Redis Cluster only the node that holds the record notices its writes, and this client's subscription may be
        // on another: there the record is read for every sealing, as it always was.
        if (subscribed || redis.Multiplexer.GetServers().Any(s => s.ServerType == ServerType.Cluster)) return;
        try
        {
            await redis.Subscriber.SubscribeAsync(Announced, (_, _) => keys.Forget()).ConfigureAwait(false);
            await redis.Subscriber.SubscribeAsync(Written, (_, _) => keys.Forget()).ConfigureAwait(false);
            subscribed = true;
            if (Connected) keys.Listen();
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // Tried again at the next check; meanwhile every sealing reads the record.
        }
    }

    private void Dropped(object? sender, ConnectionFailedEventArgs e) => keys.StopListening();

    // The client subscribes again by itself; what was announced meanwhile is unknown, so the record is read afresh.
    private void Restored(object? sender, ConnectionFailedEventArgs e)
    {
        if (subscribed && Connected) keys.Listen();
    }

    private bool Connected => redis.Subscriber.IsConnected(Announced) && redis.Subscriber.IsConnected(Written);

    // A rotation's announcement, and Redis's own notice of any write of the record (infra/redis.conf: notify-keyspace-events
    // Kgh), whoever wrote it: an older record put back is refused at once, as when the record was read for every message.
    private static readonly RedisChannel Announced = RedisChannel.Literal(RedisKeys.TeamKeyChanged);

    private RedisChannel Written => RedisChannel.Literal($"__keyspace@{redis.Db.Database}__:{RedisKeys.TeamKey}");

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var record = await keys.RecordAsync(cancellationToken).ConfigureAwait(false);
            if (refused) logger.LogWarning("The team key record is trusted again (version {Version}): sealing resumes", record.Version);
            refused = false;
        }
        catch (CryptoFailure e)
        {
            // The reason names versions only: no text, address or id.
            if (!refused) logger.LogCritical("The team key record in Redis is refused, nothing is sealed until it is put right: {Reason}", e.Message);
            refused = true;
        }
        catch (InvalidOperationException)
        {
            // No team key yet ('admin init-demo' has not run): whatever needs one says so.
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            // /readyz reports an unreachable Redis.
        }
    }
}
