using Hotline.Core;

namespace Hotline.Screening;

// Stage "explanation": the result an operator reads: each kept indicator once with its categories and label, the
// combinations over the words that made them, and the entities (ages, places, times, masked phone numbers).
public sealed partial class Screener
{
    private ScreeningResult Build(string text, Scratch s, in Assessment a)
    {
        var (language, severity, categoryBits, minor, age) = (a.Language, a.Severity, a.CategoryBits, a.Minor, a.Age);
        var (place, immediacy, context, combinationBits) = (a.Place, a.Immediacy, a.Context, a.CombinationBits);
        var phones = PhoneMask.Find(text);
        // Indicators: kept risk indicators and immediacy cues and pleas, each span once with all its categories, and
        // combinations over the words that made them.
        var count = 0;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (!match.Dropped && match.Kind is EntryKind.Indicator or EntryKind.Immediacy) count++;
        }
        count += System.Numerics.BitOperations.PopCount((uint)combinationBits);
        if (a.OpinionHead >= 0) count += s.OpinionFeatureCount;
        IndicatorMatch[] indicators = count == 0 ? [] : new IndicatorMatch[count];
        var n = 0;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped || match.Kind is not (EntryKind.Indicator or EntryKind.Immediacy)) continue;
            var entry = entries[match.Entry];
            var start = s.Tokens[match.First].Start;
            var end = s.Tokens[match.Last].Start + s.Tokens[match.Last].Length;
            var matched = PhoneMask.Slice(text, start, end - start, phones);
            if (entry.Kind == EntryKind.Immediacy)
            {
                indicators[n++] = new IndicatorMatch(entry.Id, entry.Immediacy == Immediacy.Plea ? "plea" : "immediacy", matched, start, end - start) { Label = entry.Label };
                continue;
            }
            var names = Categories.List(match.Categories);
            indicators[n++] = new IndicatorMatch(entry.Id, names.Count == 0 ? "none" : names[0], matched, start, end - start)
            {
                Context = match.Context,
                Categories = names,
                Label = entry.Label,
            };
        }
        for (var k = 0; k < lexicon.Combinations.Length; k++)
        {
            if ((combinationBits & (1 << k)) == 0) continue;
            var combination = lexicon.Combinations[k];
            var (start, length) = CombinationSpan(s, combination, text.Length);
            var names = Categories.List(combination.CategoryBits);
            indicators[n++] = new IndicatorMatch(combination.Id, names.Count == 0 ? "none" : names[0], PhoneMask.Slice(text, start, length, phones), start, length)
            {
                Categories = names,
                Label = combination.Label,
            };
        }
        if (a.OpinionHead >= 0)
        {
            // the words that weighed most in the learned opinion that raised the message
            var (id, label) = OpinionIndicator(a.OpinionHead);
            var names = Categories.List(a.OpinionHead >= Opinion.FirstCategory && a.OpinionHead < Opinion.MinorHead ? a.OpinionCategories : categoryBits & ~Categories.Child);
            for (var k = 0; k < s.OpinionFeatureCount; k++)
            {
                var (first, last) = Opinion.FeatureTokens(s, s.OpinionFeatures[k]);
                var start = s.Tokens[first].Start;
                var length = s.Tokens[last].Start + s.Tokens[last].Length - start;
                indicators[n++] = new IndicatorMatch(id, names.Count == 0 ? "none" : names[0], PhoneMask.Slice(text, start, length, phones), start, length)
                {
                    Categories = names,
                    Label = label,
                };
            }
        }
        if (n > 1) Array.Sort(indicators, 0, n, IndicatorOrder.Instance);

        return new ScreeningResult(language, severity, Categories.List(categoryBits), minor, age, indicators)
        {
            Entities = Entities(text, s, phones),
            Place = place,
            Immediacy = immediacy,
            Context = context,
        };
    }

    /// <summary>
    /// Where a combination was found: from the first to the last of the words that made it (the job, the offer, the
    /// place abroad; the child's age and the adult's), so an operator sees what it stands on. Never empty.
    /// </summary>
    private (int Start, int Length) CombinationSpan(Scratch s, Combination combination, int textLength)
    {
        int first = int.MaxValue, last = -1;
        void Cover(int from, int to)
        {
            if (from < first) first = from;
            if (to > last) last = to;
        }
        for (var c = 0; c <= combination.All.Length; c++)
        {
            var cue = c < combination.All.Length ? combination.All[c] : combination.NeedsMinor ? Cue.Minor : Cue.None;
            if (cue == Cue.None) continue;
            var found = false;
            for (var m = 0; m < s.MatchCount && !found; m++)
            {
                ref var match = ref s.Matches[m];
                if (match.Dropped || match.Kind is not (EntryKind.Cue or EntryKind.Time or EntryKind.Place)) continue;
                var entry = entries[match.Entry];
                if (!(entry.Kind is EntryKind.Cue or EntryKind.Time && entry.Cue == cue || cue == Cue.Abroad && entry.Abroad
                    || cue == Cue.Minor && entry.Kind == EntryKind.Cue && entry.Cue == Cue.Child)) continue;
                Cover(match.First, match.Last);
                found = true;
            }
            // a minor or an older person may be known from an age alone
            for (var a = 0; a < s.AgeCount && !found; a++)
            {
                if (cue == Cue.Minor && s.Ages[a] < 18 || cue == Cue.Older && s.Ages[a] >= 18)
                {
                    Cover(s.AgeTokens[a], s.AgeTokens[a]);
                    found = true;
                }
            }
        }
        if (last < 0) return (0, textLength);
        var start = s.Tokens[first].Start;
        return (start, s.Tokens[last].Start + s.Tokens[last].Length - start);
    }

    private IReadOnlyList<ScreeningEntity> Entities(string text, Scratch s, PhoneMask.Spans phones)
    {
        var count = s.AgeCount + phones.Count;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (!match.Dropped && match.Kind is EntryKind.Place or EntryKind.Time) count++;
        }
        if (count == 0) return [];
        var list = new ScreeningEntity[count];
        var n = 0;
        for (var a = 0; a < s.AgeCount; a++)
        {
            ref var t = ref s.Tokens[s.AgeTokens[a]];
            list[n++] = new ScreeningEntity(EntityKind.Age, AgeText(s.Ages[a]), t.Start, t.Length);
        }
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped || match.Kind is not (EntryKind.Place or EntryKind.Time)) continue;
            var entry = entries[match.Entry];
            var start = s.Tokens[match.First].Start;
            var length = s.Tokens[match.Last].Start + s.Tokens[match.Last].Length - start;
            list[n++] = new ScreeningEntity(entry.Kind == EntryKind.Place ? EntityKind.Place : EntityKind.Time, entry.Value!, start, length);
        }
        for (var p = 0; p < phones.Count; p++)
        {
            var (start, length) = phones[p];
            list[n++] = new ScreeningEntity(EntityKind.Phone, PhoneMask.Masked(text, start, length), start, length);
        }
        _ = text;
        return list;
    }


    private static readonly IndicatorLabel OpinionUrgentLabel = new("Mendim i mësuar: urgjent", "Learned opinion: urgent");
    private static readonly IndicatorLabel OpinionCriticalLabel = new("Mendim i mësuar: kritik", "Learned opinion: critical");
    private static readonly IndicatorLabel OpinionCategoryLabel = new("Mendim i mësuar: kategoria", "Learned opinion: category");
    private static readonly IndicatorLabel OpinionMinorLabel = new("Mendim i mësuar: i mitur", "Learned opinion: a minor");

    private static (string Id, IndicatorLabel Label) OpinionIndicator(int head) => head switch
    {
        Opinion.Urgent => ("opinion.urgent", OpinionUrgentLabel),
        Opinion.Critical => ("opinion.critical", OpinionCriticalLabel),
        Opinion.MinorHead => ("opinion.minor", OpinionMinorLabel),
        _ => ("opinion.category", OpinionCategoryLabel),
    };

    private static readonly string[] AgeTexts = [.. Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static string AgeText(int age) => age is >= 0 and < 100 ? AgeTexts[age] : age.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class IndicatorOrder : IComparer<IndicatorMatch>
    {
        public static readonly IndicatorOrder Instance = new();

        public int Compare(IndicatorMatch? x, IndicatorMatch? y) =>
            x!.Start != y!.Start ? x.Start.CompareTo(y.Start) : string.CompareOrdinal(x.Id, y.Id);
    }
}
