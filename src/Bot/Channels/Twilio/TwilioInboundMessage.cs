using System.Globalization;
using Hotline.Core;
using Hotline.Core.Identity;
using Microsoft.Extensions.Primitives;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// What the hotline reads of Twilio's incoming message webhook
/// (https://www.twilio.com/docs/messaging/guides/webhook-request). ProfileName, WaId, the media URLs and the location
/// fields are deliberately not read: they are never stored.
/// </summary>
public sealed record TwilioInboundMessage(string MessageSid, string From, string? To, string? MessagingServiceSid, string Body, int NumMedia)
{
    public const int MaxAddressLength = 256;

    /// <summary>WhatsApp senders arrive as "whatsapp:…" (a number or, from 2026, a business-scoped user id); anything else is SMS.</summary>
    public Channel Channel => From.StartsWith(TwilioOptions.WhatsAppPrefix, StringComparison.OrdinalIgnoreCase) ? Channel.WhatsApp : Channel.Sms;

    public static TwilioInboundMessage? FromForm(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        // Sized for the whole form at once (ToDictionary grows it step by step, on every webhook).
        var map = new Dictionary<string, string>(form.TryGetNonEnumeratedCount(out var count) ? count : 0, StringComparer.Ordinal);
        foreach (var (name, value) in form) map.Add(name, value.ToString());
        var sid = map.GetValueOrDefault("MessageSid") is { Length: > 0 } m ? m : map.GetValueOrDefault("SmsSid");
        if (!Ids.IsWellFormed(sid)) return null;
        if (map.GetValueOrDefault("From") is not { Length: > 0 and <= MaxAddressLength } from) return null;
        var numMedia = int.TryParse(map.GetValueOrDefault("NumMedia"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new TwilioInboundMessage(sid!, from, map.GetValueOrDefault("To"), map.GetValueOrDefault("MessagingServiceSid"),
            map.GetValueOrDefault("Body") ?? "", numMedia);
    }
}
