using System.Security.Claims;
using System.Text;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Crypto;
using Hotline.Core.Outbox;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Hotline.Operator.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Operator.Cases;

public sealed record ReplyRequest(string? Text);

public sealed record ReplyResponse(long Sequence);

public static class CasesApi
{
    public const int MaxReplyLength = 4000;

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").RequireAuthorization();
        api.MapGet("/", ListCases);
        api.MapGet("/{id}", GetCase);
        api.MapGet("/{id}/transcript", GetTranscript);
        api.MapPost("/{id}/claim", Claim);
        api.MapPost("/{id}/messages", Reply);
        api.MapPost("/{id}/release", Release);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<CaseView>>, ProblemHttpResult>> ListCases(string? status, CaseStore cases)
    {
        IReadOnlyList<CaseRecord> list = status switch
        {
            "open" => await cases.QueueAsync(),
            "claimed" => (await cases.ActiveAsync()).Where(c => c.Status == CaseStatus.Claimed).ToList(),
            null or "" or "active" => await cases.ActiveAsync(),
            _ => [],
        };
        if (status is not (null or "" or "open" or "claimed" or "active"))
        {
            return TypedResults.Problem("status must be open, claimed or active.", statusCode: StatusCodes.Status400BadRequest, title: "Bad status");
        }
        return TypedResults.Ok<IReadOnlyList<CaseView>>(list.Select(CaseView.From).ToList());
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetCase(string id, CaseStore cases) =>
        await cases.GetAsync(id) is { } record ? TypedResults.Ok(CaseView.From(record)) : NotFound();

    /// <summary>The sealed entries, for the operator's browser to open with the team key.</summary>
    public static async Task<Results<Ok<IReadOnlyList<TranscriptEntry>>, ProblemHttpResult>> GetTranscript(string id, CaseStore cases, TranscriptStore transcripts, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        return TypedResults.Ok(await transcripts.ReadAsync(record.ConversationId, cancellationToken));
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Claim(string id, ClaimsPrincipal user, CaseStore cases, ConversationStore conversations,
        HotlineRedis redis, ConsoleNotifier notifier)
    {
        var me = user.Identity!.Name!;
        switch (await cases.ClaimAsync(id, me))
        {
            case ClaimOutcome.NotFound: return NotFound();
            case ClaimOutcome.Closed: return TypedResults.Problem("The case is closed.", statusCode: StatusCodes.Status409Conflict, title: "Case closed");
            case ClaimOutcome.AlreadyHeld: return TypedResults.Problem("Another operator holds this case.", statusCode: StatusCodes.Status409Conflict, title: "Already claimed");
        }
        var record = (await cases.GetAsync(id))!;
        var conversation = await conversations.GetAsync(record.ConversationId);
        if (conversation?.Operator != me)
        {
            await conversations.SetOperatorAsync(record.ConversationId, me);
            await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.OperatorJoined, null).ToFields());
        }
        await notifier.CaseChangedAsync(record.Id);
        return TypedResults.Ok(CaseView.From(record));
    }

    public static async Task<Results<Ok<ReplyResponse>, ProblemHttpResult>> Reply(string id, ReplyRequest? request, ClaimsPrincipal user, CaseStore cases,
        TranscriptStore transcripts, TeamKeyDirectory keys, HotlineRedis redis, CancellationToken cancellationToken)
    {
        var text = request?.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return TypedResults.Problem("A reply needs text.", statusCode: StatusCodes.Status400BadRequest, title: "Empty reply");
        if (text.Length > MaxReplyLength) return TypedResults.Problem($"A reply may hold at most {MaxReplyLength} characters.", statusCode: StatusCodes.Status400BadRequest, title: "Reply too long");
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        var me = user.Identity!.Name!;
        if (record.Status != CaseStatus.Claimed || record.Holder != me)
        {
            return TypedResults.Problem("Claim the case before replying.", statusCode: StatusCodes.Status409Conflict, title: "Not your case");
        }
        var botKey = await keys.BotPublicKeyAsync(cancellationToken);
        var sealedForBot = HotlineCrypto.Seal(Encoding.UTF8.GetBytes(text), botKey);
        var entry = await transcripts.AppendAsync(record.ConversationId, Author.Operator, me, text, cancellationToken);
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.Reply, sealedForBot).ToFields());
        return TypedResults.Ok(new ReplyResponse(entry.Sequence));
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Release(string id, ClaimsPrincipal user, CaseStore cases, ConversationStore conversations,
        HotlineRedis redis, ConsoleNotifier notifier)
    {
        if (await cases.GetAsync(id) is not { } record) return NotFound();
        if (!await cases.ReleaseAsync(id, user.Identity!.Name!))
        {
            return TypedResults.Problem("Only the operator holding the case can release it.", statusCode: StatusCodes.Status409Conflict, title: "Not your case");
        }
        await conversations.UnlinkCaseAsync(record.ConversationId);
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.OperatorLeft, null).ToFields());
        await notifier.CaseChangedAsync(id);
        return TypedResults.Ok(CaseView.From((await cases.GetAsync(id))!));
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No case with this id exists.", statusCode: StatusCodes.Status404NotFound, title: "Unknown case");
}
