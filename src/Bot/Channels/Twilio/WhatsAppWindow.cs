namespace Hotline.Bot.Channels.Twilio;

/// <summary>Whether WhatsApp lets the hotline write freely in a conversation now, and until when.</summary>
public sealed record WhatsAppWindow(bool Open, DateTimeOffset? Until, DateTimeOffset? TemplateSentAt)
{
    /// <summary>The template went out after the window closed: the person has been asked to write, so it is not sent again.</summary>
    public bool TemplateSentSinceClosed => !Open && TemplateSentAt is { } sent && (Until is null || sent >= Until);
}
