namespace Hotline.Bot.Channels.BotFramework;

public enum InboxOutcome
{
    /// <summary>Passed to the conversation flow.</summary>
    Handled = 0,

    /// <summary>This activity id was already received: nothing is stored or answered twice.</summary>
    Duplicate = 1,

    /// <summary>Typing (announced to the console, never stored), or a type the hotline has no use for: accepted and dropped.</summary>
    Ignored = 2,
}
