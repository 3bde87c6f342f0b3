using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Cases;

/// <summary>
/// What routing reads often, kept as cases change instead of read from every case: the queue (<see cref="RedisKeys.Queue"/>),
/// who holds which case and how many each (<see cref="RedisKeys.QueueHeld"/>, <see cref="RedisKeys.QueueLoad"/>), and the
/// place each waiting person was last told (<see cref="RedisKeys.QueueTold"/>). All four are on the queue's slot, so each
/// change is one script on one slot, on one Redis or a Redis Cluster. The case hash (on its own slot) stays the truth: its
/// script runs first and this follows it; each step here is idempotent, so a repeated claim or a retried request leaves the
/// same counts, and <c>QueueRepair</c> in the Triage worker mends what a process that died between the two left behind.
/// </summary>
public static class CaseQueue
{
    // The case is held by ARGV[2] ('' : by nobody, it closed) as of its change number ARGV[3] (CaseFields.QueueVersion, counted
    // by the case's own scripts): it leaves the queue and its told place, and the counts follow. Two steps may arrive out of
    // order (a claim's and a close's, two handovers'): an older change than the one applied, or any after the close, is ignored.
    private const string Track =
        "if redis.call('ZSCORE', KEYS[5], ARGV[1]) then return 0 end " +
        "local cur = redis.call('HGET', KEYS[2], ARGV[1]) " +
        "local prev, applied = nil, -1 " +
        "if cur then local h, v = string.match(cur, '^(.*)|(%d+)$') prev = h applied = tonumber(v) end " +
        "if tonumber(ARGV[3]) < applied then return 0 end " +
        "redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('HDEL', KEYS[4], ARGV[1]) " +
        "if ARGV[2] == '' then " +
        "  redis.call('HDEL', KEYS[2], ARGV[1]) " +
        "  redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1]) redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', tonumber(ARGV[4]) - tonumber(ARGV[5])) " +
        "else redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. ARGV[3]) end " +
        "if prev == ARGV[2] then return 1 end " +
        "if prev and redis.call('HINCRBY', KEYS[3], prev, -1) <= 0 then redis.call('HDEL', KEYS[3], prev) end " +
        "if ARGV[2] ~= '' then redis.call('HINCRBY', KEYS[3], ARGV[2], 1) end " +
        "return 1";

    /// <summary>
    /// How long a closed case is remembered as closed, so that a claim's index step arriving after the close's is ignored
    /// (they are milliseconds apart; a closed case never opens again).
    /// </summary>
    public static readonly TimeSpan LeftKept = TimeSpan.FromHours(1);

    private static readonly RedisKey[] Keys = [RedisKeys.Queue, RedisKeys.QueueHeld, RedisKeys.QueueLoad, RedisKeys.QueueTold, RedisKeys.QueueLeft];

    /// <summary>
    /// The case is claimed (or handed over) by <paramref name="holder"/>, as of its change <paramref name="version"/>: out of
    /// the queue and the running offers, counted for its holder.
    /// </summary>
    public static Task HoldAsync(IDatabaseAsync db, string caseId, string holder, long version, DateTimeOffset now) => Task.WhenAll(
        db.ScriptEvaluateAsync(Track, Keys, [caseId, holder, version, now.ToUnixTimeMilliseconds(), (long)LeftKept.TotalMilliseconds]),
        // A held case is offered to nobody any more (the offers' watch reads only offers it does not know yet).
        db.SortedSetRemoveAsync(RedisKeys.OfferDeadlines, caseId));

    /// <summary>The case closed (its change <paramref name="version"/>): out of the queue, no longer counted for whoever held it.</summary>
    public static Task LeaveAsync(IDatabaseAsync db, string caseId, long version, DateTimeOffset now) =>
        db.ScriptEvaluateAsync(Track, Keys, [caseId, "", version, now.ToUnixTimeMilliseconds(), (long)LeftKept.TotalMilliseconds]);

    /// <summary>How many cases each holder has now (one read, whatever the number of cases).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> LoadAsync(IDatabaseAsync db) =>
        (await db.HashGetAllAsync(RedisKeys.QueueLoad).ConfigureAwait(false))
            .Select(e => (Holder: e.Name.ToString(), Count: (int)e.Value))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Holder, e => e.Count);

    /// <summary>Who holds each case the index knows of (case id → holder).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> HeldAsync(IDatabaseAsync db) =>
        (await db.HashGetAllAsync(RedisKeys.QueueHeld).ConfigureAwait(false))
            .ToDictionary(e => e.Name.ToString(), e => e.Value.ToString() is var v && v.LastIndexOf('|') is var bar and >= 0 ? v[..bar] : v);

    /// <summary>
    /// The Lua that a case's own script runs to count one more change of who holds it, leaving the number on the stack for
    /// the script to return (<see cref="CaseFields.QueueVersion"/>).
    /// </summary>
    public const string NextVersion = "redis.call('HINCRBY', @key, '" + CaseFields.QueueVersion + "', 1)";
}
