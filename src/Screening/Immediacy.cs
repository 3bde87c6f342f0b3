namespace Hotline.Screening;

/// <summary>
/// Kinds of immediacy: why something is happening now rather than in general. Each kind is one bit: the lexicon names
/// them, and a message's (or a conversation's) immediacy combines them.
/// </summary>
[Flags]
public enum Immediacy
{
    None = 0,
    /// <summary>right now, immediately, tonight, menjëherë, sonte.</summary>
    Now = 1 << 0,
    /// <summary>he is here, at the door, outside, po vjen, coming for me.</summary>
    Presence = 1 << 1,
    /// <summary>a knife, a gun, thikë, armë, pistoletë.</summary>
    Weapon = 1 << 2,
    /// <summary>locked in a room, a van, a flat; jam mbyllur, m'ka mshel.</summary>
    Locked = 1 << 3,
    /// <summary>bleeding, gjak.</summary>
    Bleeding = 1 << 4,
    /// <summary>being driven somewhere, crossing a border, po na çojnë.</summary>
    Moving = 1 << 5,
    /// <summary>pills in hand, on the roof, on a bridge.</summary>
    Means = 1 << 6,
    /// <summary>violence in progress: po më rreh, is beating me.</summary>
    InProgress = 1 << 7,
    /// <summary>help, ndihmë, please send someone.</summary>
    Plea = 1 << 8,
    /// <summary>can't talk, don't call back, a pizza order as a code.</summary>
    Disguised = 1 << 9,
    /// <summary>he's back, erdhi prap: someone returned.</summary>
    Returned = 1 << 10,
    /// <summary>now, tani, tash: weaker than <see cref="Now"/> (it also means "nowadays").</summary>
    Currently = 1 << 11,
    /// <summary>erdhi, he came home, he's arrived: harmless alone, a warning after a disclosure.</summary>
    Arrived = 1 << 12,
}

/// <summary>
/// The combinations of <see cref="Immediacy"/> that a message's severity (<c>Screener</c>) and a conversation's risk
/// (<see cref="ConversationRisk"/>) both reason with, defined once so the two cannot drift apart.
/// </summary>
internal static class ImmediacyCombinations
{
    /// <summary>Signs of danger now: someone present, a weapon, locked in, violence in progress, being moved, bleeding, the means at hand.</summary>
    public const Immediacy Danger = Immediacy.Presence | Immediacy.Weapon | Immediacy.Locked | Immediacy.InProgress | Immediacy.Moving | Immediacy.Bleeding | Immediacy.Means;

    /// <summary>A conversation's acute turn: a sign of danger now, or someone back or arrived, or a message in disguise.</summary>
    public const Immediacy Acute = Danger | Immediacy.Returned | Immediacy.Arrived | Immediacy.Disguised;

    /// <summary>"Now", "tonight", and the weaker "now" that also means "nowadays".</summary>
    public const Immediacy Present = Immediacy.Now | Immediacy.Currently;
}
