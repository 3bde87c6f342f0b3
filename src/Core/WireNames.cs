namespace Hotline.Core;

/// <summary>Wire names used in JSON, events and Redis (lower case, stable).</summary>
public static class WireNames
{
    /// <summary>The field of a stream entry (hl:notify's console signals) that names what kind of entry it is.</summary>
    public const string TypeField = "type";

    public static string ToWire(this Severity s) => s switch
    {
        Severity.None => "none",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string ToWire(this Language l) => l switch
    {
        Language.Sq => "sq",
        Language.En => "en",
        _ => "other",
    };

    public static string ToWire(this Channel c) => c switch
    {
        Channel.WebChat => "webchat",
        Channel.Sms => "sms",
        Channel.WhatsApp => "whatsapp",
        Channel.BotFramework => "botframework",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static bool TryParseSeverity(string? s, out Severity severity)
    {
        severity = s switch
        {
            "none" => Severity.None,
            "low" => Severity.Low,
            "medium" => Severity.Medium,
            "high" => Severity.High,
            "critical" => Severity.Critical,
            _ => (Severity)(-1),
        };
        return (int)severity >= 0;
    }

    public static Language ParseLanguage(string? s) => s switch
    {
        "sq" => Language.Sq,
        "en" => Language.En,
        _ => Language.Other,
    };

    public static bool TryParseChannel(string? s, out Channel channel)
    {
        switch (s)
        {
            case "webchat": channel = Channel.WebChat; return true;
            case "sms": channel = Channel.Sms; return true;
            case "whatsapp": channel = Channel.WhatsApp; return true;
            case "botframework": channel = Channel.BotFramework; return true;
            default: channel = default; return false;
        }
    }
}
