using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// What screening concluded about one message. Positions index into the original text; nothing here repeats a phone
/// number (phone entities and indicator texts are masked).
/// </summary>
public sealed record ScreeningResult(
    Language Language,
    Severity Severity,
    IReadOnlyList<string> Categories,
    bool Minor,
    int? Age,
    IReadOnlyList<IndicatorMatch> Indicators)
{
    /// <summary>Ages, places, time expressions and (masked) phone numbers found in the message.</summary>
    public IReadOnlyList<ScreeningEntity> Entities { get; init; } = [];

    /// <summary>The first Albanian municipality named, by its canonical name (as in Hotline.Core.Places.Municipalities), or null.</summary>
    public string? Place { get; init; }

    /// <summary>The kinds of immediacy the message carries, whether or not they raised its severity.</summary>
    public Immediacy Immediacy { get; init; }

    /// <summary>Context that lowered or qualified indicators (negated, past, hypothetical, idiom, ...).</summary>
    public ScreeningContext Context { get; init; }
}

/// <summary>
/// One indicator that fired: its lexicon id, category (the first of its categories, or "immediacy"/"plea" for cues that
/// carry no category), the matched text and its position in the original message. Each span is listed once, with all
/// its categories.
/// </summary>
public sealed record IndicatorMatch(string Id, string Category, string Text, int Start, int Length)
{
    /// <summary>How the message's context qualified this indicator (past, third person, ...).</summary>
    public ScreeningContext Context { get; init; }

    /// <summary>Every category this span stands for (one of the seven each); empty for immediacy cues and pleas.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The indicator's short name in Albanian and English, for operators.</summary>
    public IndicatorLabel? Label { get; init; }
}

public enum EntityKind
{
    Age = 0,
    Place = 1,
    Time = 2,
    Phone = 3,
}

/// <summary>
/// An entity in the message. <see cref="Value"/> is normalised: an age in years ("15"), a place's canonical name
/// ("Shkodër", "Italy"), a time's class ("now", "tonight", "recent-past", ...), or a phone number fully masked.
/// </summary>
public readonly record struct ScreeningEntity(EntityKind Kind, string Value, int Start, int Length);

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

/// <summary>Context found around indicators.</summary>
[Flags]
public enum ScreeningContext
{
    None = 0,
    Negated = 1,
    DistantPast = 2,
    Hypothetical = 4,
    ThirdPerson = 8,
    Idiom = 16,
    InformationRequest = 32,
    SafeNow = 64,
    AbuserAway = 128,
    NoPlan = 256,
    NothingYet = 512,
    Joking = 1024,
    /// <summary>The words belong to a game, a story, a sport, an animal or a kitchen, not to a person at risk.</summary>
    Figurative = 2048,
}
