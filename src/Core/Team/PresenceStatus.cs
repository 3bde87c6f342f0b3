namespace Hotline.Core.Team;

/// <summary>Whether an operator can take a case now.</summary>
public enum PresenceStatus
{
    Offline = 0,
    Online = 1,
    Away = 2,
}
