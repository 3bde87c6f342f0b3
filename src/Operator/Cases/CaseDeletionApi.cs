using Hotline.Core.Outbox;
using Hotline.Core.Transcripts;
using Hotline.Operator.Live;

namespace Hotline.Operator.Cases;

/// <summary>
/// A supervisor deletes a case's conversation (the person asked by phone, say): the case is closed and stripped of its
/// identifying facts here, and the Bot deletes what only it may touch (transcript, delivery copy, address, code, risk
/// state), by the same path as the wipe word and the web chat page (<see cref="ConversationDeletion"/>).
/// </summary>
public static class CaseDeletionApi
{
    public static IEndpointRouteBuilder MapCaseDeletionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{id}/delete-conversation", Delete).RequireAuthorization(Policies.Supervisor).Audited();
        return app;
    }

    public static async Task<Results<Accepted<CaseView>, ProblemHttpResult>> Delete(string id, ClaimsPrincipal user, CaseStore cases, ConversationDeletion deletion,
        HotlineRedis redis, ConsoleNotifier notifier, SigningIdentity signer)
    {
        if (await cases.GetAsync(id) is not { } record) return CasesApi.NotFound();
        await deletion.ForgetCaseAsync(id, user.Identity!.Name);
        await redis.PublishAsync(RedisKeys.Outbox, new OutboxMessage(record.ConversationId, OutboxKind.DeleteConversation, null).ToFields(signer));
        await notifier.CaseChangedAsync(id);
        return TypedResults.Accepted($"/api/cases/{id}", CaseView.From((await cases.GetAsync(id))!));
    }
}
