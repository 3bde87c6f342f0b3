using System.Security.Claims;
using Hotline.Core.Cases;
using Hotline.Operator.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Operator.Audit;

/// <summary>
/// The audit log and its verification, for supervisors and admins; and the heads their consoles countersign. The check
/// covers the chain, the heads the Operator service signed and the heads supervisors countersigned, each key trusted
/// through the pinned team key record.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", GetAudit).RequireAuthorization(Policies.Admin).Audited();
        app.MapPost("/api/audit/countersign", Countersign).RequireAuthorization(Policies.Admin).Audited();
        return app;
    }

    public static async Task<Ok<AuditView>> GetAudit(AuditLog audit, AuditAnchor anchor, TeamKeyDirectory keys, OperatorSigningKeys signingKeys, CancellationToken cancellationToken, string? caseId, int last = 200) =>
        TypedResults.Ok(new AuditView(await anchor.HeldByAsync(audit, await VerifyAsync(audit, keys, signingKeys, cancellationToken)), await audit.ReadAsync(Math.Clamp(last, 1, 2000), caseId)));

    /// <summary>
    /// Stores the head the signed-in supervisor's console countersigned (400 unless their own certified key signed it),
    /// even when the chain no longer holds it, and answers with the check that now includes it.
    /// </summary>
    public static async Task<Results<Ok<AuditVerification>, ValidationProblem>> Countersign(CountersignRequest? request, ClaimsPrincipal user, AuditLog audit, AuditAnchor anchor,
        TeamKeyDirectory keys, OperatorSigningKeys signingKeys, CancellationToken cancellationToken)
    {
        var me = user.Identity!.Name!;
        if (request is not { Count: > 0, Head.Length: 64, At: > 0, Sig.Length: > 0 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["head"] = ["Give count (> 0), head (64 hex digits), at (Unix ms) and sig (standard base64)."] });
        }
        if (request.At.Value % CoarseTime.PrecisionMilliseconds != 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = ["Give at as the start of an hour (Unix ms): the audit log keeps no finer time."] });
        }
        var head = new SignedAuditHead(request.Count.Value, request.Head, request.At.Value, me, request.Sig);
        var record = await keys.RecordAsync(cancellationToken);
        var mine = AuditCountersigner.Certified(await signingKeys.FindAsync(me) is { } certificate ? [certificate] : [], record);
        try
        {
            if (!mine.TryGetValue(me, out var key) || key.RemovedAt is not null) throw new CryptoFailure("no certified key");
            head.VerifyCountersigned(key.SignPublic);
        }
        catch (CryptoFailure)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sig"] = ["The signature does not verify with your certified signing key over this head."] });
        }
        await audit.CountersignAsync(head);
        var checkedNow = await VerifyAsync(audit, keys, signingKeys, cancellationToken);
        // A head a supervisor vouched for, on an intact chain, is kept outside Redis too.
        if (checkedNow.Intact) anchor.Raise(head.Count, head.Head);
        return TypedResults.Ok(checkedNow);
    }

    private static async Task<AuditVerification> VerifyAsync(AuditLog audit, TeamKeyDirectory keys, OperatorSigningKeys signingKeys, CancellationToken cancellationToken)
    {
        var record = await keys.RecordAsync(cancellationToken);
        return await audit.VerifyAsync(record.SignerKey(Hotline.Core.Crypto.Signers.Operator), AuditCountersigner.Certified(await signingKeys.AllAsync(), record));
    }
}
