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

    /// <summary>
    /// One group a start set leads to, as the matcher reads it: the set that must occur within tokens [i + Lo, i + Hi] of
    /// the start token i (and in its sentence) before any of the group's variants is tried. A group follows its first step
    /// with its second (Lo = 1, Hi = 1 + gap); an anchored group (Hi &lt; 0) is read from its second step and looks back for
    /// its first (Lo = -1 - gap, Hi = -1); a group of one-step variants checks <see cref="Scratch.AlwaysSet"/> at the token
    /// itself (Lo = Hi = 0), a set every token has. Its variants are the plan's Variants[VariantsFrom .. the next step's
    /// VariantsFrom). Eight bytes, so that the steps of a message's start sets take few cache lines.
    /// </summary>
    private readonly struct PlanStep(int set, int lo, int hi, int variantsFrom)
    {
        public readonly int VariantsFrom = variantsFrom;
        public readonly ushort Set = checked((ushort)set);
        public readonly sbyte Lo = checked((sbyte)lo);
        public readonly sbyte Hi = checked((sbyte)hi);
    }

    /// <summary>
    /// Every start set's groups, then its anchored groups, in the order the lexicon lists them (so matches are found in the
    /// same order): set s's are Steps[Start[s] .. Start[s + 1]), and one more step closes the last one's variants.
    /// </summary>
    private sealed class MatchPlan
    {
        public required PlanStep[] Steps { get; init; }
        public required int[] Start { get; init; }
        public required int[] Variants { get; init; }
        /// <summary>The most steps one set has: room enough for the steps in reach of one start set.</summary>
        public required int Widest { get; init; }
    }

    private static MatchPlan Plan(Lexicon lexicon)
    {
        var steps = new List<PlanStep>();
        var variants = new List<int>();
        var start = new int[lexicon.SetCount + 1];
        var always = Scratch.AlwaysSet(lexicon.QueriedSetCount);
        if (always > ushort.MaxValue) throw new InvalidOperationException($"the lexicon has {lexicon.QueriedSetCount} sets read token by token; the matcher numbers them in 16 bits");
        if (lexicon.Groups.Concat(lexicon.AnchoredGroups).Any(g => g.Gap > sbyte.MaxValue - 2)) throw new InvalidOperationException($"a pattern's gap (~N) is at most {sbyte.MaxValue - 2} words");
        var widest = 0;
        for (var set = 0; set < lexicon.SetCount; set++)
        {
            start[set] = steps.Count;
            for (var g = lexicon.GroupStart[set]; g < lexicon.GroupStart[set + 1]; g++)
            {
                var group = lexicon.Groups[g];
                steps.Add(group.Second < 0 ? new PlanStep(always, 0, 0, variants.Count) : new PlanStep(group.Second, 1, 1 + group.Gap, variants.Count));
                variants.AddRange(lexicon.FlatVariants.AsSpan(group.VariantsFrom, group.VariantCount));
            }
            for (var g = lexicon.AnchoredStart[set]; g < lexicon.AnchoredStart[set + 1]; g++)
            {
                var group = lexicon.AnchoredGroups[g];
                steps.Add(new PlanStep(group.Second, -1 - group.Gap, -1, variants.Count));
                variants.AddRange(lexicon.AnchoredVariants.AsSpan(group.VariantsFrom, group.VariantCount));
            }
            widest = Math.Max(widest, steps.Count - start[set]);
        }
        start[lexicon.SetCount] = steps.Count;
        steps.Add(new PlanStep(always, 0, 0, variants.Count));
        return new MatchPlan { Steps = [.. steps], Start = start, Variants = [.. variants], Widest = widest };
    }

    internal void Match(Scratch s)
    {
        var plan = matchPlan;
        var steps = plan.Steps;
        var planStart = plan.Start;
        var planVariants = plan.Variants;
        var variantEntry = lexicon.VariantEntry;
        var variantStart = lexicon.VariantStart;
        var tokens = s.Tokens;
        var hits = s.Hits;
        var count = s.Count;
        if (s.InReach.Length < plan.Widest) s.InReach = new int[plan.Widest];
        var inReach = s.InReach;
        var positions = s.Positions;
        var shortMessage = s.PositionWords == 1;
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
                // first the steps whose set is within reach, without a branch per step (most are not: a mispredicted
                // branch each cost more than the test), then their variants, in the plan's order
                var from = planStart[hits[h]];
                var to = planStart[hits[h] + 1];
                var found = 0;
                if (shortMessage)
                {
                    for (var k = from; k < to; k++)
                    {
                        ref readonly var step = ref steps[k];
                        var first = Math.Max(i + step.Lo, sentenceStart);
                        var length = Math.Min(i + step.Hi, sentenceEnd - 1) - first;
                        // no bit when the window is empty (length < 0)
                        var bits = (positions[step.Set] >> first) & (ulong.MaxValue >> (63 - length)) & (ulong)~(long)(length >> 31);
                        inReach[found] = k;
                        found += bits != 0 ? 1 : 0;
                    }
                }
                else
                {
                    for (var k = from; k < to; k++)
                    {
                        ref readonly var step = ref steps[k];
                        if (s.FirstIn(step.Set, Math.Max(i + step.Lo, sentenceStart), Math.Min(i + step.Hi, sentenceEnd - 1)) >= 0) inReach[found++] = k;
                    }
                }
                for (var f = 0; f < found; f++)
                {
                    ref readonly var step = ref steps[inReach[f]];
                    var end = steps[inReach[f] + 1].VariantsFrom;
                    if (step.Hi < 0)
                    {
                        // the farthest first step in reach gives the longest match, as matching from the first step would keep
                        var first = s.FirstIn(step.Set, Math.Max(i + step.Lo, sentenceStart), i - 1);
                        for (var v = step.VariantsFrom; v < end; v++)
                        {
                            var variant = planVariants[v];
                            if (TryMatch(s, variant, variantStart[variant] + 2, i + 1, sentenceEnd, out var last)) Record(s, variantEntry[variant], first, last);
                        }
                        continue;
                    }
                    for (var v = step.VariantsFrom; v < end; v++)
                    {
                        // a one-step variant has no step left: it matches token i alone
                        var variant = planVariants[v];
                        if (TryMatch(s, variant, variantStart[variant] + 1, i + 1, sentenceEnd, out var last)) Record(s, variantEntry[variant], i, last);
                    }
                }
            }
        }
        s.IndexByKind();
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
