using System.Security.Claims;
using Hotline.Core.Crypto;
using Hotline.Operator.Accounts;
using Hotline.Operator.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Operator.Keys;

public static class OperatorKeysApi
{
    public static IEndpointRouteBuilder MapOperatorKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/keys/operators", Roster).RequireAuthorization();
        app.MapPost("/api/keys/me/signing", AddMine).RequireAuthorization().Audited();
        return app;
    }

    /// <summary>Every operator's signing key with its certificate, removed ones too (their earlier words stay verifiable).</summary>
    public static async Task<Ok<IReadOnlyList<OperatorKeyView>>> Roster(OperatorSigningKeys signingKeys) =>
        TypedResults.Ok<IReadOnlyList<OperatorKeyView>>((await signingKeys.AllAsync())
            .Select(c => new OperatorKeyView(c.Username, Convert.ToBase64String(c.SignPublic), Convert.ToBase64String(c.Certificate), c.RemovedAt)).ToList());

    /// <summary>409 when the account has a signing key already: a key is never replaced, so a stolen session cannot swap it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> AddMine(SigningKeyRequest? request, ClaimsPrincipal user,
        OperatorAccounts accounts, OperatorSigningKeys signingKeys, TeamKeyDirectory keys, CancellationToken cancellationToken)
    {
        var me = user.Identity!.Name!;
        if (await accounts.FindAsync(me) is not { HasTeamKey: true } account)
        {
            return TypedResults.Problem("Only an account that holds the team key writes entries and gets a signing key.", statusCode: StatusCodes.Status409Conflict, title: "No team key");
        }
        var input = new KeyInput();
        var signing = input.SigningKey(me, request?.SignPublic, request?.SealedSigningKey, request?.SignCert, (await keys.RecordAsync(cancellationToken)).SigningPublicKey);
        if (signing is null) return TypedResults.ValidationProblem(input.Errors);
        if (account.SealedSigningKey is not null || !await signingKeys.AddAsync(signing.Value.Certificate, signing.Value.Sealed))
        {
            return TypedResults.Problem("This account has a signing key already.", statusCode: StatusCodes.Status409Conflict, title: "Signing key exists");
        }
        return TypedResults.NoContent();
    }
}
