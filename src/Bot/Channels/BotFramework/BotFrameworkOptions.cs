namespace Hotline.Bot.Channels.BotFramework;

/// <summary>
/// Settings of the Bot Framework channel, bound from HOTLINE_BOTFRAMEWORK_*. Without an app id the channel is off and
/// /api/messages answers 503; with one, everything else must be right or the Bot does not start.
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string DefaultOpenIdMetadata = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenEndpoint = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    /// <summary>The issuer of every token the Bot Connector sends (Bot Framework security protocol v3.1).</summary>
    public const string ConnectorIssuer = "https://api.botframework.com";

    /// <summary>What the bot asks Azure's token service for, to call the connector.</summary>
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>Where Bot Framework's own channels call from: every *.botframework.com service and Teams' connector.</summary>
    public static readonly IReadOnlyList<string> DefaultServiceUrls = ["*.botframework.com", "smba.trafficmanager.net"];

    /// <summary>The bot's Microsoft App ID (HOTLINE_BOTFRAMEWORK_APP_ID): the audience of the connector's tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret (HOTLINE_BOTFRAMEWORK_APP_PASSWORD), to obtain tokens for replies.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The channel's OpenID metadata (HOTLINE_BOTFRAMEWORK_OPENID_METADATA); its jwks_uri lists the signing keys.</summary>
    public string OpenIdMetadata { get; set; } = DefaultOpenIdMetadata;

    /// <summary>Azure's token service (HOTLINE_BOTFRAMEWORK_TOKEN_ENDPOINT), client-credentials grant.</summary>
    public string TokenEndpoint { get; set; } = DefaultTokenEndpoint;

    /// <summary>
    /// Where the bot may call back (HOTLINE_BOTFRAMEWORK_SERVICE_URLS, comma-separated): URL prefixes such as
    /// https://smba.trafficmanager.net/emea/ or host patterns such as *.botframework.com (https on port 443 only).
    /// </summary>
    public IReadOnlyList<string> ServiceUrls { get; set; } = DefaultServiceUrls;

    /// <summary>Tolerance on a token's lifetime; five minutes is what the Bot Connector documentation calls industry standard.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a conversation's sealed reply address is kept after the person last wrote.</summary>
    public TimeSpan AddressLifetime { get; set; } = TimeSpan.FromHours(48);

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    public static void Bind(BotFrameworkOptions options, IConfiguration configuration)
    {
        options.AppId = NullIfBlank(configuration["HOTLINE_BOTFRAMEWORK_APP_ID"]);
        options.AppPassword = NullIfBlank(configuration["HOTLINE_BOTFRAMEWORK_APP_PASSWORD"]);
        options.OpenIdMetadata = NullIfBlank(configuration["HOTLINE_BOTFRAMEWORK_OPENID_METADATA"]) ?? DefaultOpenIdMetadata;
        options.TokenEndpoint = NullIfBlank(configuration["HOTLINE_BOTFRAMEWORK_TOKEN_ENDPOINT"]) ?? DefaultTokenEndpoint;
        var urls = (configuration["HOTLINE_BOTFRAMEWORK_SERVICE_URLS"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        options.ServiceUrls = urls.Length > 0 ? urls : DefaultServiceUrls;
    }

    /// <summary>Keys and tokens only over https; plain http only to this machine (local fakes in tests).</summary>
    internal static bool IsTrustedEndpoint(string value, out Uri uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri!) && string.IsNullOrEmpty(uri.UserInfo) &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
