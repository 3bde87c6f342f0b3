using System.Globalization;

namespace Hotline.Operator.Accounts;

public static class AuthApi
{
    public const string KdfName = "argon2id13";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/auth/prelogin", PreloginParameters);
        api.MapPost("/auth/login", Login);
        api.MapPost("/auth/logout", Logout).RequireAuthorization();
        api.MapPost("/auth/activity", () => TypedResults.NoContent()).RequireAuthorization();
        api.MapPost("/auth/passphrase", ChangePassphrase).RequireAuthorization().Audited();
        api.MapPost("/auth/recovery", Recovery);
        api.MapPost("/auth/reset", Reset);
        api.MapGet("/keys/me", MyKeys).RequireAuthorization();
        return app;
    }

    public static async Task<Results<Ok<PreloginResponse>, ValidationProblem>> PreloginParameters(PreloginRequest? request, Prelogin prelogin)
    {
        if (string.IsNullOrWhiteSpace(request?.Username) || request.Username.Length > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["username"] = ["Give a username."] });
        }
        var kdf = await prelogin.ParametersAsync(request.Username.Trim());
        return TypedResults.Ok(new PreloginResponse(KdfName, Convert.ToBase64String(kdf.Salt), kdf.OpsLimit, kdf.MemLimit));
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult, ValidationProblem>> Login(LoginRequest? request, OperatorAccounts accounts, Sessions sessions,
        SignInThrottle throttle, AuthKeyHasher hasher, AuditLog audit, HttpContext context)
    {
        if (request?.CarriesPassword == true)
        {
            return TypedResults.Problem("The passphrase never leaves the browser: derive the authentication key from it (POST /api/auth/prelogin gives the parameters) and send that as authKey.",
                statusCode: StatusCodes.Status400BadRequest, title: "A passphrase was sent");
        }
        var input = new KeyInput();
        if (string.IsNullOrWhiteSpace(request?.Username)) input.Fail("username", "Give a username.");
        var authKey = input.Key("authKey", request?.AuthKey);
        if (!input.IsValid) return TypedResults.ValidationProblem(input.Errors);

        var address = ClientAddress(context);
        if (await Throttled(throttle, address, context) is { } wait) return wait;
        var account = await accounts.FindAsync(request!.Username!.Trim());
        if (!await hasher.VerifyAsync(account?.AuthHash, authKey, context.RequestAborted))
        {
            await throttle.FailedAsync(address);
            return TypedResults.Problem("Wrong username or passphrase.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
        await throttle.ClearAsync(address);
        var token = await sessions.StartAsync(account!.Username);
        await audit.AppendAsync(account.Username, "signed in");
        context.Response.Cookies.Append(SessionAuthentication.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = Sessions.Lifetime,
        });
        return TypedResults.Ok(new LoginResponse(token));
    }

    public static async Task<NoContent> Logout(HttpContext context, Sessions sessions, AuditLog audit)
    {
        if (context.User.Identity?.Name is { } name) await audit.AppendAsync(name, "signed out");
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : context.Request.Cookies[SessionAuthentication.CookieName];
        if (!string.IsNullOrEmpty(token)) await sessions.EndAsync(token);
        context.Response.Cookies.Delete(SessionAuthentication.CookieName);
        return TypedResults.NoContent();
    }

    /// <summary>A new passphrase, set in the operator's browser: it proves the current one and sends the private key re-wrapped.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> ChangePassphrase(PassphraseChangeRequest? request, ClaimsPrincipal user,
        OperatorAccounts accounts, AuthKeyHasher hasher, AuditLog audit, CancellationToken cancellationToken)
    {
        var input = new KeyInput();
        var current = input.Key("currentAuthKey", request?.CurrentAuthKey);
        var kdf = input.Kdf("kdf", request?.Kdf);
        var authKey = input.Key("authKey", request?.AuthKey);
        var wrapped = input.Wrapped("wrappedPrivateKey", request?.WrappedPrivateKey);
        if (!input.IsValid) return TypedResults.ValidationProblem(input.Errors);
        var account = await accounts.FindAsync(user.Identity!.Name!);
        if (account is null || !await hasher.VerifyAsync(account.AuthHash, current, cancellationToken))
        {
            return TypedResults.Problem("The current passphrase is not right.", statusCode: StatusCodes.Status403Forbidden, title: "Passphrase not changed");
        }
        if (!await accounts.ReplaceCredentialsAsync(account.Username, account.AuthHash, await hasher.HashAsync(authKey, cancellationToken), kdf, wrapped))
        {
            return TypedResults.Problem("The passphrase was changed elsewhere at the same time; sign in again.", statusCode: StatusCodes.Status409Conflict, title: "Passphrase not changed");
        }
        await audit.AppendAsync(account.Username, "changed passphrase");
        return TypedResults.NoContent();
    }

    /// <summary>First step of a reset: the recovery key's authentication half buys the private key wrapped under its other half.</summary>
    public static async Task<Results<Ok<RecoveryResponse>, ProblemHttpResult, ValidationProblem>> Recovery(RecoveryRequest? request, OperatorAccounts accounts,
        SignInThrottle throttle, AuthKeyHasher hasher, HttpContext context)
    {
        var input = new KeyInput();
        if (string.IsNullOrWhiteSpace(request?.Username)) input.Fail("username", "Give a username.");
        var recoveryAuthKey = input.Key("recoveryAuthKey", request?.RecoveryAuthKey);
        if (!input.IsValid) return TypedResults.ValidationProblem(input.Errors);
        var (account, problem) = await CheckRecoveryAsync(request!.Username!.Trim(), recoveryAuthKey, accounts, throttle, hasher, context);
        if (problem is not null) return problem;
        return TypedResults.Ok(new RecoveryResponse(Convert.ToBase64String(account!.PublicKey), WrappedKeyDto.From(account.Recovery!.WrappedPrivateKey)));
    }

    /// <summary>Second step: a new passphrase's parameters, authentication key and re-wrapped private key, under the same recovery proof.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Reset(ResetRequest? request, OperatorAccounts accounts,
        SignInThrottle throttle, AuthKeyHasher hasher, AuditLog audit, HttpContext context)
    {
        var input = new KeyInput();
        if (string.IsNullOrWhiteSpace(request?.Username)) input.Fail("username", "Give a username.");
        var recoveryAuthKey = input.Key("recoveryAuthKey", request?.RecoveryAuthKey);
        var kdf = input.Kdf("kdf", request?.Kdf);
        var authKey = input.Key("authKey", request?.AuthKey);
        var wrapped = input.Wrapped("wrappedPrivateKey", request?.WrappedPrivateKey);
        if (!input.IsValid) return TypedResults.ValidationProblem(input.Errors);
        var (account, problem) = await CheckRecoveryAsync(request!.Username!.Trim(), recoveryAuthKey, accounts, throttle, hasher, context);
        if (problem is not null) return problem;
        if (!await accounts.ReplaceCredentialsAsync(account!.Username, account.AuthHash, await hasher.HashAsync(authKey, context.RequestAborted), kdf, wrapped))
        {
            return TypedResults.Problem("The passphrase was changed at the same time; try again.", statusCode: StatusCodes.Status409Conflict, title: "Passphrase not reset");
        }
        await audit.AppendAsync(account.Username, "reset passphrase with the recovery key");
        return TypedResults.NoContent();
    }

    /// <summary>The signed-in operator's key material; only the wrapping key derived from their passphrase, in their browser, unlocks it.</summary>
    /// <summary>The caller's key material; signPublic and sealedSigningKey are null until the account has a signing key.</summary>
    public static async Task<Results<Ok<KeyMaterial>, NotFound>> MyKeys(ClaimsPrincipal user, OperatorAccounts accounts, TeamKeyring keyring, OperatorSigningKeys signingKeys,
        TeamKeyDirectory keys, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(user.Identity!.Name!);
        if (account is null || !account.HasTeamKey) return TypedResults.NotFound();
        var team = await keyring.CurrentAsync();
        return TypedResults.Ok(new KeyMaterial(
            account.Username,
            account.Roles.Select(r => r.ToString()).ToArray(),
            Convert.ToBase64String(account.PublicKey),
            WrappedKeyDto.From(account.WrappedPrivateKey),
            Convert.ToBase64String(account.SealedTeamKey),
            team.Version,
            Convert.ToBase64String(team.PublicKey),
            await keyring.ChainAsync(),
            // Removed or not, the signed team key record says: a mark forged into the roster does not take an operator's key away.
            account.SealedSigningKey is null ? null : await signingKeys.FindAsync(account.Username) is { } own && (await keys.RecordAsync(cancellationToken)).RemovedAt(own) is null
                ? Convert.ToBase64String(own.SignPublic) : null,
            account.SealedSigningKey is null ? null : Convert.ToBase64String(account.SealedSigningKey)));
    }

    private static async Task<(OperatorAccount? Account, ProblemHttpResult? Problem)> CheckRecoveryAsync(string username, byte[] recoveryAuthKey,
        OperatorAccounts accounts, SignInThrottle throttle, AuthKeyHasher hasher, HttpContext context)
    {
        var address = ClientAddress(context);
        if (await Throttled(throttle, address, context) is { } wait) return (null, wait);
        var account = await accounts.FindAsync(username);
        if (!await hasher.VerifyAsync(account?.Recovery?.AuthHash, recoveryAuthKey, context.RequestAborted))
        {
            await throttle.FailedAsync(address);
            return (null, TypedResults.Problem("Wrong username or recovery key.", statusCode: StatusCodes.Status401Unauthorized, title: "Recovery failed"));
        }
        await throttle.ClearAsync(address);
        return (account, null);
    }

    private static async Task<ProblemHttpResult?> Throttled(SignInThrottle throttle, string address, HttpContext context)
    {
        var wait = await throttle.WaitAsync(address);
        if (wait <= TimeSpan.Zero) return null;
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem($"Too many failed sign-ins from this address: try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests, title: "Slow down");
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
