namespace Hotline.Bot.Channels.Twilio;

/// <summary>The channel's fields in the conversation hash (RedisKeys.Conversation): read by the console, no text, no address.</summary>
public static class TwilioFields
{
    /// <summary>Until when (unix ms) WhatsApp accepts free-form messages: 24 hours after the person last wrote.</summary>
    public const string WhatsAppWindowUntil = "waWindowUntil";

    /// <summary>When (unix ms) the template was last sent because the window was closed.</summary>
    public const string WhatsAppTemplateSentAt = "waTemplateSentAt";

    /// <summary>What happened to the last reply: queued, held-template-sent, held-no-template, no-address, not-configured.</summary>
    public const string LastDelivery = "twilioDelivery";

    public const string LastDeliveryAt = "twilioDeliveryAt";

    /// <summary>The hotline's own sender the replies go out through: a Messaging Service SID or the hotline's number.</summary>
    public const string Via = "twilioVia";

    /// <summary>Twilio's error code for the last reply it refused (e.g. 21610: the person opted out at the carrier).</summary>
    public const string LastError = "twilioError";

    /// <summary>The person asked for a wipe: any message still going out is deleted at Twilio once final.</summary>
    public const string Wiped = "twilioWiped";

    /// <summary>When (unix ms) the sender's pointer and sealed address were last kept for another lifetime.</summary>
    public const string RememberedAt = "twilioRememberedAt";
}
