using Hotline.Core.Dispatch;

namespace Hotline.Operator.Dispatch;

/// <summary>
/// Dispatches confirmed by an earlier version kept their municipality in clear (field municipality). At start, each one
/// that reached a unit gets its area sealed like a new one (<see cref="DispatchAreaSeals"/>) and the clear field goes.
/// It waits for the Bot's key (a fresh start may have no Bot yet); the clear values stay in the append-only file until
/// its next rewrite.
/// </summary>
public sealed class DispatchAreaMigration(HotlineRedis redis, DispatchStore dispatches, MobileUnits units, OperatorAccounts accounts,
    TeamKeyDirectory keys, TimeProvider time, ILogger<DispatchAreaMigration> logger) : BackgroundService
{
    private const string LegacyField = "municipality";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; attempt < 60 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var sealedNow = await MigrateAsync(stoppingToken).ConfigureAwait(false);
                if (sealedNow > 0) logger.LogWarning("Sealed the area of {Count} dispatches stored in clear", sealedNow);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // No Bot has published its key yet, its key does not verify, or Redis is not there: the service runs on, and tries again.
                logger.LogWarning("Dispatch areas stored in clear could not be sealed yet ({Reason}); trying again", e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(10), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Seals every clear area of a dispatch a unit was sent; returns how many.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var unit in await units.AllAsync().ConfigureAwait(false))
        {
            foreach (var id in await redis.Db.SortedSetRangeByRankAsync(RedisKeys.UnitDispatches(unit.Name)).ConfigureAwait(false))
            {
                var caseId = id.ToString();
                var area = (string?)await redis.Db.HashGetAsync(RedisKeys.Dispatch(caseId), LegacyField).ConfigureAwait(false);
                if (area is null || await dispatches.GetAsync(caseId).ConfigureAwait(false) is not { } dispatch) continue;
                if (area.Length > 0)
                {
                    await (await DispatchAreaSeals.MakeAsync(dispatch.Code, area, units, accounts, keys, cancellationToken).ConfigureAwait(false))
                        .WriteAsync(dispatches, caseId).ConfigureAwait(false);
                    count++;
                }
                await redis.Db.HashDeleteAsync(RedisKeys.Dispatch(caseId), LegacyField).ConfigureAwait(false);
            }
        }
        return count;
    }
}
