using System.Security.Claims;
using Hotline.Core.Crypto;
using Hotline.Operator.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Operator.Accounts;

/// <summary>Enrolling and removing accounts, done by a supervisor or admin whose browser holds the team key.</summary>
public static class OperatorsApi
{
    private static ProblemHttpResult StaleRotation() =>
        TypedResults.Problem("The team key or the operators changed since this rotation was prepared: prepare it again.", statusCode: StatusCodes.Status409Conflict, title: "Team key changed");

    public static IEndpointRouteBuilder MapOperatorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operators").RequireAuthorization(Policies.Admin).Audited();
        api.MapGet("/", List);
        api.MapPost("/", Enrol);
        api.MapPost("/{username}/removal", Remove);
        return app;
    }

    public static async Task<Ok<OperatorsView>> List(OperatorAccounts accounts, TeamKeyDirectory keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var team = await keys.RecordAsync(cancellationToken);
        var all = await accounts.AllAsync();
        return TypedResults.Ok(new OperatorsView(
            new TeamKeyView((int)team.Version, Convert.ToBase64String(team.PublicKey), Convert.ToBase64String(team.SigningPublicKey), team.SignersText, Convert.ToBase64String(team.SealedSigningKey), team.Removed, team.Chain),
            all.Select(a => new AccountView(a.Username, a.Roles.Select(r => r.ToString()).ToArray(), Convert.ToBase64String(a.PublicKey), a.HasTeamKey, a.TeamKeyVersion)).ToList(),
            time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public static async Task<Results<Created<EnrolResponse>, ProblemHttpResult, ValidationProblem>> Enrol(EnrolRequest? request, OperatorAccounts accounts,
        TeamKeyring keyring, TeamKeyDirectory keys, AuthKeyHasher hasher, Hotline.Core.Dispatch.MobileUnits units, CancellationToken cancellationToken)
    {
        var input = new KeyInput();
        if (!OperatorAccounts.IsValidUsername(request?.Username)) input.Fail("username", "A username is 2-40 characters: lower-case letters, digits, '.', '-' or '_'.");
        var roles = new List<Role>();
        foreach (var name in request?.Roles ?? [])
        {
            if (Enum.TryParse<Role>(name, ignoreCase: true, out var role) && Enum.IsDefined(role)) roles.Add(role);
            else input.Fail("roles", $"Unknown role '{name}'. Roles: Operator, Supervisor, MobileUnit, Admin.");
        }
        var isUnit = roles.Contains(Role.MobileUnit);
        if (roles.Count == 0 || (isUnit && roles.Count > 1)) input.Fail("roles", "Give one or more roles; a mobile unit has that role alone.");
        var kdf = input.Kdf("kdf", request?.Kdf);
        var authKey = input.Key("authKey", request?.AuthKey);
        var publicKey = input.Key("publicKey", request?.PublicKey);
        var wrapped = input.Wrapped("wrappedPrivateKey", request?.WrappedPrivateKey);
        var recoveryAuthKey = input.Key("recovery.authKey", request?.Recovery?.AuthKey);
        var recoveryWrapped = input.Wrapped("recovery.wrappedPrivateKey", request?.Recovery?.WrappedPrivateKey);
        byte[] sealedTeamKey = [];
        var municipalities = new List<string>();
        if (isUnit)
        {
            if (request?.SealedTeamKey is not null) input.Fail("sealedTeamKey", "A mobile unit never reads a transcript: it gets no team key.");
            foreach (var m in request?.Municipalities ?? [])
            {
                if (Hotline.Core.Places.Municipalities.Canonical(m) is { } canonical) municipalities.Add(canonical);
                else input.Fail("municipalities", $"Unknown municipality '{m}'.");
            }
            if (municipalities.Count == 0) input.Fail("municipalities", "Name the municipalities the unit covers.");
        }
        else
        {
            sealedTeamKey = input.Key("sealedTeamKey", request?.SealedTeamKey, KeyInput.SealedKeyBytes);
        }
        // A reader's signing key may also come later, from their first unlock (POST /api/keys/me/signing).
        (OperatorKeyCertificate Certificate, byte[] Sealed)? signing = null;
        if (request?.SignPublic is not null || request?.SealedSigningKey is not null || request?.SignCert is not null)
        {
            if (isUnit) input.Fail("signPublic", "A mobile unit writes no transcript entry: it gets no signing key.");
            else if (input.IsValid) signing = input.SigningKey(request.Username!, request.SignPublic, request.SealedSigningKey, request.SignCert, (await keys.RecordAsync(cancellationToken)).SigningPublicKey);
        }
        if (!input.IsValid) return TypedResults.ValidationProblem(input.Errors);

        var team = await keyring.CurrentAsync();
        if (!isUnit && request!.TeamKeyVersion != team.Version)
        {
            return TypedResults.Problem($"The team key is at version {team.Version}: seal that one to the new operator.", statusCode: StatusCodes.Status409Conflict, title: "Team key changed");
        }
        var account = new OperatorAccount(request!.Username!, await hasher.HashAsync(authKey, cancellationToken), kdf, roles, publicKey, wrapped, sealedTeamKey,
            isUnit ? 0 : team.Version, new AccountRecovery(await hasher.HashAsync(recoveryAuthKey, cancellationToken), recoveryWrapped), signing?.Sealed);
        if (!await accounts.CreateAsync(account, isUnit ? null : team.Version, signing?.Certificate))
        {
            return TypedResults.Problem($"An account named '{account.Username}' exists already, or the team key changed meanwhile.", statusCode: StatusCodes.Status409Conflict, title: "Not enrolled");
        }
        if (isUnit) await units.SaveAsync(new Hotline.Core.Dispatch.MobileUnit(account.Username, municipalities, Available: true));
        return TypedResults.Created($"/api/operators/{account.Username}", new EnrolResponse(account.Username));
    }

    public static async Task<Results<Ok<RemovalResponse>, NotFound, ProblemHttpResult, ValidationProblem>> Remove(string username, RemovalRequest? request,
        ClaimsPrincipal user, OperatorAccounts accounts, TeamKeyring keyring, TeamKeyDirectory keys, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(username);
        if (account is null) return TypedResults.NotFound();
        if (account.Username == user.Identity?.Name)
        {
            return TypedResults.Problem("Ask another supervisor to remove your own account.", statusCode: StatusCodes.Status409Conflict, title: "Not removed");
        }
        if (!account.HasTeamKey)
        {
            if (!await keyring.RemoveWithoutKeyAsync(username)) return TypedResults.Problem("The account changed meanwhile; try again.", statusCode: StatusCodes.Status409Conflict, title: "Not removed");
            await audit.AppendAsync(user.Identity!.Name!, "removed account", detail: username);
            return TypedResults.Ok(new RemovalResponse(username, (await keyring.CurrentAsync()).Version));
        }

        var input = new KeyInput();
        var dto = request?.TeamKey;
        if (dto is null) input.Fail("teamKey", "This account holds the team key: removing it needs a new team key, prepared in a browser that holds the current one.");
        var publicKey = input.Key("teamKey.publicKey", dto?.PublicKey);
        var sealedPrevious = input.Key("teamKey.sealedPrevious", dto?.SealedPrevious, KeyInput.SealedKeyBytes);
        var sealedTo = new Dictionary<string, byte[]>();
        foreach (var (name, value) in dto?.SealedTo ?? new Dictionary<string, string>())
        {
            sealedTo[name] = input.Key($"teamKey.sealedTo.{name}", value, KeyInput.SealedKeyBytes);
        }
        var signed = await keys.RecordAsync(cancellationToken);
        if (dto is not null && dto.FromVersion != signed.Version) return StaleRotation();
        var signSealed = input.Key("teamKey.signSealed", dto?.SignSealed, KeyInput.SealedSigningKeyBytes);
        var signature = input.Key("teamKey.sig", dto?.Sig, HotlineCrypto.SignatureBytes);
        var signPublic = input.Key("teamKey.signPublic", dto?.SignPublic, HotlineCrypto.SigningPublicKeyBytes);
        var removals = dto is null ? null : await RemovalsAsync(username, dto.Removed, signed, keyring, input, time);
        var chain = dto is null ? null : Chain(dto.Chain, signed, dto.FromVersion + 1, signPublic, input);
        var certificates = dto is null ? null : Certificates(dto.Certs, await keyring.CertifiedAsync(signed.SigningPublicKey), signPublic, input);
        if (!input.IsValid) return TypedResults.ValidationProblem(input.Errors);
        // The services refuse a team key record the pinned team signing key, or a key it handed over to, did not sign: never write one.
        try
        {
            new Hotline.Core.Crypto.TeamKeyRecord(dto!.FromVersion + 1, publicKey, signPublic, signed.Signers, signSealed, Convert.ToBase64String(signature), removals, chain)
                .VerifyPinned(keys.PinnedFingerprint);
        }
        catch (CryptoFailure)
        {
            input.Fail("teamKey.sig", "Sign the new team key record with the new team signing key (signPublic), which the current one hands over to in the chain.");
            return TypedResults.ValidationProblem(input.Errors);
        }

        var outcome = await keyring.RemoveAndRotateAsync(new TeamKeyRotation(username, dto!.FromVersion, publicKey, sealedPrevious, sealedTo, signSealed, Convert.ToBase64String(signature), removals!,
            signPublic, chain!, certificates!));
        if (outcome == RotationOutcome.Stale) return StaleRotation();
        // Raises this service's floor at once: the record from before the removal is refused from now on, even put back.
        // Services sharing the floor's folder see it there; the others are told, and forget the record they keep.
        await keys.RecordAsync(cancellationToken);
        await keys.AnnounceChangeAsync(dto.FromVersion + 1);
        await audit.AppendAsync(user.Identity!.Name!, "removed account and rotated the team key", detail: $"{username}, team key version {dto.FromVersion + 1}");
        return TypedResults.Ok(new RemovalResponse(username, dto.FromVersion + 1));
    }

    /// <summary>
    /// The new record's chain of team signing keys: the current record's, and one link by which the current key hands over
    /// to <paramref name="signPublic"/> from <paramref name="version"/> on (checked with the whole record, against the pin).
    /// </summary>
    private static string? Chain(string? given, Hotline.Core.Crypto.TeamKeyRecord current, long version, byte[] signPublic, KeyInput input)
    {
        const string field = "teamKey.chain";
        Hotline.Core.Crypto.TeamSigningChain? chain = null;
        try
        {
            if (given is not null) chain = Hotline.Core.Crypto.TeamSigningChain.Parse(given);
        }
        catch (CryptoFailure)
        {
            chain = null;
        }
        var prefix = current.SigningChain.Text + ";";
        if (chain is null || !given!.StartsWith(prefix, StringComparison.Ordinal) || chain.Links.Count != current.SigningChain.Links.Count + 1
            || chain.Links[^1].Version != version || !chain.Newest.AsSpan().SequenceEqual(signPublic))
        {
            input.Fail(field, "Give the current record's chain of team signing keys and one more link: 'version,signPublic,signature' by the current team signing key over \"hl-team-sign-key-v1|version|signPublic\".");
            return null;
        }
        return given;
    }

    /// <summary>Every operator's signing key the current team signing key certified, certified again under the new one: no more and no fewer.</summary>
    private static Dictionary<string, byte[]>? Certificates(IReadOnlyDictionary<string, string>? given, IReadOnlyList<OperatorKeyCertificate> certified, byte[] signPublic, KeyInput input)
    {
        const string field = "teamKey.certs";
        var certificates = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        given ??= new Dictionary<string, string>();
        foreach (var current in certified)
        {
            var cert = given.TryGetValue(current.Username, out var value) ? input.Key($"{field}.{current.Username}", value, HotlineCrypto.SignatureBytes) : null;
            if (cert is null || cert.Length == 0 || signPublic.Length == 0)
            {
                input.Fail(field, "Certify every operator's signing key again with the new team signing key: one certificate per username the roster lists.");
                return null;
            }
            try
            {
                (current with { Certificate = cert }).Verify(signPublic);
            }
            catch (CryptoFailure)
            {
                input.Fail($"{field}.{current.Username}", "The certificate must be the new team signing key's signature over \"hl-operator-key-v1|username|signPublic\".");
                return null;
            }
            certificates[current.Username] = cert;
        }
        if (given.Keys.Any(name => !certificates.ContainsKey(name)))
        {
            input.Fail(field, "Certify only the signing keys the roster lists under the current team signing key.");
            return null;
        }
        return certificates;
    }

    /// <summary>
    /// The removals the browser signed into the new record: exactly the current record's (and, the first time, the roster's
    /// own marks) plus this removal, dated within five minutes of the services' clock; anything else is refused.
    /// </summary>
    private static async Task<string?> RemovalsAsync(string username, string? given, Hotline.Core.Crypto.TeamKeyRecord current, TeamKeyring keyring, KeyInput input, TimeProvider time)
    {
        const string field = "teamKey.removed";
        if (given is null)
        {
            input.Fail(field, "Sign the removals into the new team key record: the current record's and this one, dated with the listing's 'now'.");
            return null;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        IReadOnlyList<Hotline.Core.Crypto.OperatorRemoval> parsed;
        try
        {
            parsed = Hotline.Core.Crypto.OperatorRemoval.Parse(given);
        }
        catch (CryptoFailure)
        {
            input.Fail(field, "Removals are 'username,signPublic,at' items joined by ';'.");
            return null;
        }
        var added = parsed.Where(r => r.Username == username && !current.Removals.Contains(r)).ToList();
        var at = added.Count == 1 ? added[0].At : now;
        if (Math.Abs(at - now) > (long)TimeSpan.FromMinutes(5).TotalMilliseconds)
        {
            input.Fail(field, "The removal must be dated with the services' time (the listing's 'now'), within five minutes.");
            return null;
        }
        var expected = await keyring.RemovalsAfterRemovingAsync(username, at, current);
        if (!string.Equals(expected, given, StringComparison.Ordinal))
        {
            input.Fail(field, "The removals must be the current team key record's and this removal's, no more and no fewer.");
            return null;
        }
        return given;
    }
}
