using System.Globalization;
using System.Text;
using Hotline.Core;

namespace Hotline.Triage.Screening;

/// <summary>
/// First screener: normalises Albanian typed without diacritics, matches a small bilingual indicator list and
/// scores severity. The screening work replaces the lexicon and rules; the contract stays.
/// </summary>
public sealed class Screener
{
    public static Screener Default { get; } = new();

    private sealed record Rule(string Id, string Category, string[] Stems, Severity Base);

    private static readonly Rule[] Rules =
    [
        new("dv.beating", "domestic_violence", ["rreh", "rrah", "beat me", "beats me", "hits me", "hit me", "beating me"], Severity.High),
        new("dv.kill-threat", "domestic_violence", ["vras", "me vra", "kill me", "kercenoi", "threaten"], Severity.High),
        new("tr.documents", "trafficking", ["pasaport", "passport", "dokument", "documents", "leternjoftim"], Severity.High),
        new("tr.debt", "trafficking", ["borxh", "owe him", "owe them", "debt"], Severity.Medium),
        new("tr.confined", "trafficking", ["lene te dal", "lejn me dal", "can't leave", "cant leave", "locked me", "locked us", "mbyllur", "mbyll", "mshel"], Severity.High),
        new("tr.forced", "trafficking", ["detyroj", "force me", "forced", "lyp"], Severity.High),
        new("sv.rape", "sexual_violence", ["perdhun", "rape"], Severity.High),
        new("sh.suicide", "self_harm", ["vras veten", "kill myself", "suicide", "can't do this anymore", "cant do this anymore"], Severity.High),
    ];

    private static readonly string[] Immediacy = ["tani", "tash", "now", "tonight", "sonte", "thike", "knife", "gun", "arme", "te dera", "at the door"];
    private static readonly string[] MinorCues = ["vjec", "years old", "i'm 1", "im 1", "15", "14", "16", "13", "17"];
    private static readonly string[] AlbanianWords = ["me", "po", "nuk", "te", "ne", "dhe", "ka", "tani", "ime", "burri", "ndihme", "une", "jam", "kam", "se", "qe", "dal", "lene"];
    private static readonly string[] EnglishWords = ["i", "the", "and", "me", "my", "he", "is", "to", "am", "you", "help", "now", "they", "took", "in", "scared", "alone", "yes"];

    public ScreeningResult Screen(string text)
    {
        var normal = Normalise(text);
        var indicators = new List<IndicatorMatch>();
        var severity = Severity.None;
        foreach (var rule in Rules)
        {
            foreach (var stem in rule.Stems)
            {
                var at = normal.IndexOf(stem, StringComparison.Ordinal);
                if (at < 0) continue;
                indicators.Add(new IndicatorMatch(rule.Id, rule.Category, text.Substring(at, Math.Min(stem.Length, text.Length - at)), at, Math.Min(stem.Length, text.Length - at)));
                if (rule.Base > severity) severity = rule.Base;
                break;
            }
        }
        if (indicators.Count > 0 && Immediacy.Any(w => ContainsWord(normal, w))) severity = Severity.Critical;
        var minor = MinorCues.Any(normal.Contains) && (normal.Contains("vjec") || normal.Contains("years old") || normal.Contains("i'm 1") || normal.Contains("im 1"));
        return new ScreeningResult(DetectLanguage(normal), severity, indicators.Select(i => i.Category).Distinct().ToArray(), minor, null, indicators);
    }

    private static Language DetectLanguage(string normal)
    {
        var words = normal.Split([' ', ',', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries);
        var sq = words.Count(w => AlbanianWords.Contains(w));
        var en = words.Count(w => EnglishWords.Contains(w));
        return sq == 0 && en == 0 ? Language.Other : sq >= en ? Language.Sq : Language.En;
    }

    private static bool ContainsWord(string normal, string word)
    {
        var at = normal.IndexOf(word, StringComparison.Ordinal);
        while (at >= 0)
        {
            var before = at == 0 || !char.IsLetter(normal[at - 1]);
            var after = at + word.Length == normal.Length || !char.IsLetter(normal[at + word.Length]);
            if (before && after) return true;
            at = normal.IndexOf(word, at + 1, StringComparison.Ordinal);
        }
        return false;
    }

    /// <summary>Lower case, diacritics removed (ë→e, ç→c), same length as the input so positions map back.</summary>
    internal static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            builder.Append(decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : lower);
        }
        return builder.ToString();
    }
}

public sealed record ScreeningResult(
    Language Language,
    Severity Severity,
    IReadOnlyList<string> Categories,
    bool Minor,
    int? Age,
    IReadOnlyList<IndicatorMatch> Indicators);

public sealed record IndicatorMatch(string Id, string Category, string Text, int Start, int Length);
