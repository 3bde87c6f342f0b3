namespace Hotline.Screening;

/// <summary>
/// Verb paradigms as data: the lexicon's "morphology" section names a class per meaning (V_HIT_SQ, V_SELL_EN …) and
/// lists its lemmas; each lemma brings every form people type, generated here once when the lexicon is compiled. A new
/// lemma therefore brings its present, imperfect, aorist, participle, passive and Gheg forms, not one phrase.
/// </summary>
/// <remarks>
/// Albanian lemma specs:
/// <list type="bullet">
/// <item><c>-oj dhun</c>: the -oj conjugation (dhunoj, dhunon, dhunonte, dhunoi, dhunuan, dhunuar, Gheg dhunue/dhunu,
/// passive dhunohet, u dhunua).</item>
/// <item><c>-aj shpërnd</c>: the -aj conjugation (shpërndaj, shpërndan, shpërndante, shpërndau, shpërndanë, shpërndarë).</item>
/// <item><c>P1 P3 PL / IMPF / AOR AOR3 / PART GHEG</c> for the others, e.g. <c>rreh rreh rrah / rrih / rrah rrahu / rrahur rrah</c>:
/// present 1st and 3rd singular and the plural stem, the imperfect stem, the aorist stem and 3rd singular, the participle
/// and the Gheg short participle. Extra irregular forms may follow after a second <c>+</c> list: <c>… / … + vranë</c>.</item>
/// </list>
/// English lemma specs: <c>exploit</c>, <c>stab+</c> (doubles its last consonant: stabbed, stabbing), or
/// <c>beat: beat beaten</c> (irregular past and participle).
/// </remarks>
internal static class Morphology
{
    /// <summary>Every form of one Albanian lemma spec.</summary>
    public static IEnumerable<string> Albanian(string spec)
    {
        var forms = new List<string>();
        var extraAt = spec.IndexOf(" + ", StringComparison.Ordinal);
        var extra = extraAt < 0 ? [] : spec[(extraAt + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var body = (extraAt < 0 ? spec : spec[..extraAt]).Trim();
        if (body.StartsWith("-oj ", StringComparison.Ordinal))
        {
            var x = body[4..].Trim();
            foreach (var e in new[]
            {
                "oj", "on", "ojmë", "oni", "ojnë", "ojn", "ojë", "oja", "oje", "onte", "onim", "onit", "onin", "ova", "ove", "oi",
                "uam", "uat", "uan", "uar", "uara", "uari", "ue", "u", "ua", "ohem", "ohet", "ohemi", "ohen", "ohej", "oheshin", "o",
            })
            {
                forms.Add(x + e);
            }
        }
        else if (body.StartsWith("-aj ", StringComparison.Ordinal))
        {
            var x = body[4..].Trim();
            foreach (var e in new[]
            {
                "aj", "an", "ajmë", "ani", "ajnë", "ajn", "ajë", "aja", "aje", "ante", "anim", "anin", "ava", "ave", "au", "amë", "anë",
                "arë", "are", "a", "ahem", "ahet", "ahen",
            })
            {
                forms.Add(x + e);
            }
        }
        else
        {
            var parts = body.Split('/', StringSplitOptions.TrimEntries);
            if (parts.Length != 4) throw new FormatException($"verb '{spec}': expected 'P1 P3 PL / IMPF / AOR AOR3 / PART GHEG'");
            var present = Words(parts[0], 3, spec);
            var imperfect = Words(parts[1], 1, spec)[0];
            var aorist = Words(parts[2], 2, spec);
            var participle = Words(parts[3], 2, spec);
            var (p1, p3, plural) = (present[0], present[1], present[2]);
            forms.AddRange([p1, p3, plural + "im", plural + "ni", plural + "in", plural + "ë", plural + "in"]);
            forms.AddRange([imperfect + "ja", imperfect + "je", imperfect + "te", imperfect + "nim", imperfect + "nit", imperfect + "nin",
                imperfect + "em", imperfect + "et", imperfect + "en", imperfect + "ej"]);
            var stem = aorist[0];
            var vowel = "aeiouyë".Contains(stem[^1]);
            forms.AddRange(vowel
                ? [stem + "va", stem + "ve", stem + "më", stem + "të", stem + "në"]
                : [stem + "a", stem + "e", stem + "ëm", stem + "ët", stem + "ën"]);
            forms.Add(aorist[1]);
            forms.AddRange([participle[0], participle[0] + "a", participle[1]]);
        }
        forms.AddRange(extra);
        return forms.Distinct(StringComparer.Ordinal);
    }

    /// <summary>Every form of one English lemma spec.</summary>
    public static IEnumerable<string> English(string spec)
    {
        var colon = spec.IndexOf(':');
        var head = (colon < 0 ? spec : spec[..colon]).Trim();
        var doubles = head.EndsWith('+');
        var lemma = doubles ? head[..^1] : head;
        var forms = new List<string> { lemma, ThirdPerson(lemma) };
        var stem = doubles ? lemma + lemma[^1] : lemma;
        forms.Add(lemma.EndsWith('e') ? lemma[..^1] + "ing" : stem + "ing");
        if (colon < 0)
        {
            forms.Add(lemma.EndsWith('e') ? lemma + "d" : lemma.EndsWith('y') && !IsVowel(lemma[^2]) ? lemma[..^1] + "ied" : stem + "ed");
        }
        else
        {
            forms.AddRange(spec[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return forms.Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// Every form of one Albanian noun spec: <c>-ë dhun</c> (feminine in -ë: dhunë, dhuna, dhunën, dhunës, dhunat, dhunave,
    /// dhunash), <c>-e lidhj</c> (feminine in -e: lidhje, lidhja, lidhjen, lidhjes, lidhjet, lidhjeve), <c>-i abuzim</c>
    /// (masculine: abuzim, abuzimi, abuzimin, abuzimit, abuzime, abuzimet, abuzimeve, abuzimesh); irregular or other plural
    /// forms after <c> + </c>: <c>-i trafikant + trafikantë trafikantët trafikantëve</c>.
    /// </summary>
    public static IEnumerable<string> AlbanianNoun(string spec)
    {
        var extraAt = spec.IndexOf(" + ", StringComparison.Ordinal);
        var extra = extraAt < 0 ? [] : spec[(extraAt + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var body = (extraAt < 0 ? spec : spec[..extraAt]).Trim();
        var space = body.IndexOf(' ');
        if (space < 0) throw new FormatException($"noun '{spec}': expected '-ë STEM', '-e STEM' or '-i STEM'");
        var stem = body[(space + 1)..].Trim();
        string[] endings = body[..space] switch
        {
            "-ë" => ["ë", "a", "ën", "ës", "at", "ave", "ash"],
            "-e" => ["e", "a", "en", "es", "et", "eve", "esh"],
            "-i" => ["", "i", "in", "it", "e", "et", "eve", "esh"],
            _ => throw new FormatException($"noun '{spec}': expected '-ë STEM', '-e STEM' or '-i STEM'"),
        };
        return endings.Select(e => stem + e).Concat(extra).Distinct(StringComparer.Ordinal);
    }

    /// <summary>Every form of one English noun spec: <c>victim</c> (victim, victims), <c>child: children</c> (irregular plural).</summary>
    public static IEnumerable<string> EnglishNoun(string spec)
    {
        var colon = spec.IndexOf(':');
        var lemma = (colon < 0 ? spec : spec[..colon]).Trim();
        string[] plural = colon < 0 ? [ThirdPerson(lemma)] : spec[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new[] { lemma }.Concat(plural).Distinct(StringComparer.Ordinal);
    }

    private static string ThirdPerson(string lemma) =>
        lemma.EndsWith('y') && !IsVowel(lemma[^2]) ? lemma[..^1] + "ies"
        : lemma.EndsWith('s') || lemma.EndsWith('x') || lemma.EndsWith('z') || lemma.EndsWith("sh", StringComparison.Ordinal)
          || lemma.EndsWith("ch", StringComparison.Ordinal) || lemma.EndsWith('o') ? lemma + "es"
        : lemma + "s";

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static string[] Words(string part, int count, string spec)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == count ? words : throw new FormatException($"verb '{spec}': '{part}' should have {count} word(s)");
    }
}
