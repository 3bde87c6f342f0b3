using System.Collections.Concurrent;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Cases;

/// <summary>
/// Which cases a staff console may be showing: a console shows a case's transcript only once it fetched the case's detail
/// or transcript (<see cref="RedisKeys.ViewedCases"/>, written by the Operator service as it serves them). The Triage worker
/// sends no console signal for a waiting case's message that changes nothing on its row while no console has fetched the
/// case within <see cref="Kept"/>: no page would read anything new with it. Every fetch, and every refresh a signal brings
/// about, keeps the case in the set.
/// </summary>
public sealed class CaseViews(HotlineRedis redis, TimeProvider time)
{
    /// <summary>
    /// How long a fetched case counts as shown, from the hour it was fetched in: longer than a shift, so a page left on a
    /// case stays live.
    /// </summary>
    public static readonly TimeSpan Kept = TimeSpan.FromHours(12);

    // The hour (unix ms, CoarseTime) this instance last wrote for each case: a refresh per signal costs no write.
    private readonly ConcurrentDictionary<string, long> written = new(StringComparer.Ordinal);

    /// <summary>
    /// A staff console fetched the case's detail or transcript: written before the fetch reads anything, as the hour
    /// (<see cref="CoarseTime"/>: no exact time at rest), once an hour per case and Operator instance.
    /// </summary>
    public async Task ViewedAsync(string caseId)
    {
        var hour = CoarseTime.Floor(time.GetUtcNow().ToUnixTimeMilliseconds());
        if (written.TryGetValue(caseId, out var last) && last == hour) return;
        await redis.Db.SortedSetAddAsync(RedisKeys.ViewedCases, caseId, hour).ConfigureAwait(false);
        written[caseId] = hour;
        if (written.Count > 100_000) written.Clear();
    }

    /// <summary>The cases fetched within <see cref="Kept"/>; the older ones are dropped from the set first.</summary>
    public async Task<HashSet<string>> ShownAsync(bool trim)
    {
        var since = (time.GetUtcNow() - Kept).ToUnixTimeMilliseconds();
        if (trim) await redis.Db.SortedSetRemoveRangeByScoreAsync(RedisKeys.ViewedCases, double.NegativeInfinity, since, Exclude.Stop).ConfigureAwait(false);
        var ids = await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.ViewedCases, since, double.PositiveInfinity).ConfigureAwait(false);
        return ids.Select(i => i.ToString()).ToHashSet(StringComparer.Ordinal);
    }
}
