using System.Globalization;

namespace Hotline.Core.Crypto;

/// <summary>
/// That an operator's signing key stopped counting at <see cref="At"/> (Unix ms): their words dated from then on are
/// refused. Kept in the team key record (<see cref="TeamKeyRecord.Removed"/>), which the team signing key signs, so a
/// Redis writer can neither forge a removal (hiding a genuine operator's words) nor erase one (letting a removed
/// operator's words count again). Bound to the key, not only the name: a later namesake's own key is not removed.
/// </summary>
public sealed record OperatorRemoval(string Username, string SignPublic, long At)
{
    /// <summary>"username,signPublic,at" items joined by ';', without repeats, ordered by username, time, then key: the form that is stored and signed.</summary>
    public static string Text(IEnumerable<OperatorRemoval> removals) =>
        string.Join(';', removals.Distinct().OrderBy(r => r.Username, StringComparer.Ordinal).ThenBy(r => r.At).ThenBy(r => r.SignPublic, StringComparer.Ordinal)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Username},{r.SignPublic},{r.At}")));

    /// <summary>Parses <see cref="Text"/>; anything malformed is a <see cref="CryptoFailure"/>.</summary>
    public static IReadOnlyList<OperatorRemoval> Parse(string text)
    {
        if (text.Length == 0) return [];
        return text.Split(';').Select(item =>
        {
            var parts = item.Split(',');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var at))
            {
                throw new CryptoFailure("the team key record's removals are malformed");
            }
            return new OperatorRemoval(parts[0], parts[1], at);
        }).ToList();
    }
}
