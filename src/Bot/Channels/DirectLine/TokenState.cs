namespace Hotline.Bot.Channels.DirectLine;

/// <summary>What <see cref="DirectLineTokens.Inspect"/> found a token to be.</summary>
public enum TokenState
{
    /// <summary>Made by this hotline (its MAC checks out) and not expired.</summary>
    Valid = 0,

    /// <summary>Made by this hotline, but past its expiry: it opens nothing and cannot be refreshed.</summary>
    Expired = 1,

    /// <summary>Not a token this hotline made: malformed, altered or signed with another key.</summary>
    Invalid = 2,
}
