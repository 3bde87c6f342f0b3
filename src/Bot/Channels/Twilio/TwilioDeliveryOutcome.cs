namespace Hotline.Bot.Channels.Twilio;

/// <summary>What became of a reply handed to the channel.</summary>
public enum TwilioDeliveryOutcome
{
    /// <summary>Queued for Twilio's REST API (split into as many messages as SMS limits need).</summary>
    Queued = 0,

    /// <summary>WhatsApp's window is closed: the reply is held and the approved template was sent to invite the person back.</summary>
    HeldTemplateSent = 1,

    /// <summary>WhatsApp's window is closed and the template already went out (or none is configured): the reply is held.</summary>
    Held = 2,

    /// <summary>The address expired or was forgotten (a stop word): nothing can be sent.</summary>
    NoAddress = 3,

    /// <summary>The Twilio channel is not configured on this Bot.</summary>
    NotConfigured = 4,
}
