namespace Hotline.Core;

/// <summary>The channel a conversation arrived on.</summary>
public enum Channel
{
    WebChat = 0,
    Sms = 1,
    WhatsApp = 2,
    BotFramework = 3,
}
