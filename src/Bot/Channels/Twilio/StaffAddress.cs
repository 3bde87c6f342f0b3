using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Hotline.Core;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>Where a member of staff gets notices: SMS or WhatsApp, and a number in E.164 form. Read from configuration only.</summary>
internal sealed partial record StaffAddress(Channel Channel, string Number)
{
    /// <summary>Twilio's To: the number, with "whatsapp:" in front on WhatsApp.</summary>
    public string To => Channel == Channel.WhatsApp ? TwilioOptions.WhatsAppPrefix + Number : Number;

    /// <summary>"sms:+355691234567" or "whatsapp:+355691234567".</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out StaffAddress? address)
    {
        address = null;
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 0) return false;
        var number = value![(colon + 1)..].Trim();
        if (!E164().IsMatch(number)) return false;
        Channel? channel = value[..colon].Trim().ToLowerInvariant() switch
        {
            "sms" => Channel.Sms,
            "whatsapp" => Channel.WhatsApp,
            _ => null,
        };
        if (channel is null) return false;
        address = new StaffAddress(channel.Value, number);
        return true;
    }

    [GeneratedRegex("^\\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
