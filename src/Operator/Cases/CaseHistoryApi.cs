using System.Security.Claims;
using System.Text.RegularExpressions;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Operator.Accounts;
using Hotline.Operator.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Operator.Cases;

/// <summary>
/// The console's history and search: cases closed recently, a case found by its id, the end of its id (as the queue
/// shows it) or the person's case code; and private notes written on their own, not only with a transfer.
/// </summary>
public static partial class CaseHistoryApi
{
    public const int MaxQueryLength = 100;

    public static IEndpointRouteBuilder MapCaseHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").RequireAuthorization(Policies.Staff).Audited();
        api.MapGet("/closed", Closed);
        api.MapGet("/search", Search);
        api.MapPost("/{id}/notes", AddNote);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CaseView>>> Closed(CaseStore cases) =>
        TypedResults.Ok<IReadOnlyList<CaseView>>((await cases.RecentlyClosedAsync()).Select(CaseView.From).ToList());

    public static async Task<Results<Ok<IReadOnlyList<CaseView>>, ProblemHttpResult>> Search(string? q, CaseStore cases, ConversationStore conversations, HotlineRedis redis,
        CaseCodeKey codeKey)
    {
        var query = q?.Trim() ?? "";
        if (query.Length is 0 or > MaxQueryLength)
        {
            return TypedResults.Problem($"q must hold 1 to {MaxQueryLength} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Bad query");
        }
        var found = new List<CaseRecord>();
        if (await cases.GetAsync(query) is { } byId) found.Add(byId);
        // Redis knows a code only by its keyed hash.
        if (CaseCodeFormat.Parse(query) is { } code && (string?)await redis.Db.StringGetAsync(RedisKeys.CaseCode(codeKey.LookupOf(code))) is { } conversationId
            && await conversations.GetAsync(conversationId) is { } conversation)
        {
            foreach (var caseId in new[] { conversation.CaseId, conversation.PreviousCaseId })
            {
                if (caseId is not null && await cases.GetAsync(caseId) is { } byCode) found.Add(byCode);
            }
        }
        // The short reference the console shows ("#3F9A2C"): the end of the id, among open, held and recently closed cases.
        var reference = Reference(query);
        if (reference.Length >= 4)
        {
            var recent = (await cases.ActiveAsync()).Concat(await cases.RecentlyClosedAsync());
            found.AddRange(recent.Where(c => Reference(c.Id).EndsWith(reference, StringComparison.Ordinal)));
        }
        return TypedResults.Ok<IReadOnlyList<CaseView>>(found.DistinctBy(c => c.Id).Select(CaseView.From).ToList());
    }

    /// <summary>A private note for the team, sealed like a transcript entry; never sent to the person.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> AddNote(string id, NoteRequest? request, ClaimsPrincipal user, CaseStore cases,
        CaseNotes notes, CaseTimeline timeline, OperatorSigningKeys signingKeys, TeamKeyDirectory keys, CancellationToken cancellationToken)
    {
        var text = request?.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return TypedResults.Problem("A note needs text.", statusCode: StatusCodes.Status400BadRequest, title: "Empty note");
        if (text.Length > CasesApi.MaxNoteLength)
        {
            return TypedResults.Problem($"A note may hold at most {CasesApi.MaxNoteLength} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Note too long");
        }
        if (await cases.GetAsync(id) is null) return CasesApi.NotFound();
        var me = user.Identity!.Name!;
        var (words, refused) = await SignedWords.CheckAsync(request!.Signature, CaseNotes.Context(id), me, text, signingKeys, keys, cancellationToken);
        if (refused is not null) return refused;
        await notes.AddAsync(id, me, text, cancellationToken, words);
        await timeline.AppendAsync(id, TimelineKind.Note, me);
        return TypedResults.NoContent();
    }

    private static string Reference(string value) => NotAlphanumeric().Replace(value, "").ToUpperInvariant();

    [GeneratedRegex("[^0-9A-Za-z]")]
    private static partial Regex NotAlphanumeric();
}
