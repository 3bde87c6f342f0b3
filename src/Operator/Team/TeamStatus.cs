using StackExchange.Redis;
using Hotline.Core.Team;
using Hotline.Operator.Cases;
using Microsoft.Extensions.Options;

namespace Hotline.Operator.Team;

/// <summary>
/// Who is on the team right now: each member's presence and load, their wellbeing (critical cases since the shift and the
/// last break began, when to suggest a pause) and whether a surge is on. The console's own view and the supervisors'
/// overview read the same figures from here.
/// </summary>
public sealed class TeamStatus(TeamDirectory team, PresenceStore presence, CaseStore cases, HotlineRedis redis, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public async Task<MeView> MeAsync(string name)
    {
        var member = await team.GetAsync(name);
        var p = await presence.GetAsync(name);
        return new MeView(name, member?.Roles ?? [], StatusName(p), await WellbeingAsync(name, p), await SurgeAsync());
    }

    /// <summary>Everyone who takes cases, with how many they hold now; their wellbeing only where a supervisor asks.</summary>
    public async Task<IReadOnlyList<MemberView>> MembersAsync(bool withWellbeing)
    {
        var status = (await presence.AllAsync()).ToDictionary(p => p.Username);
        var load = (await cases.ActiveAsync()).Where(c => c.Status == CaseStatus.Claimed && c.Holder is not null).GroupBy(c => c.Holder!).ToDictionary(g => g.Key, g => g.Count());
        var list = new List<MemberView>();
        foreach (var m in (await team.AllAsync()).Where(m => m.TakesCases))
        {
            var p = status.GetValueOrDefault(m.Username);
            list.Add(new MemberView(m.Username, m.Roles, StatusName(p), load.GetValueOrDefault(m.Username), m.Capacity,
                m.Languages, m.Categories, withWellbeing ? await WellbeingAsync(m.Username, p) : null));
        }
        return list;
    }

    public async Task<SurgeView> SurgeAsync()
    {
        var v = await redis.Db.HashGetAsync(RedisKeys.Surge, ["active", "waiting", "free"]);
        return new SurgeView(v[0] == "1", v[1].IsNullOrEmpty ? 0 : (int)v[1], v[2].IsNullOrEmpty ? 0 : (int)v[2]);
    }

    private static string StatusName(OperatorPresence? p) => (p?.Status ?? PresenceStatus.Offline).ToString().ToLowerInvariant();

    /// <summary>
    /// How long an operator's critical claims are kept: the pause advice counts them within a shift, which is shorter. Each
    /// is a case id with the exact time it was claimed, so older ones are dropped at the next claim and the whole set
    /// expires a day after the last.
    /// </summary>
    public static readonly TimeSpan CriticalClaimsKept = TimeSpan.FromDays(1);

    public static Task RecordCriticalClaimAsync(IDatabase db, string username, string caseId, DateTimeOffset at)
    {
        var key = RedisKeys.CriticalClaims(username);
        var transaction = db.CreateTransaction();
        _ = transaction.SortedSetAddAsync(key, caseId, at.ToUnixTimeMilliseconds());
        _ = transaction.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, (at - CriticalClaimsKept).ToUnixTimeMilliseconds(), Exclude.Stop);
        _ = transaction.KeyExpireAsync(key, CriticalClaimsKept);
        return transaction.ExecuteAsync();
    }

    private async Task<Wellbeing> WellbeingAsync(string username, OperatorPresence? p)
    {
        var now = time.GetUtcNow();
        var shift = p?.ShiftStarted ?? now;
        var lastBreak = p?.LastBreakEnded ?? now;
        var key = RedisKeys.CriticalClaims(username);
        var thisShift = (int)await redis.Db.SortedSetLengthAsync(key, shift.ToUnixTimeMilliseconds(), double.PositiveInfinity);
        var sinceBreak = (int)await redis.Db.SortedSetLengthAsync(key, lastBreak.ToUnixTimeMilliseconds(), double.PositiveInfinity);
        var minutesSinceBreak = (int)Math.Max(0, (now - lastBreak).TotalMinutes);
        var pause = sinceBreak >= options.Value.PauseAfterCriticalCases
            || (p?.Status == PresenceStatus.Online && minutesSinceBreak >= options.Value.PauseAfterMinutesWithoutBreak);
        return new Wellbeing(thisShift, sinceBreak, minutesSinceBreak, (int)Math.Max(0, (now - shift).TotalMinutes), pause);
    }
}
