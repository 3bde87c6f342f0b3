using Hotline.Core.Team;
using Hotline.Operator.Cases;
using Hotline.Operator.Directory;
using Microsoft.Extensions.Options;

namespace Hotline.Operator.Team;

public static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").RequireAuthorization(Policies.Staff).Audited();
        staff.MapGet("/me", Me);
        staff.MapPost("/me/presence", SetPresence);
        staff.MapGet("/team", Members);
        staff.MapGet("/canned", (CannedAnswers canned) => canned.AllAsync());
        staff.MapGet("/services", (string? municipality) => ServicesDirectory.For(municipality));
        staff.MapGet("/outcomes", () => CaseRecordStore.OutcomeCodes);
        staff.MapGet("/municipalities", () => Hotline.Core.Places.Municipalities.All.Select(m => new { name = m.Name, county = m.County }));
        app.MapPut("/api/canned", SaveCanned).RequireAuthorization(Policies.Supervisor).Audited();
        return app;
    }

    public static async Task<Ok<MeView>> Me(ClaimsPrincipal user, TeamDirectory team, PresenceStore presence, HotlineRedis redis, IOptions<ConsoleOptions> options, TimeProvider time)
    {
        var name = user.Identity!.Name!;
        var member = await team.GetAsync(name);
        var p = await presence.GetAsync(name);
        return TypedResults.Ok(new MeView(name, member?.Roles ?? [], (p?.Status ?? PresenceStatus.Offline).ToString().ToLowerInvariant(),
            await WellbeingAsync(name, p, redis, options.Value, time), await SurgeAsync(redis)));
    }

    public static async Task<Results<Ok<MeView>, ProblemHttpResult>> SetPresence(PresenceRequest? request, ClaimsPrincipal user, TeamDirectory team, PresenceStore presence,
        HotlineRedis redis, IOptions<ConsoleOptions> options, TimeProvider time)
    {
        if (!Enum.TryParse<PresenceStatus>(request?.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
        {
            return TypedResults.Problem("status is online, away or offline.", statusCode: StatusCodes.Status400BadRequest, title: "Bad status");
        }
        await presence.SetAsync(user.Identity!.Name!, status);
        return TypedResults.Ok((await Me(user, team, presence, redis, options, time)).Value!);
    }

    public static async Task<Ok<IReadOnlyList<MemberView>>> Members(TeamDirectory team, PresenceStore presence, CaseStore cases, HotlineRedis redis, IOptions<ConsoleOptions> options,
        TimeProvider time, bool wellbeing = false) =>
        TypedResults.Ok(await MembersAsync(team, presence, cases, redis, options.Value, time, wellbeing));

    internal static async Task<IReadOnlyList<MemberView>> MembersAsync(TeamDirectory team, PresenceStore presence, CaseStore cases, HotlineRedis redis, ConsoleOptions options,
        TimeProvider time, bool withWellbeing)
    {
        var all = await presence.AllAsync();
        var status = all.ToDictionary(p => p.Username);
        var load = (await cases.ActiveAsync()).Where(c => c.Status == CaseStatus.Claimed && c.Holder is not null).GroupBy(c => c.Holder!).ToDictionary(g => g.Key, g => g.Count());
        var list = new List<MemberView>();
        foreach (var m in (await team.AllAsync()).Where(m => m.TakesCases))
        {
            var p = status.GetValueOrDefault(m.Username);
            list.Add(new MemberView(m.Username, m.Roles, (p?.Status ?? PresenceStatus.Offline).ToString().ToLowerInvariant(), load.GetValueOrDefault(m.Username), m.Capacity,
                m.Languages, m.Categories, withWellbeing ? await WellbeingAsync(m.Username, p, redis, options, time) : null));
        }
        return list;
    }

    public static async Task<Results<Ok<IReadOnlyList<CannedAnswer>>, ProblemHttpResult>> SaveCanned(CannedRequest? request, CannedAnswers canned)
    {
        var answers = request?.Answers;
        if (answers is null || answers.Count > 200 || answers.Any(a => string.IsNullOrWhiteSpace(a.Id) || a.Id.Length > 40 || a.Language is not ("sq" or "en")
            || string.IsNullOrWhiteSpace(a.Title) || a.Title.Length > 80 || string.IsNullOrWhiteSpace(a.Text) || a.Text.Length > CasesApi.MaxReplyLength))
        {
            return TypedResults.Problem("Each answer needs an id, a language (sq or en), a title and a text.", statusCode: StatusCodes.Status400BadRequest, title: "Bad canned answers");
        }
        await canned.SaveAsync(answers);
        return TypedResults.Ok(answers);
    }

    internal static async Task<Wellbeing> WellbeingAsync(string username, OperatorPresence? p, HotlineRedis redis, ConsoleOptions options, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var shift = p?.ShiftStarted ?? now;
        var lastBreak = p?.LastBreakEnded ?? now;
        var key = RedisKeys.CriticalClaims(username);
        var thisShift = (int)await redis.Db.SortedSetLengthAsync(key, shift.ToUnixTimeMilliseconds(), double.PositiveInfinity);
        var sinceBreak = (int)await redis.Db.SortedSetLengthAsync(key, lastBreak.ToUnixTimeMilliseconds(), double.PositiveInfinity);
        var minutesSinceBreak = (int)Math.Max(0, (now - lastBreak).TotalMinutes);
        var pause = sinceBreak >= options.PauseAfterCriticalCases || (p?.Status == PresenceStatus.Online && minutesSinceBreak >= options.PauseAfterMinutesWithoutBreak);
        return new Wellbeing(thisShift, sinceBreak, minutesSinceBreak, (int)Math.Max(0, (now - shift).TotalMinutes), pause);
    }

    internal static async Task<SurgeView> SurgeAsync(HotlineRedis redis)
    {
        var v = await redis.Db.HashGetAsync(RedisKeys.Surge, ["active", "waiting", "free"]);
        return new SurgeView(v[0] == "1", v[1].IsNullOrEmpty ? 0 : (int)v[1], v[2].IsNullOrEmpty ? 0 : (int)v[2]);
    }
}
