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
