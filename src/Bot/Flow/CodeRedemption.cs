namespace Hotline.Bot.Flow;

/// <summary>What became of a message that looked like a case code.</summary>
public enum CodeRedemption
{
    NotACode = 0,
    /// <summary>The code is good: the move waits for the conversation's operator to confirm it is the same person.</summary>
    MoveRequested = 1,
    Unknown = 2,
    TooManyAttempts = 3,
    /// <summary>This chat already asked to continue that conversation; it still waits for the operator.</summary>
    AlreadyRequested = 4,
}
