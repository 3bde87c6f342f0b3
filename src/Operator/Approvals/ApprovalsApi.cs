using System.Text.Json;
using Hotline.Core.Dispatch;
using Hotline.Core.Identity;
using Hotline.Core.Notices;
using Hotline.Core.Transcripts;
using Hotline.Operator.Cases;

namespace Hotline.Operator.Approvals;

/// <summary>
/// Four eyes: one operator asks, a different operator or a supervisor approves; both steps are in the audit log. An
/// approved export lets the requester fetch the sealed transcript once (their browser decrypts it and saves the file).
/// An approved contact reveal requires that the person agreed, marks the case's dispatch as cleared to share it, and
/// queues a "contact" notice to the dispatch's unit: the Bot checks the clearance again and adds the number itself.
/// </summary>
public static class ApprovalsApi
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Staff).Audited();
        api.MapPost("/cases/{id}/approvals", Request);
        api.MapGet("/approvals", Pending);
        api.MapPost("/approvals/{approvalId}/approve", Approve);
        api.MapGet("/cases/{id}/export", Export);
        return app;
    }

    public static async Task<Results<Ok<Approval>, ProblemHttpResult>> Request(string id, ApprovalRequestBody? body, ClaimsPrincipal user, CaseStore cases,
        DispatchStore dispatches, HotlineRedis redis, AuditLog audit, CaseTimeline timeline, TimeProvider time)
    {
        if (await cases.GetAsync(id) is null) return CasesApi.NotFound();
        if (body?.Action is not (SensitiveActions.Export or SensitiveActions.RevealContact))
        {
            return TypedResults.Problem($"action is {SensitiveActions.Export} or {SensitiveActions.RevealContact}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad action");
        }
        if (body.Action == SensitiveActions.RevealContact)
        {
            if (!body.PersonAgreed) return TypedResults.Problem("A reply address is shared only when the person agreed.", statusCode: StatusCodes.Status400BadRequest, title: "No consent");
            if (await dispatches.GetAsync(id) is not { Status: DispatchStatus.Sent or DispatchStatus.Acknowledged or DispatchStatus.EnRoute or DispatchStatus.Arrived })
            {
                return TypedResults.Problem("Only a dispatch sent to a unit can receive a reply address.", statusCode: StatusCodes.Status409Conflict, title: "No dispatch");
            }
        }
        var me = user.Identity!.Name!;
        var approval = new Approval(Ids.New("A", 12), id, body.Action, me, time.GetUtcNow(), "pending", null, null, false);
        await SaveAsync(redis, approval);
        await redis.Db.SortedSetAddAsync(RedisKeys.Approvals, approval.Id, approval.RequestedAt.ToUnixTimeMilliseconds());
        await audit.AppendAsync(me, $"requested approval: {body.Action}", id, approval.Id + (body.PersonAgreed ? ", person agreed" : ""));
        await timeline.AppendAsync(id, TimelineKind.ApprovalRequested, me, body.Action);
        return TypedResults.Ok(approval);
    }

    public static async Task<Ok<IReadOnlyList<Approval>>> Pending(HotlineRedis redis, TimeProvider time)
    {
        var since = (time.GetUtcNow() - Validity).ToUnixTimeMilliseconds();
        var ids = await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.Approvals, since, double.PositiveInfinity);
        var list = new List<Approval>();
        foreach (var id in ids)
        {
            if (await LoadAsync(redis, id.ToString()) is { Status: "pending" } a) list.Add(a);
        }
        return TypedResults.Ok<IReadOnlyList<Approval>>(list);
    }

    public static async Task<Results<Ok<Approval>, ProblemHttpResult>> Approve(string approvalId, ClaimsPrincipal user, HotlineRedis redis, AuditLog audit,
        DispatchStore dispatches, CaseTimeline timeline, IOutboundNotifier notifier, TimeProvider time)
    {
        if (!Ids.IsWellFormed(approvalId) || await LoadAsync(redis, approvalId) is not { } a || a.Status != "pending" || time.GetUtcNow() - a.RequestedAt > Validity)
        {
            return TypedResults.Problem("No pending request with this id.", statusCode: StatusCodes.Status404NotFound, title: "Unknown request");
        }
        var me = user.Identity!.Name!;
        if (a.RequestedBy == me) return TypedResults.Problem("A second person must approve.", statusCode: StatusCodes.Status403Forbidden, title: "Four eyes");
        var approved = a with { Status = "approved", ApprovedBy = me, ApprovedAt = time.GetUtcNow() };
        // Only one approver wins: the status moves from pending once.
        if (!await redis.Db.HashSetAsync(RedisKeys.Approval(approvalId) + ":decided", "by", me, StackExchange.Redis.When.NotExists))
        {
            return TypedResults.Problem("Someone else decided this request.", statusCode: StatusCodes.Status409Conflict, title: "Decided");
        }
        await SaveAsync(redis, approved);
        await audit.AppendAsync(me, $"approved: {a.Action} requested by {a.RequestedBy}", a.CaseId, a.Id);
        await timeline.AppendAsync(a.CaseId, TimelineKind.ApprovalGranted, me, $"{a.Action} for {a.RequestedBy}");
        if (a.Action == SensitiveActions.RevealContact)
        {
            await dispatches.SetAsync(a.CaseId, "contactApproved", "1");
            await timeline.AppendAsync(a.CaseId, TimelineKind.ContactCleared, me, "the unit may receive the person's reply address (the person agreed)");
            if (await dispatches.GetAsync(a.CaseId) is { } dispatch)
            {
                // Never the number here: the Bot reads it from the sealed reply address when it sends. Not the request's
                // token: once approved, the notice must be queued even if the approver's connection drops.
                await notifier.SendAsync(new OutboundNotice(dispatch.Unit, NoticePurposes.Contact, $"Hotline {dispatch.Code}: contact approved", a.CaseId), CancellationToken.None);
            }
        }
        return TypedResults.Ok(approved);
    }

    /// <summary>The sealed transcript and notes for the requester of an approved export, once. Decryption happens in their browser.</summary>
    public static async Task<Results<Ok<ExportBundle>, ProblemHttpResult>> Export(string id, string? approval, ClaimsPrincipal user, CaseStore cases, HotlineRedis redis,
        TranscriptStore transcripts, CaseNotes notes, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(id) is not { } record) return CasesApi.NotFound();
        var me = user.Identity!.Name!;
        if (string.IsNullOrEmpty(approval) || !Ids.IsWellFormed(approval) || await LoadAsync(redis, approval) is not { } a
            || a.CaseId != id || a.Action != SensitiveActions.Export || a.Status != "approved" || a.RequestedBy != me || time.GetUtcNow() - a.RequestedAt > Validity)
        {
            return TypedResults.Problem("Exporting a transcript needs a second person's approval of your request.", statusCode: StatusCodes.Status403Forbidden, title: "Approval needed");
        }
        if (!await redis.Db.HashSetAsync(RedisKeys.Approval(approval) + ":decided", "used", "1", StackExchange.Redis.When.NotExists))
        {
            return TypedResults.Problem("This approval was used already.", statusCode: StatusCodes.Status409Conflict, title: "Used");
        }
        await SaveAsync(redis, a with { Used = true });
        await audit.AppendAsync(me, "exported transcript", id, $"approved by {a.ApprovedBy} ({a.Id})");
        return TypedResults.Ok(new ExportBundle(id, record.ConversationId, await transcripts.ReadAsync(record.ConversationId, cancellationToken), await notes.ReadAsync(id, cancellationToken)));
    }

    private static Task SaveAsync(HotlineRedis redis, Approval a) => redis.Db.StringSetAsync(RedisKeys.Approval(a.Id), JsonSerializer.Serialize(a), TimeSpan.FromDays(30));

    private static async Task<Approval?> LoadAsync(HotlineRedis redis, string id)
    {
        var value = await redis.Db.StringGetAsync(RedisKeys.Approval(id));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<Approval>(value.ToString());
    }
}
