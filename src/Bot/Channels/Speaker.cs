namespace Hotline.Bot.Channels;

/// <summary>Who says an outgoing message to the person.</summary>
public enum Speaker
{
    Bot = 0,
    Operator = 1,
}
