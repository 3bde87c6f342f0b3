namespace Hotline.Operator.Keys;

public static class TeamKeyApi
{
    public static IEndpointRouteBuilder MapTeamKeyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/keys/team", GetTeamKey).RequireAuthorization();
        return app;
    }

    /// <summary>
    /// Refused (409) when the record in Redis is not the one the pinned key signed, or is older than one this service
    /// accepted before (a rollback): the console then opens nothing.
    /// The browser checks the signature again itself, and shows the fingerprint so operators can compare it.
    /// </summary>
    public static async Task<Results<Ok<TeamKeyView>, ProblemHttpResult>> GetTeamKey(TeamKeyDirectory keys, CancellationToken cancellationToken)
    {
        Hotline.Core.Crypto.TeamKeyRecord record;
        try
        {
            record = await keys.RecordAsync(cancellationToken);
        }
        catch (TeamKeyRollback)
        {
            return TypedResults.Problem("The team key record in the store is older than one this service accepted before, or signed by a team signing key retired since: an older record was put back, or one a removed operator signed. Nothing was opened, sealed or stored until an administrator restores the current one.",
                statusCode: StatusCodes.Status409Conflict, title: "Team key not trusted");
        }
        catch (CryptoFailure)
        {
            return TypedResults.Problem("The team key record in the store is not signed by the pinned team key.", statusCode: StatusCodes.Status409Conflict, title: "Team key not trusted");
        }
        return TypedResults.Ok(new TeamKeyView(keys.PinnedFingerprint, record.Version, Convert.ToBase64String(record.PublicKey),
            Convert.ToBase64String(record.SigningPublicKey), record.SignersText, Convert.ToBase64String(record.SealedSigningKey), record.Signature, record.Removed, record.Chain));
    }
}
