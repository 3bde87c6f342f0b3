using Hotline.Core;

namespace Hotline.Triage.Screening;

/// <summary>Placeholder contract; the screening work replaces the body.</summary>
public sealed class Screener
{
    public static Screener Default { get; } = new();

    public ScreeningResult Screen(string text) =>
        new(Language.Other, Severity.None, [], false, null, []);
}

public sealed record ScreeningResult(
    Language Language,
    Severity Severity,
    IReadOnlyList<string> Categories,
    bool Minor,
    int? Age,
    IReadOnlyList<IndicatorMatch> Indicators);

public sealed record IndicatorMatch(string Id, string Category, string Text, int Start, int Length);
