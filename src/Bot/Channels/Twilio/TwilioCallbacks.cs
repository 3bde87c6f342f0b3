using Microsoft.Extensions.Options;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>Where Twilio's delivery status callbacks go: under HOTLINE_PUBLIC_URL, else under the address Twilio last called us at.</summary>
public sealed class TwilioCallbacks(IOptions<TwilioOptions> options)
{
    public const string StatusPath = "/api/twilio/status";

    private string? observedBase;

    /// <summary>Notes the base URL a validly signed webhook came in at (scheme, host and path base).</summary>
    public void Observe(string baseUrl) => Volatile.Write(ref observedBase, baseUrl);

    /// <summary>The StatusCallback URL, or null when no public address is known yet.</summary>
    public string? StatusUrl => (options.Value.PublicUrl ?? Volatile.Read(ref observedBase)) is { } b ? b + StatusPath : null;
}
