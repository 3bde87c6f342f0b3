using Hotline.Core;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>What a whole message that is one keyword asks for.</summary>
public enum KeywordKind
{
    None = 0,

    /// <summary>Stop and opt-out words: end the conversation and forget the address.</summary>
    Stop = 1,

    /// <summary>Wipe words: as stop, and delete the hotline's messages from Twilio too.</summary>
    Wipe = 2,

    /// <summary>Start words (Twilio's opt-back-in words): begin again, with the greeting alone.</summary>
    Start = 3,
}
