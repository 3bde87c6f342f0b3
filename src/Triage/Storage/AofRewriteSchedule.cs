using Hotline.Core;
using Hotline.Core.Hosting;
using Hotline.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Storage;

/// <summary>
/// Asks every Redis primary for BGREWRITEAOF every <see cref="AofRewriteOptions.Interval"/> (on the TimeProvider's timer).
/// Deleting a key only appends a DEL to the append-only file: the key's value stays in the file until Redis rewrites it
/// from the live data. After a rewrite, a deleted conversation's ciphertext and sealed data keys are no longer on disk.
/// Several Triage workers may ask at once: Redis runs one rewrite and refuses or schedules the others, which is enough.
/// The client library sends BGREWRITEAOF only on a connection opened in admin mode, so each rewrite opens its own, as the
/// triage Redis user, whose ACL allows this one server command (infra/redis-users.acl).
/// </summary>
public sealed class AofRewriteSchedule(IOptions<HotlineOptions> hotline, IOptions<AofRewriteOptions> options, TimeProvider time, ILogger<AofRewriteSchedule> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(options.Value.Interval, time, _ => RewriteAsync(), logger, stoppingToken);

    /// <summary>Starts a rewrite on each primary; a failure is logged and the next tick tries again.</summary>
    public async Task RewriteAsync()
    {
        var config = RedisConnection.Options(hotline.Value);
        config.AllowAdmin = true;
        ConnectionMultiplexer admin;
        try
        {
            admin = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            logger.LogWarning(e, "Could not reach Redis to rewrite its append-only file; trying again on the next tick");
            return;
        }
        await using var _ = admin.ConfigureAwait(false);
        foreach (var server in admin.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            try
            {
                await server.ExecuteAsync("BGREWRITEAOF").ConfigureAwait(false);
                logger.LogInformation("Asked Redis {Endpoint} to rewrite its append-only file", server.EndPoint.ToString());
            }
            catch (RedisServerException e) when (e.Message.Contains("already in progress", StringComparison.Ordinal))
            {
                logger.LogInformation("Redis {Endpoint} is already rewriting its append-only file", server.EndPoint.ToString());
            }
            catch (Exception e) when (RedisFailures.IsUnavailable(e))
            {
                logger.LogWarning(e, "Could not ask Redis {Endpoint} to rewrite its append-only file; trying again on the next tick", server.EndPoint.ToString());
            }
        }
    }
}
