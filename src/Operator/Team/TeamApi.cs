using Hotline.Core.Team;
using Hotline.Operator.Cases;
using Hotline.Operator.Directory;

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

    public static async Task<Ok<MeView>> Me(ClaimsPrincipal user, TeamStatus status) => TypedResults.Ok(await status.MeAsync(user.Identity!.Name!));

    public static async Task<Results<Ok<MeView>, ProblemHttpResult>> SetPresence(PresenceRequest? request, ClaimsPrincipal user, PresenceStore presence, TeamStatus status)
    {
        if (!Enum.TryParse<PresenceStatus>(request?.Status, ignoreCase: true, out var to) || !Enum.IsDefined(to))
        {
            return TypedResults.Problem("status is online, away or offline.", statusCode: StatusCodes.Status400BadRequest, title: "Bad status");
        }
        await presence.SetAsync(user.Identity!.Name!, to);
        return TypedResults.Ok(await status.MeAsync(user.Identity!.Name!));
    }

    public static async Task<Ok<IReadOnlyList<MemberView>>> Members(TeamStatus status, bool wellbeing = false) => TypedResults.Ok(await status.MembersAsync(wellbeing));

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
}
