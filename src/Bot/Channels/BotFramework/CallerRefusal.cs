namespace Hotline.Bot.Channels.BotFramework;

public enum CallerRefusal
{
    /// <summary>No token, or one that does not validate: 401.</summary>
    Unauthenticated = 0,

    /// <summary>The signing keys could not be fetched, so nobody can be authenticated now: 503.</summary>
    KeysUnavailable = 1,
}
