namespace Hotline.Screening;

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
