namespace Hotline.Screening;

/// <summary>Kinds of immediacy: why something is happening now rather than in general.</summary>
[Flags]
public enum Immediacy
{
    None = 0,
    /// <summary>right now, immediately, tonight, menjëherë, sonte.</summary>
    Now = 1,
    /// <summary>he is here, at the door, outside, po vjen, coming for me.</summary>
    Presence = 2,
    /// <summary>a knife, a gun, thikë, armë, pistoletë.</summary>
    Weapon = 4,
    /// <summary>locked in a room, a van, a flat; jam mbyllur, m'ka mshel.</summary>
    Locked = 8,
    /// <summary>bleeding, gjak.</summary>
    Bleeding = 16,
    /// <summary>being driven somewhere, crossing a border, po na çojnë.</summary>
    Moving = 32,
    /// <summary>pills in hand, on the roof, on a bridge.</summary>
    Means = 64,
    /// <summary>violence in progress: po më rreh, is beating me.</summary>
    InProgress = 128,
    /// <summary>help, ndihmë, please send someone.</summary>
    Plea = 256,
    /// <summary>can't talk, don't call back, a pizza order as a code.</summary>
    Disguised = 512,
    /// <summary>he's back, erdhi prap: someone returned.</summary>
    Returned = 1024,
    /// <summary>now, tani, tash: weaker than <see cref="Now"/> (it also means "nowadays").</summary>
    Currently = 2048,
    /// <summary>erdhi, he came home, he's arrived: harmless alone, a warning after a disclosure.</summary>
    Arrived = 4096,
}
