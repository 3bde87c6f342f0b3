using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Operator.Team;

/// <summary>
/// An earlier version kept an operator's critical claims (case ids by exact claim time) with no expiry until that operator's
/// next claim, so the set of one who claims no more stayed for ever. At start, each account's set without an expiry (those of
/// the roster, and of removed accounts the signing-key roster still names) loses the claims older than
/// <see cref="TeamStatus.CriticalClaimsKept"/> and expires that long after its last, as a new claim leaves it.
/// </summary>
public sealed class CriticalClaimsExpiry(HotlineRedis redis, OperatorSigningKeys signingKeys, TimeProvider time, ILogger<CriticalClaimsExpiry> logger) : BackgroundService
{
    // Only a set with no expiry (PTTL -1): one a claim of this version wrote already has its own.
    private static readonly RedisScript Expire = RedisScript.Named(
        "if redis.call('PTTL', @key) ~= -1 then return 0 end redis.call('ZREMRANGEBYSCORE', @key, '-inf', '(' .. @oldest) " +
        "local last = redis.call('ZRANGE', @key, -1, -1, 'WITHSCORES') if #last == 0 then return 1 end " +
        "redis.call('PEXPIREAT', @key, string.format('%.0f', tonumber(last[2]) + tonumber(@kept))) return 1",
        keys: ["key"],
        args: ["oldest", "kept"]);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; attempt < 30 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var given = await ExpireAsync().ConfigureAwait(false);
                if (given > 0) logger.LogInformation("Gave {Count} operators' critical claims an expiry", given);
                return;
            }
            catch (RedisException e)
            {
                logger.LogWarning("Critical claims kept without an expiry could not be given one yet ({Reason}); trying again", e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(10), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gives every known account's critical-claim set that has no expiry one; returns how many it changed.</summary>
    public async Task<int> ExpireAsync()
    {
        var names = (await redis.Db.SetMembersAsync(RedisKeys.Operators).ConfigureAwait(false)).Select(n => n.ToString())
            .Union((await signingKeys.AllAsync().ConfigureAwait(false)).Select(c => c.Username), StringComparer.Ordinal);
        var oldest = (time.GetUtcNow() - TeamStatus.CriticalClaimsKept).ToUnixTimeMilliseconds();
        var kept = (long)TeamStatus.CriticalClaimsKept.TotalMilliseconds;
        var changed = 0;
        foreach (var name in names)
        {
            changed += (int)(long)await Expire.EvaluateAsync(redis.Db, [RedisKeys.CriticalClaims(name)], [oldest, kept]).ConfigureAwait(false);
        }
        return changed;
    }
}
