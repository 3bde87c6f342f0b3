using Hotline.Core;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Cheap views of the queue and of who holds what, for routing decisions made often (every tick, every new case):
/// one read each, kept up to date as cases change (<see cref="Hotline.Core.Cases.CaseQueue"/>), instead of loading every case.
/// </summary>
public sealed class TeamLoad(HotlineRedis redis)
{
    /// <summary>How many cases each holder has now: counted as cases are claimed and closed, not read from every case.</summary>
    public Task<IReadOnlyDictionary<string, int>> HoldersAsync() => Hotline.Core.Cases.CaseQueue.LoadAsync(redis.Db);

    /// <summary>Waiting cases of high or critical severity, in queue order (ids only).</summary>
    public async Task<IReadOnlyList<string>> UrgentWaitingAsync()
    {
        // Queue scores put severity first: anything below the first medium score is high or critical.
        var bound = Hotline.Core.Cases.CaseStore.QueueScore(Severity.Medium, DateTimeOffset.FromUnixTimeMilliseconds(0));
        var ids = await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.Queue, double.NegativeInfinity, bound, Exclude.Stop).ConfigureAwait(false);
        return ids.Select(i => i.ToString()).ToList();
    }
}
