using System.Collections.Frozen;
using Hotline.Core;
using Hotline.Core.Text;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Keywords in Albanian and English, recognised only as a whole message, whatever the case, diacritics or surrounding
/// punctuation ("Ndalo!", "stop.", "FSHÍ"): a sentence that merely contains "stop" is a message like any other.
/// </summary>
public static class Keywords
{
    private static readonly FrozenDictionary<string, Keyword> Words = new (KeywordKind Kind, Language Language, string[] Words)[]
    {
        // Twilio's standard opt-out words, and Albanian ones.
        (KeywordKind.Stop, Language.Other, ["STOP"]),
        (KeywordKind.Stop, Language.En, ["STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"]),
        (KeywordKind.Stop, Language.Sq, ["NDALO", "NDAL", "NDALONI", "NDALE", "CREGJISTROHU", "CREGJISTRIM"]),
        // Wipe: also delete the messages at Twilio.
        (KeywordKind.Wipe, Language.En, ["WIPE", "DELETE", "ERASE", "WIPE ALL", "DELETE ALL"]),
        (KeywordKind.Wipe, Language.Sq, ["FSHI", "FSHIJ", "FSHINI", "FSHIJE", "FSHIJINI", "FSHI TE GJITHA"]),
        // Coming back after a stop (START and UNSTOP lift Twilio's own opt-out block too).
        (KeywordKind.Start, Language.En, ["START", "UNSTOP"]),
        (KeywordKind.Start, Language.Sq, ["FILLO"]),
    }.SelectMany(g => g.Words.Select(word => KeyValuePair.Create(word, new Keyword(g.Kind, g.Language)))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The longest keyword, so anything longer is dismissed without folding it.</summary>
    private const int MaxLength = 24;

    public static Keyword Classify(string? message)
    {
        if (string.IsNullOrEmpty(message) || message.Length > MaxLength * 2) return default;
        Span<char> folded = stackalloc char[message.Length];
        var length = 0;
        var pendingSpace = false;
        foreach (var c in message)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '_')
            {
                pendingSpace = length > 0;
                continue;
            }
            // Surrounding punctuation ("Stop!", "«NDALO»") is not part of the word.
            if (char.IsPunctuation(c) || char.IsSymbol(c)) continue;
            if (pendingSpace)
            {
                folded[length++] = ' ';
                pendingSpace = false;
            }
            folded[length++] = char.ToUpperInvariant(AccentFolding.Fold(c));
        }
        if (length == 0 || length > MaxLength) return default;
        var word = folded[..length];
        var lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(word, out var keyword)) return keyword;
        // "STOP ALL" or "OPT OUT" would be odd to miss: compare without the spaces too.
        Span<char> joined = stackalloc char[length];
        var n = 0;
        foreach (var c in word) if (c != ' ') joined[n++] = c;
        return lookup.TryGetValue(joined[..n], out keyword) ? keyword : default;
    }
}
