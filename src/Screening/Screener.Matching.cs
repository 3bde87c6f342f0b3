using Hotline.Core;

namespace Hotline.Screening;

// Stage "lexicon matches": one trie walk per token marks the pattern sets it belongs to (typos read as the lexicon
// word), then the patterns are matched over those sets.
public sealed partial class Screener
{
    internal void Lookup(Scratch s)
    {
        s.PrepareBits(lexicon.QueriedSetCount);
        for (var i = 0; i < s.Count; i++)
        {
            ref var t = ref s.Tokens[i];
            var known = lexicon.Trie.Walk(s, i);
            // one typing error in a longer word: read it as the lexicon word ("kercenoii", "atacked", "strangeld")
            if (!known && t.NormLength >= TypoIndex.MinLength - 1 && (t.Flags & (TokenFlags.Number | TokenFlags.Rewritten | TokenFlags.NonLatin)) == 0
                && lexicon.Typos.Find(s.Text(t)) is { } correction)
            {
                lexicon.Trie.AddWord(s, i, correction);
                t.Flags |= TokenFlags.Typo;
            }
            if ((t.Flags & TokenFlags.Number) == 0)
            {
                if (t.NormLength < 3 || !numberWords.TryGet(s.Text(t), out var value)) continue;
                t.Flags |= TokenFlags.Number;
                t.Number = value;
            }
            foreach (var set in lexicon.NumberSets) s.AddHit(i, set, lexicon.Trie.Queried(set), lexicon.Trie.StartsPattern(set));
        }
        s.PrepareTables();
    }

    /// <summary>Where one set's groups and anchored groups are: the matcher reads one entry per start set, not four.</summary>
    private readonly record struct SetPlan(int GroupFrom, int GroupTo, int AnchoredFrom, int AnchoredTo);

    private static SetPlan[] Plans(Lexicon lexicon)
    {
        var plans = new SetPlan[lexicon.SetCount];
        for (var set = 0; set < plans.Length; set++)
        {
            plans[set] = new SetPlan(lexicon.GroupStart[set], lexicon.GroupStart[set + 1], lexicon.AnchoredStart[set], lexicon.AnchoredStart[set + 1]);
        }
        return plans;
    }

    internal void Match(Scratch s)
    {
        var groups = lexicon.Groups;
        var plans = setPlans;
        var flat = lexicon.FlatVariants;
        var variantEntry = lexicon.VariantEntry;
        var variantStart = lexicon.VariantStart;
        var tokens = s.Tokens;
        var hits = s.Hits;
        var count = s.Count;
        var positions = s.Positions;
        var oneWord = s.PositionWords == 1;
        // a pattern never crosses a sentence: the first token after token i's sentence bounds every look-ahead from i
        var sentenceStart = 0;
        var sentenceEnd = 0;
        for (var i = 0; i < count; i++)
        {
            if (i >= sentenceEnd)
            {
                sentenceStart = i;
                sentenceEnd = i + 1;
                while (sentenceEnd < count && tokens[sentenceEnd].Sentence == tokens[i].Sentence) sentenceEnd++;
            }
            var hitStart = tokens[i].HitStart;
            var hitEnd = hitStart + tokens[i].HitCount;
            for (var h = hitStart; h < hitEnd; h++)
            {
                var plan = plans[hits[h]];
                for (var g = plan.GroupFrom; g < plan.GroupTo; g++)
                {
                    var group = groups[g];
                    if (group.Second < 0)
                    {
                        for (var v = group.VariantsFrom; v < group.VariantsFrom + group.VariantCount; v++) Record(s, variantEntry[flat[v]], i, i);
                        continue;
                    }
                    // the group's second step must be within reach before any variant is tried
                    var reach = Math.Min(sentenceEnd - 1, i + 1 + group.Gap);
                    if (reach <= i) continue;
                    if (oneWord)
                    {
                        // up to 64 tokens: the set's row is one long (Scratch.FirstIn), read here without the scratch's fields
                        if (((positions[group.Second] >> (i + 1)) & (ulong.MaxValue >> (62 - (reach - i)))) == 0) continue;
                    }
                    else if (s.FirstIn(group.Second, i + 1, reach) < 0) continue;
                    for (var v = group.VariantsFrom; v < group.VariantsFrom + group.VariantCount; v++)
                    {
                        var variant = flat[v];
                        if (TryMatch(s, variant, variantStart[variant] + 1, i + 1, sentenceEnd, out var last)) Record(s, variantEntry[variant], i, last);
                    }
                }
                if (plan.AnchoredFrom != plan.AnchoredTo) MatchAnchored(s, plan.AnchoredFrom, plan.AnchoredTo, i, sentenceStart, sentenceEnd);
            }
        }
        s.IndexByKind();
    }

    /// <summary>
    /// Patterns anchored on their second step at token <paramref name="i"/> (the anchor set's groups [from, to)): the first
    /// step is looked for just before. <paramref name="i"/>'s sentence is the tokens [<paramref name="sentenceStart"/>,
    /// <paramref name="sentenceEnd"/>).
    /// </summary>
    private void MatchAnchored(Scratch s, int from, int to, int i, int sentenceStart, int sentenceEnd)
    {
        var anchored = lexicon.AnchoredGroups;
        for (var g = from; g < to; g++)
        {
            var group = anchored[g];
            // the farthest first step in reach gives the longest match, as matching from the first step would keep
            var first = s.FirstIn(group.Second, Math.Max(sentenceStart, i - 1 - group.Gap), i - 1);
            if (first < 0) continue;
            var flat = lexicon.AnchoredVariants;
            for (var v = group.VariantsFrom; v < group.VariantsFrom + group.VariantCount; v++)
            {
                var variant = flat[v];
                if (TryMatch(s, variant, lexicon.VariantStart[variant] + 2, i + 1, sentenceEnd, out var last)) Record(s, lexicon.VariantEntry[variant], first, last);
            }
        }
    }

    /// <summary>Matches the variant's steps from <paramref name="step"/> on, the next one at token <paramref name="at"/> or within its gap, before <paramref name="end"/> (the sentence's end).</summary>
    private bool TryMatch(Scratch s, int variant, int step, int at, int end, out int last)
    {
        if (step == lexicon.VariantStart[variant + 1])
        {
            last = at - 1;
            return true;
        }
        var set = lexicon.StepSets[step];
        var limit = Math.Min(at + lexicon.StepGaps[step], end - 1);
        for (var j = s.FirstIn(set, at, limit); j >= 0; j = s.FirstIn(set, j + 1, limit))
        {
            if (TryMatch(s, variant, step + 1, j + 1, end, out last)) return true;
        }
        last = -1;
        return false;
    }

    private void Record(Scratch s, int entry, int first, int last)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var other = ref s.Matches[m];
            if (other.Entry != entry || other.Last < first || other.First > last) continue;
            // the same entry over overlapping words: keep the longer match
            if (last - first > other.Last - other.First)
            {
                other.First = first;
                other.Last = last;
            }
            return;
        }
        ref var match = ref s.AddMatch();
        match.Entry = entry;
        match.Kind = entryKinds[entry];
        match.First = first;
        match.Last = last;
    }
}
