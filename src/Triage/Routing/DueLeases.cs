using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Due entries of a sorted set scored by when they fall due (<c>hl:deadlines</c>, <c>hl:dispatch:deadlines</c>, <c>hl:idle</c>),
/// handled by one worker at a time and never lost with a worker that dies while handling one: taking an entry does not
/// remove it but moves its score on by a lease, so it falls due again if its taker never finishes. The taker removes or
/// re-schedules it only while the score is still its lease's, so a deadline set anew meanwhile (the case was raised, the
/// dispatch went to the next unit) and a lease another worker took after this one's ran out both stand.
/// </summary>
public sealed class DueLeases(HotlineRedis redis)
{
    // ZADD XX: only what is there; the same lease for every entry of one taking.
    private const string Take =
        "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3])) " +
        "for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], member) end " +
        "return due";

    // ARGV[3] empty: finished, removed; otherwise the entry's next due time.
    private const string Release =
        "local score = redis.call('ZSCORE', KEYS[1], ARGV[1]) " +
        "if not score or tonumber(score) ~= tonumber(ARGV[2]) then return 0 end " +
        "if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end " +
        "return 1";

    /// <summary>
    /// Takes up to <paramref name="max"/> entries scored at most <paramref name="dueBy"/>, each leased until the score
    /// <paramref name="leasedUntil"/>; another taker sees them again only once that score is due.
    /// </summary>
    public async Task<IReadOnlyList<DueLease>> TakeAsync(RedisKey key, long dueBy, long leasedUntil, int max)
    {
        var taken = (RedisResult[])(await redis.Db.ScriptEvaluateBySha(Take, [key], [dueBy, leasedUntil, max]).ConfigureAwait(false))!;
        return taken.Select(member => new DueLease(key, member.ToString(), leasedUntil)).ToList();
    }

    /// <summary>Handled for good: removed, unless it was set anew or taken again meanwhile. True if removed.</summary>
    public Task<bool> FinishAsync(DueLease lease) => ReleaseAsync(lease, RedisValue.EmptyString);

    /// <summary>Due again at <paramref name="due"/> (unix ms), unless it was set anew or taken again meanwhile. True if set.</summary>
    public Task<bool> RescheduleAsync(DueLease lease, long due) => ReleaseAsync(lease, due);

    private async Task<bool> ReleaseAsync(DueLease lease, RedisValue next) =>
        (long)await redis.Db.ScriptEvaluateBySha(Release, [lease.Key], [lease.Member, lease.Until, next]).ConfigureAwait(false) == 1;
}
