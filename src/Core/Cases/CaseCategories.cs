namespace Hotline.Core.Cases;

/// <summary>The seven categories a case can carry, as screening and operators name them.</summary>
public static class CaseCategories
{
    public static IReadOnlyList<string> Names { get; } =
        ["trafficking", "domestic_violence", "sexual_violence", "digital_violence", "self_harm", "child_at_risk", "hate_violence"];

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name);
}
