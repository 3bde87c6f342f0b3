using Hotline.Core.Telemetry;
using Hotline.Core;
using Hotline.Core.Conversations;
using Hotline.Core.Team;
using Hotline.Operator.Live;

namespace Hotline.Operator.Cases;

/// <summary>
/// "Take the next case": one action claims the most urgent waiting case the operator can serve, so nobody has to read
/// the queue to pick. Atomic: each candidate is claimed with the same compare-and-set as a claim, and one a colleague
/// took a moment earlier is passed over for the next.
/// </summary>
public static class NextCaseApi
{
    public static IEndpointRouteBuilder MapNextCaseApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/cases").RequireAuthorization(Policies.Staff).Audited()
            .MapPost("/next", TakeNext);
        return app;
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> TakeNext(ClaimsPrincipal user, CaseStore cases, TeamDirectory team,
        ConversationStore conversations, HotlineRedis redis, ConsoleNotifier notifier, CaseTimeline timeline, TimeProvider time, SigningIdentity signer,
        HotlineMetrics metrics)
    {
        var me = user.Identity!.Name!;
        var member = await team.GetAsync(me);
        foreach (var candidate in Pick(await cases.QueueAsync(), member))
        {
            if (await cases.ClaimAsync(candidate.Id, me) != ClaimOutcome.Claimed) continue;
            // Claimed: the rest (operator joined, timeline, metrics, live update) is what a claim does.
            return await CasesApi.Claim(candidate.Id, user, cases, conversations, redis, notifier, timeline, time, signer, metrics);
        }
        return TypedResults.Problem("No waiting case fits your languages.", statusCode: StatusCodes.Status404NotFound, title: "Nothing waiting");
    }

    /// <summary>
    /// Waiting cases in the languages the operator speaks (all, when the profile names none): most severe first; within a
    /// severity those not from a network over its case budget, then the ones in the operator's categories, then the
    /// longest waiting (the queue's own order).
    /// </summary>
    public static IEnumerable<CaseRecord> Pick(IReadOnlyList<CaseRecord> queue, TeamMember? member)
    {
        var languages = member?.Languages ?? [];
        var categories = member?.Categories ?? [];
        return queue
            .Select((c, rank) => (Case: c, Rank: rank))
            .Where(x => x.Case.Status == CaseStatus.Open && (languages.Count == 0 || languages.Contains(x.Case.Language.ToWire())))
            .OrderByDescending(x => x.Case.Severity)
            .ThenBy(x => x.Case.SharedNetwork)
            .ThenByDescending(x => x.Case.Categories.Any(categories.Contains))
            .ThenBy(x => x.Rank)
            .Select(x => x.Case);
    }
}
