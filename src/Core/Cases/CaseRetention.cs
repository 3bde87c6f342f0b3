using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Core.Cases;

/// <summary>
/// When each closed case's retention ends (<see cref="RedisKeys.RetentionDue"/>, score: that time). A case is scheduled as
/// it closes, for the retention of its outcome (<see cref="RetentionOptions"/>); it leaves the schedule when the person
/// writes again and a new case opens, which then carries it (<see cref="CaseStore.ContinueAsync"/>). The Triage worker
/// claims due cases with a lease, so two workers never delete the same one at once, and one that dies mid-way leaves it
/// to be claimed again.
/// </summary>
public sealed class CaseRetention(HotlineRedis redis, IOptions<RetentionOptions> options, TimeProvider time)
{
    /// <summary>How long a claimed case is left to its worker before another may claim it again.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    // The due cases, each moved a lease ahead in the same step: a second worker reading at once finds none of them due.
    // Returns id, due, id, due, ...
    private const string Claim =
        "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3])) " +
        "for i = 1, #due, 2 do redis.call('ZADD', KEYS[1], ARGV[2], due[i]) end " +
        "return due";

    /// <summary>The case closed now with <paramref name="outcome"/> (an outcome code, a close reason, or null): deleted once its retention ends.</summary>
    public Task ScheduleAsync(string caseId, string? outcome) =>
        redis.Db.SortedSetAddAsync(RedisKeys.RetentionDue, caseId, (time.GetUtcNow() + options.Value.For(outcome)).ToUnixTimeMilliseconds());

    /// <summary>An outcome recorded after the case closed: its retention counts from the close, if the case still waits for it.</summary>
    public Task RescheduleAsync(string caseId, string? outcome, DateTimeOffset closedAt) =>
        redis.Db.SortedSetAddAsync(RedisKeys.RetentionDue, caseId, (closedAt + options.Value.For(outcome)).ToUnixTimeMilliseconds(), SortedSetWhen.Exists);

    /// <summary>
    /// A case that closed at <paramref name="closedAt"/> without being scheduled (before retention existed): deleted once
    /// the retention of <paramref name="outcome"/> ends, counted from then. A case already waiting keeps its time.
    /// </summary>
    /// <returns>Whether it was scheduled now.</returns>
    public Task<bool> ScheduleClosedAsync(string caseId, string? outcome, DateTimeOffset closedAt) =>
        redis.Db.SortedSetAddAsync(RedisKeys.RetentionDue, caseId, (closedAt + options.Value.For(outcome)).ToUnixTimeMilliseconds(), SortedSetWhen.NotExists);

    /// <summary>The case is no longer deleted on its own (the person wrote again: the new case carries it).</summary>
    public Task CancelAsync(string caseId) => redis.Db.SortedSetRemoveAsync(RedisKeys.RetentionDue, caseId);

    /// <summary>When the case's retention ends, or null if it is not waiting for one.</summary>
    public async Task<DateTimeOffset?> DueAsync(string caseId) =>
        await redis.Db.SortedSetScoreAsync(RedisKeys.RetentionDue, caseId).ConfigureAwait(false) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;

    /// <summary>Up to <paramref name="max"/> cases whose retention has ended, with when it ended, each now this worker's for <see cref="Lease"/>.</summary>
    public async Task<IReadOnlyList<(string CaseId, DateTimeOffset Due)>> ClaimDueAsync(int max)
    {
        var now = time.GetUtcNow();
        var raw = (RedisResult[])(await redis.Db.ScriptEvaluateBySha(Claim, [RedisKeys.RetentionDue],
            [now.ToUnixTimeMilliseconds(), (now + Lease).ToUnixTimeMilliseconds(), max]).ConfigureAwait(false))!;
        var claimed = new List<(string, DateTimeOffset)>(raw.Length / 2);
        for (var i = 0; i + 1 < raw.Length; i += 2)
        {
            claimed.Add((raw[i].ToString(), DateTimeOffset.FromUnixTimeMilliseconds((long)double.Parse(raw[i + 1].ToString(), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return claimed;
    }

    /// <summary>The case waits again, until <paramref name="due"/> (the person wrote after it closed: the time counts from then).</summary>
    public Task PostponeAsync(string caseId, DateTimeOffset due) =>
        redis.Db.SortedSetAddAsync(RedisKeys.RetentionDue, caseId, due.ToUnixTimeMilliseconds());

    /// <summary>The case was deleted (or no longer needs to be): off the schedule.</summary>
    public Task DoneAsync(string caseId) => redis.Db.SortedSetRemoveAsync(RedisKeys.RetentionDue, caseId);
}
