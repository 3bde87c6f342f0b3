using Hotline.Core.Conversations;
using Hotline.Core.Dispatch;
using Hotline.Core.Outbox;
using Hotline.Core.Team;
using Hotline.Operator.Cases;
using Hotline.Operator.Live;

namespace Hotline.Operator.Team;

/// <summary>
/// Supervisors: every case and operator at a glance, reassign, take over, the month's statistics, and how often operators
/// agree with the screener (the audit log: <see cref="Audit.AuditApi"/>).
/// </summary>
public static class SupervisorApi
{
    public static IEndpointRouteBuilder MapSupervisorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supervisor").RequireAuthorization(Policies.Supervisor).Audited();
        api.MapGet("/overview", GetOverview);
        api.MapPost("/cases/{id}/assign", Assign);
        api.MapPost("/cases/{id}/takeover", TakeOver);
        api.MapGet("/statistics", Statistics);
        api.MapGet("/screening-agreement", GetAgreement);
        return app;
    }

    /// <summary>
    /// GET /api/supervisor/statistics?month=YYYY-MM[&amp;format=csv]: the month's counts, small cells withheld (see
    /// <see cref="Dashboard.MonthlyStatistics"/>); CSV for funders' spreadsheets, JSON for the printable page.
    /// </summary>
    public static async Task<Results<Ok<Dashboard.MonthlyReport>, FileContentHttpResult, ProblemHttpResult>> Statistics(string? month, string? format,
        Dashboard.MonthlyStatistics statistics)
    {
        if (month is null || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first))
        {
            return TypedResults.Problem("month must be YYYY-MM.", statusCode: StatusCodes.Status400BadRequest, title: "Bad month");
        }
        if (format is not (null or "" or "json" or "csv"))
        {
            return TypedResults.Problem("format must be json or csv.", statusCode: StatusCodes.Status400BadRequest, title: "Bad format");
        }
        var report = await statistics.ForAsync(first.Year, first.Month);
        if (format == "csv")
        {
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(Dashboard.MonthlyStatistics.ToCsv(report)), "text/csv; charset=utf-8", $"hotline-statistics-{report.Month}.csv");
        }
        return TypedResults.Ok(report);
    }

    public static async Task<Ok<Overview>> GetOverview(CaseStore cases, TeamStatus team, MobileUnits units) =>
        TypedResults.Ok(new Overview(
            (await cases.ActiveAsync()).Select(CaseView.From).ToList(), await team.MembersAsync(withWellbeing: true), await units.AllAsync(), await team.SurgeAsync()));

    public static async Task<Ok<AgreementReport>> GetAgreement(ScreeningAgreement agreement) => TypedResults.Ok(await agreement.ReportAsync());

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Assign(string id, AssignRequest? request, ClaimsPrincipal user, TeamDirectory team,
        CaseStore cases, ConversationStore conversations, CaseHandover handover, CaseTimeline timeline, ConsoleNotifier notifier, HotlineRedis redis, SigningIdentity signer)
    {
        if (string.IsNullOrEmpty(request?.To) || await team.GetAsync(request.To) is not { TakesCases: true } target)
        {
            return TypedResults.Problem("Name an operator or supervisor.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown colleague");
        }
        return await GiveAsync(id, target.Username, user.Identity!.Name!, TimelineKind.Reassigned, cases, conversations, handover, timeline, notifier, redis, signer);
    }

    public static Task<Results<Ok<CaseView>, ProblemHttpResult>> TakeOver(string id, ClaimsPrincipal user, CaseStore cases, ConversationStore conversations,
        CaseHandover handover, CaseTimeline timeline, ConsoleNotifier notifier, HotlineRedis redis, SigningIdentity signer) =>
        GiveAsync(id, user.Identity!.Name!, user.Identity!.Name!, TimelineKind.TakenOver, cases, conversations, handover, timeline, notifier, redis, signer);

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GiveAsync(string id, string to, string by, TimelineKind what, CaseStore cases,
        ConversationStore conversations, CaseHandover handover, CaseTimeline timeline, ConsoleNotifier notifier, HotlineRedis redis, SigningIdentity signer)
    {
        if (await cases.GetAsync(id) is not { } record) return CasesApi.NotFound();
        var previous = await handover.AssignAsync(id, to);
        if (previous is null) return TypedResults.Problem("The case is closed.", statusCode: StatusCodes.Status409Conflict, title: "Case closed");
        var conversation = await conversations.GetAsync(record.ConversationId);
        await conversations.SetOperatorAsync(record.ConversationId, to);
        if (conversation?.Operator is null) await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.OperatorJoined, null).ToFields(signer));
        await timeline.AppendAsync(id, what, by, previous.Length > 0 ? $"from {previous} to {to}" : $"to {to}");
        await notifier.CaseChangedAsync(id);
        if (to != by) await notifier.HandedToAsync(id, to, by);
        return TypedResults.Ok(CaseView.From((await cases.GetAsync(id))!));
    }
}
