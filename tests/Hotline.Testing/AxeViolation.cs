namespace Hotline.Testing;

/// <summary>One rule axe-core found broken on a page: its id, impact (minor … critical), what it asks, and where (CSS selectors).</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Id} ({Impact}): {Help} at {string.Join(", ", Targets)}";
}
