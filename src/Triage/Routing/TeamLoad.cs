using Hotline.Core;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Cheap views of the queue and of who holds what, for routing decisions made often (every tick, every new case):
/// one pipelined round of small reads instead of loading every case.
/// </summary>
public sealed class TeamLoad(HotlineRedis redis)
{
    /// <summary>How many cases each holder has now.</summary>
    public async Task<IReadOnlyDictionary<string, int>> HoldersAsync()
    {
        var ids = await redis.Db.SetMembersAsync(RedisKeys.ActiveCases).ConfigureAwait(false);
        var reads = ids.Select(id => redis.Db.HashGetAsync(RedisKeys.Case(id.ToString()), ["status", "holder"])).ToArray();
        var values = await Task.WhenAll(reads).ConfigureAwait(false);
        return values.Where(v => v[0] == "claimed" && !v[1].IsNullOrEmpty).GroupBy(v => v[1].ToString()).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>Waiting cases of high or critical severity, in queue order (ids only).</summary>
    public async Task<IReadOnlyList<string>> UrgentWaitingAsync()
    {
        // Queue scores put severity first: anything below the first medium score is high or critical.
        var bound = Hotline.Core.Cases.CaseStore.QueueScore(Severity.Medium, DateTimeOffset.FromUnixTimeMilliseconds(0));
        var ids = await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.Queue, double.NegativeInfinity, bound, Exclude.Stop).ConfigureAwait(false);
        return ids.Select(i => i.ToString()).ToList();
    }
}
