using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hotline.Bot.Tests.Channels.BotFramework;

/// <summary>
/// What lies outside the hotline, on 127.0.0.1: the Bot Connector's OpenID metadata and key set (signing with a local RSA
/// key, which endorses a few channels), Azure's token service, and the connector that records every activity posted to it.
/// </summary>
public sealed class FakeBotFrameworkCloud : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string KeyId = "hotline-test-key";
    public const string AccessToken = "fake-connector-access-token";
    public static readonly string[] Endorsements = ["webchat", "directline", "msteams"];

    private readonly WebApplication app;
    private int connectorFailures;

    private FakeBotFrameworkCloud(WebApplication app, RSA key)
    {
        this.app = app;
        SigningKey = key;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public RSA SigningKey { get; }

    public string OpenIdMetadata => new Uri(BaseUrl, "v1/.well-known/openidconfiguration").AbsoluteUri;
    public string TokenEndpoint => new Uri(BaseUrl, "botframework.com/oauth2/v2.0/token").AbsoluteUri;

    /// <summary>The connector's serviceUrl, as Azure Bot Service would put it in activities.</summary>
    public string ServiceUrl => new Uri(BaseUrl, "connector/").AbsoluteUri;

    public ConcurrentQueue<RecordedRequest> ConnectorRequests { get; } = new();
    public ConcurrentQueue<RecordedRequest> TokenRequests { get; } = new();
    public int KeySetRequests;

    /// <summary>The next this-many connector calls are answered 429 with Retry-After: 1.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref connectorFailures, count);

    public static async Task<FakeBotFrameworkCloud> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var cloud = new FakeBotFrameworkCloud(app, RSA.Create(2048));

        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = new Uri(cloud.BaseUrl, "v1/.well-known/keys").AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref cloud.KeySetRequests);
            var p = cloud.SigningKey.ExportParameters(false);
            return Results.Json(new { keys = new[] { new
            {
                kty = "RSA", use = "sig", kid = KeyId,
                n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent),
                endorsements = Endorsements,
            } } });
        });
        app.MapPost("/botframework.com/oauth2/v2.0/token", async (HttpContext context) =>
        {
            cloud.TokenRequests.Enqueue(await RecordAsync(context));
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = AccessToken });
        });
        app.MapPost("/connector/v3/conversations/{**rest}", async (HttpContext context) =>
        {
            cloud.ConnectorRequests.Enqueue(await RecordAsync(context));
            if (Interlocked.Decrement(ref cloud.connectorFailures) >= 0)
            {
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
            Interlocked.Exchange(ref cloud.connectorFailures, 0);
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });

        await app.StartAsync();
        cloud.BaseUrl = AddressOf(app);
        return cloud;
    }

    /// <summary>A token as the Bot Connector signs one, with every part open to a test's changes.</summary>
    public string MintToken(string audience, string? serviceUrl, DateTimeOffset? expires = null, DateTimeOffset? notBefore = null,
        string issuer = Issuer, RSA? key = null, string keyId = KeyId)
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddMinutes(60);
        var nbf = notBefore ?? exp.AddMinutes(-65);
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null) claims["serviceurl"] = serviceUrl;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = nbf.UtcDateTime,
            IssuedAt = nbf.UtcDateTime,
            Expires = exp.UtcDateTime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? SigningKey) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A JWT with alg "none" and no signature, everything else right.</summary>
    public static string UnsignedToken(string audience, string serviceUrl)
    {
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));
        var now = DateTimeOffset.UtcNow;
        return Part(new { alg = "none", typ = "JWT" }) + "." + Part(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = audience, ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(55).ToUnixTimeSeconds(),
        }) + ".";
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        SigningKey.Dispose();
    }

    internal static async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        return new RecordedRequest(context.Request.Method, rawTarget, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null,
            body, DateTimeOffset.UtcNow);
    }

    internal static Uri AddressOf(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
