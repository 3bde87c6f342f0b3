using System.Security.Claims;
using Hotline.Core.Crypto;
using Hotline.Operator.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Operator.Accounts;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string Token);

public sealed record KeyMaterial(
    string Username,
    IReadOnlyList<string> Roles,
    string PublicKey,
    WrappedKeyDto WrappedPrivateKey,
    string SealedTeamKey,
    string TeamPublicKey);

public sealed record WrappedKeyDto(string Salt, long OpsLimit, int MemLimit, string Nonce, string Ciphertext, string Algorithm);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/auth/login", Login);
        api.MapPost("/auth/logout", Logout).RequireAuthorization();
        api.MapGet("/keys/me", MyKeys).RequireAuthorization();
        return app;
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(LoginRequest? request, OperatorAccounts accounts, Sessions sessions,
        SignInLockout lockout, AuditLog audit, HttpContext context)
    {
        if (request is null || string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem("Give a username and a password.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
        if (await lockout.IsLockedAsync(request.Username))
        {
            context.Response.Headers.RetryAfter = ((int)SignInLockout.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Still 401, as for any sign-in that fails: a client needs no other case to handle; the title and Retry-After say why.
            return TypedResults.Problem("Too many failed sign-ins: this account is locked for a while. Ask a supervisor if you need in now.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Locked");
        }
        var account = await accounts.FindAsync(request.Username);
        // Verify against a dummy hash for unknown names too, so timing does not tell which names exist.
        var valid = HotlineCrypto.VerifyPassword(account?.PasswordHash ?? DummyHash.Value, request.Password) && account is not null;
        if (!valid)
        {
            if (await lockout.FailedAsync(request.Username) && account is not null) await audit.AppendAsync(account.Username, "account locked after failed sign-ins");
            return TypedResults.Problem("Wrong username or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
        await lockout.ClearAsync(request.Username);
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

    /// <summary>The signed-in operator's key material; only their passphrase, in their browser, unlocks it.</summary>
    public static async Task<Results<Ok<KeyMaterial>, NotFound>> MyKeys(ClaimsPrincipal user, OperatorAccounts accounts, TeamKeyDirectory teamKeys, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(user.Identity!.Name!);
        if (account is null || !account.HasTeamKey) return TypedResults.NotFound();
        var w = account.WrappedPrivateKey;
        return TypedResults.Ok(new KeyMaterial(
            account.Username,
            account.Roles.Select(r => r.ToString()).ToArray(),
            Convert.ToBase64String(account.PublicKey),
            new WrappedKeyDto(Convert.ToBase64String(w.Salt), w.OpsLimit, w.MemLimit, Convert.ToBase64String(w.Nonce), Convert.ToBase64String(w.Ciphertext), "argon2id13+xchacha20poly1305-ietf"),
            Convert.ToBase64String(account.SealedTeamKey),
            Convert.ToBase64String(await teamKeys.PublicKeyAsync(cancellationToken))));
    }

    private static readonly Lazy<string> DummyHash = new(() => HotlineCrypto.HashPassword(Guid.NewGuid().ToString()));
}
