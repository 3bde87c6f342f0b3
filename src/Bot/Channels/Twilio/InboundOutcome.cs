namespace Hotline.Bot.Channels.Twilio;

public enum InboundOutcome
{
    /// <summary>Stored and answered.</summary>
    Accepted = 0,

    /// <summary>Twilio delivered this MessageSid before: nothing new stored or sent.</summary>
    Duplicate = 1,

    /// <summary>A stop word: the conversation ended, the address is forgotten.</summary>
    Stopped = 2,

    /// <summary>A wipe word: as stopped, and the messages are being deleted at Twilio.</summary>
    Wiped = 3,

    /// <summary>Nothing to read (no text, no media).</summary>
    Empty = 4,
}
