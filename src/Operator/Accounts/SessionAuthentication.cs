using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hotline.Operator.Accounts;

/// <summary>
/// Accepts a session token as a bearer token (API clients), as the session cookie (the console), or as
/// access_token on the SignalR hub's URL (WebSockets cannot send headers). A cookie alone never authorises a
/// state-changing request without the X-Hotline-Request header, which a cross-site form cannot add.
/// </summary>
public sealed class SessionAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    Sessions sessions,
    OperatorAccounts accounts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "hotline-session";
    public const string CookieName = "hl_session";
    public const string RequestHeader = "X-Hotline-Request";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken() ?? HubToken();
        if (token is null && Request.Cookies.TryGetValue(CookieName, out var cookie))
        {
            if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method) && !Request.Headers.ContainsKey(RequestHeader))
            {
                return AuthenticateResult.Fail("A cookie-authenticated change needs the X-Hotline-Request header");
            }
            token = cookie;
        }
        if (string.IsNullOrEmpty(token)) return AuthenticateResult.NoResult();
        // Reads (the console's polling among them) do not count as activity; changes and the activity ping do.
        var username = await sessions.FindAsync(token, renew: !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method));
        if (username is null) return AuthenticateResult.Fail("Unknown or expired session");
        var account = await accounts.FindAsync(username);
        if (account is null) return AuthenticateResult.Fail("The account no longer exists");
        var claims = new List<Claim> { new(ClaimTypes.Name, username), new(ClaimTypes.NameIdentifier, username) };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private string? HubToken() =>
        Request.Path.StartsWithSegments("/hubs") && Request.Query.TryGetValue("access_token", out var value) ? value.ToString() : null;
}
