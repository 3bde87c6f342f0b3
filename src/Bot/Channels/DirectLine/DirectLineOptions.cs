namespace Hotline.Bot.Channels.DirectLine;

/// <summary>Direct Line settings, bound from HOTLINE_* variables and checked when the Bot starts.</summary>
public sealed class DirectLineOptions
{
    /// <summary>
    /// HOTLINE_DIRECTLINE_SECRET: the secret a hotline website's own server uses to get tokens. Unset: only anonymous
    /// visitors' tokens (POST /api/webchat/token) are given.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>HOTLINE_WEBCHAT_ORIGINS: origins that may embed Web Chat (comma-separated); empty or "*" allows any.</summary>
    public IReadOnlyList<string> WebChatOrigins { get; set; } = [];

    public static DirectLineOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) => new()
    {
        Secret = configuration["HOTLINE_DIRECTLINE_SECRET"] is { Length: > 0 } secret ? secret : null,
        WebChatOrigins = (configuration["HOTLINE_WEBCHAT_ORIGINS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? Problem() =>
        Secret is { Length: < 16 } ? "HOTLINE_DIRECTLINE_SECRET must be at least 16 characters long"
        : WebChatOrigins.FirstOrDefault(o => o != "*" && !(Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"))
            is { } bad ? $"HOTLINE_WEBCHAT_ORIGINS: '{bad}' is not an origin such as https://example.org"
        : null;
}
