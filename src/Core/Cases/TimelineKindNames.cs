using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Hotline.Core.Cases;

/// <summary>
/// A <see cref="TimelineKind"/>'s wire name and back, from the one name written beside each kind. An unknown wire name
/// is never guessed at: <see cref="TryParse"/> says no, <see cref="Parse"/> throws naming it. <see cref="TimelineKind.Unknown"/>
/// has no wire name of its own.
/// </summary>
public static class TimelineKindNames
{
    private static readonly FrozenDictionary<TimelineKind, string> Wires = typeof(TimelineKind)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.Name != nameof(TimelineKind.Unknown))
        .ToFrozenDictionary(
            f => (TimelineKind)f.GetValue(null)!,
            f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                 ?? throw new InvalidOperationException($"TimelineKind.{f.Name} has no wire name"));

    private static readonly FrozenDictionary<string, TimelineKind> Kinds =
        Wires.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every kind's wire name.</summary>
    public static IReadOnlyCollection<string> All => Kinds.Keys;

    public static string ToWire(this TimelineKind kind) =>
        Wires.TryGetValue(kind, out var wire) ? wire : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a timeline kind");

    /// <summary>The kind with exactly this wire name (case and spaces as written); false for any other text.</summary>
    public static bool TryParse(string? wire, out TimelineKind kind)
    {
        if (wire is not null && Kinds.TryGetValue(wire, out kind)) return true;
        kind = default;
        return false;
    }

    public static TimelineKind Parse(string? wire) =>
        TryParse(wire, out var kind) ? kind : throw new FormatException($"'{wire}' is not a timeline kind");
}
