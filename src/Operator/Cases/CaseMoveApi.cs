using Hotline.Core.Outbox;

namespace Hotline.Operator.Cases;

/// <summary>
/// A case code given on another channel moves nothing by itself: the case's holder (or a supervisor) confirms that it is
/// the same person, and only then does the Bot send replies there; or refuses, and nothing moves.
/// </summary>
public static class CaseMoveApi
{
    public static IEndpointRouteBuilder MapCaseMoveApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{id}/move").RequireAuthorization(Policies.Staff).Audited();
        api.MapGet("/", Get);
        api.MapPost("/confirm", (string id, ClaimsPrincipal user, CaseStore cases, HotlineRedis redis, SigningIdentity signer) => DecideAsync(id, user, cases, redis, signer, OutboxKind.MoveConfirmed));
        api.MapPost("/refuse", (string id, ClaimsPrincipal user, CaseStore cases, HotlineRedis redis, SigningIdentity signer) => DecideAsync(id, user, cases, redis, signer, OutboxKind.MoveRefused));
        return app;
    }

    public static async Task<Results<Ok<PendingMove>, ProblemHttpResult>> Get(string id, CaseStore cases, HotlineRedis redis)
    {
        if (await cases.GetAsync(id) is not { } record) return CasesApi.NotFound();
        return await PendingAsync(redis, record.ConversationId) is { } pending ? TypedResults.Ok(pending) : NothingPending();
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> DecideAsync(string id, ClaimsPrincipal user, CaseStore cases, HotlineRedis redis, SigningIdentity signer, OutboxKind decision)
    {
        if (await cases.GetAsync(id) is not { } record) return CasesApi.NotFound();
        if (record.Holder != user.Identity!.Name && !user.IsInRole(nameof(Role.Supervisor))) return CasesApi.NotYours();
        if (await PendingAsync(redis, record.ConversationId) is null) return NothingPending();
        // The Bot moves the conversation (or not): it alone holds the channels' addresses and the codes.
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, decision, null).ToFields(signer));
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>The move someone asked for with the case code, waiting for the holder's decision, if any.</summary>
    public static async Task<PendingMove?> PendingAsync(HotlineRedis redis, string conversationId)
    {
        var values = await redis.Db.HashGetAsync(RedisKeys.Conversation(conversationId), ["moveTo", "moveChannel", "moveAt"]);
        return values[0].IsNullOrEmpty ? null : new PendingMove(values[1].ToString(), (long)values[2]);
    }

    private static ProblemHttpResult NothingPending() =>
        TypedResults.Problem("Nobody asked to continue this case elsewhere.", statusCode: StatusCodes.Status409Conflict, title: "No move waiting");
}
