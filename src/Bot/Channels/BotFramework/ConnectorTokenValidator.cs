using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// Validates the JWT the Bot Connector puts on every request to the bot, as its authentication protocol requires:
/// Bearer scheme; signed with a key from the channel's OpenID metadata using an algorithm that metadata allows; issuer
/// https://api.botframework.com; audience the bot's app id; within its lifetime, give or take the clock skew; and a
/// serviceUrl claim (checked against the activity by the caller of this class).
/// </summary>
public sealed class ConnectorTokenValidator
{
    private const int MaxAuthorizationLength = 16 * 1024;

    private readonly ConfigurationManager<ChannelSigningKeys> keys;
    private readonly BotFrameworkOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ConnectorTokenValidator> logger;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public ConnectorTokenValidator(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider time, ILogger<ConnectorTokenValidator> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        BotFrameworkOptions.IsTrustedEndpoint(this.options.OpenIdMetadata, out var metadata);
        var documents = new HttpDocumentRetriever(httpClients.CreateClient(BotFrameworkChannel.OpenIdHttp))
        {
            RequireHttps = metadata is null || !metadata.IsLoopback,
        };
        keys = new ConfigurationManager<ChannelSigningKeys>(this.options.OpenIdMetadata, new ChannelSigningKeysRetriever(), documents)
        {
            // Bot Framework's keys change rarely; an unknown key id forces a refresh, at most once every five minutes.
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
    }

    public async Task<(ConnectorCaller? Caller, CallerRefusal Refusal)> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (authorization is null || authorization.Length > MaxAuthorizationLength ||
            !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, CallerRefusal.Unauthenticated);
        }
        var token = authorization["Bearer ".Length..].Trim();
        if (token.Length == 0) return (null, CallerRefusal.Unauthenticated);

        ChannelSigningKeys signingKeys;
        try
        {
            signingKeys = await keys.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or InvalidDataException)
        {
            logger.LogWarning("The Bot Connector's signing keys could not be fetched: {Error}", e.GetType().Name);
            return (null, CallerRefusal.KeysUnavailable);
        }

        var result = await handler.ValidateTokenAsync(token, Parameters(signingKeys)).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Perhaps the keys rolled over since they were cached: fetch them again (throttled) and try once more.
            keys.RequestRefresh();
            try
            {
                signingKeys = await keys.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                result = await handler.ValidateTokenAsync(token, Parameters(signingKeys)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or InvalidDataException)
            {
                logger.LogWarning("Refreshing the Bot Connector's signing keys failed: {Error}", e.GetType().Name);
            }
        }
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            logger.LogWarning("Refused a Bot Framework caller: {Reason}", result.Exception?.GetType().Name ?? "invalid token");
            return (null, CallerRefusal.Unauthenticated);
        }
        // The documentation spells the claim serviceUrl; the SDKs and the service itself use serviceurl.
        var serviceUrl = jwt.TryGetPayloadValue<string>("serviceurl", out var lower) ? lower
            : jwt.TryGetPayloadValue<string>("serviceUrl", out var camel) ? camel : null;
        if (string.IsNullOrEmpty(serviceUrl))
        {
            logger.LogWarning("Refused a Bot Framework caller: {Reason}", "token without a serviceUrl claim");
            return (null, CallerRefusal.Unauthenticated);
        }
        var keyId = jwt.SigningKey?.KeyId is { Length: > 0 } id ? id : jwt.Kid;
        return (new ConnectorCaller(serviceUrl, keyId, signingKeys), CallerRefusal.Unauthenticated);
    }

    /// <summary>Not before nbf and not after exp, give or take the clock skew, on this service's clock; a token without exp never passes.</summary>
    private bool WithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } exp) return false;
        var now = time.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && (nbf > exp || nbf > now + options.ClockSkew)) return false;
        return exp >= now - options.ClockSkew;
    }

    private TokenValidationParameters Parameters(ChannelSigningKeys signingKeys) => new()
    {
        ValidIssuer = BotFrameworkOptions.ConnectorIssuer,
        ValidateIssuer = true,
        ValidAudience = options.AppId,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = options.ClockSkew,
        LifetimeValidator = WithinLifetime,
        RequireSignedTokens = true,
        IssuerSigningKeys = signingKeys.Keys,
        ValidAlgorithms = signingKeys.Algorithms,
        TryAllIssuerSigningKeys = false,
        SaveSigninToken = false,
    };
}
