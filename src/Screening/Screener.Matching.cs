using Hotline.Core;

namespace Hotline.Screening;

// Stage "lexicon matches": one trie walk per token marks the pattern sets it belongs to (typos read as the lexicon
// word), then the patterns are matched over those sets.
public sealed partial class Screener
{
    internal void Lookup(Scratch s)
    {
        s.PrepareBits(lexicon.QueriedSetCount);
        var trie = lexicon.Trie;
        // every word's walk first, then its sets: the walks' reads of trie nodes overlap
        for (var i = 0; i < s.Count; i++) trie.Find(s, i);
        for (var i = 0; i < s.Count; i++)
        {
            ref var t = ref s.Tokens[i];
            trie.Mark(s, i);
            // where the matcher's groups for the token's start sets begin and end, read here while the words are looked up
            t.OpsFrom = startOps[t.StartsFrom];
            t.OpsTo = startOps[t.StartsFrom + t.StartsCount];
            var known = t.KnownWord;
            // one typing error in a longer word: read it as the lexicon word ("kercenoii", "atacked", "strangeld")
            if (!known && t.NormLength >= TypoIndex.MinLength - 1 && (t.Flags & (TokenFlags.Number | TokenFlags.Rewritten | TokenFlags.NonLatin)) == 0
                && lexicon.Typos.Find(s.Text(t)) is { } correction)
            {
                lexicon.Trie.AddWord(s, i, correction);
                t.Flags |= TokenFlags.Typo;
            }
            if ((t.Flags & TokenFlags.Number) == 0)
            {
                if (t.NormLength < 3) continue;
                // a word typed without a repeated letter is a number word by its trie node; one typed with one, by the map
                int value;
                if ((t.Doubled | t.Emphatic) == 0 ? !trie.NumberWord(t, out value) : !numberWords.TryGet(s.Text(t), out value)) continue;
                t.Flags |= TokenFlags.Number;
                t.Number = value;
            }
            foreach (var set in lexicon.NumberSets) s.AddHit(i, set, lexicon.Trie.Queried(set), lexicon.Trie.StartsPattern(set), lexicon.Trie.Starts.Slice(t.StartsFrom, t.StartsCount));
        }
        s.PrepareTables();
    }

    /// <summary>What the matcher does for one group of variants (<see cref="ops"/>).</summary>
    private enum OpKind : short
    {
        /// <summary>Variants sharing their first set and their second step: the second step (Set, within Gap words) must be in reach.</summary>
        Group,
        /// <summary>Variants of one step: each matches at the token.</summary>
        OneStep,
        /// <summary>Variants anchored on their second step at the token: their first step (Set) is looked for up to Gap + 1 words before.</summary>
        Anchored,
    }

    /// <summary>
    /// One group, with its variants at <see cref="variants"/>[From, From + Count), in 8 bytes (eight to a cache line: the
    /// matcher reads a few hundred a message from a table far larger than the core's cache). The set with its gap and
    /// kind in one int (set: bits 8–31, gap: bits 2–7, kind: bits 0–1), the variants' place and count in the other (from:
    /// bits 10–31, count: bits 0–9); a group of more variants is written as several.
    /// </summary>
    private readonly struct MatchOp
    {
        public const int MaxGap = 63;
        public const int MaxCount = 1023;
        private readonly int setGapKind;
        private readonly int fromCount;

        public MatchOp(int set, int gap, OpKind kind, int from, int count)
        {
            if (gap is < 0 or > MaxGap || count is < 0 or > MaxCount || set < -1 || set >= 1 << 23 || from is < 0 or >= 1 << 21)
                throw new InvalidOperationException($"A matcher group out of range (set {set}, gap {gap}, from {from}, count {count}).");
            setGapKind = set << 8 | gap << 2 | (int)kind;
            fromCount = from << 10 | count;
        }

        public int Set => setGapKind >> 8;

        public int Gap => (setGapKind >> 2) & MaxGap;

        public OpKind Kind => (OpKind)(setGapKind & 3);

        public int From => fromCount >>> 10;

        public int Count => fromCount & MaxCount;
    }

    /// <summary>
    /// A variant as the matcher reads it: its entry and the steps still to match after those the group tested (a group's
    /// variants after their first two steps, an anchored group's after the anchor).
    /// </summary>
    private readonly struct VariantSteps
    {
        private const int MaxSteps = 63;
        public readonly int Entry;
        /// <summary>The first step left (bits 6–31) and how many are left (bits 0–5): 8 bytes a variant.</summary>
        private readonly int steps;

        public VariantSteps(int entry, int stepFrom, int stepTo)
        {
            if (stepTo - stepFrom is < 0 or > MaxSteps || stepFrom is < 0 or >= 1 << 25)
                throw new InvalidOperationException($"A variant's steps out of range ({stepFrom}, {stepTo}).");
            Entry = entry;
            steps = stepFrom << 6 | (stepTo - stepFrom);
        }

        public int StepFrom => steps >>> 6;

        public int StepTo => (steps >>> 6) + (steps & MaxSteps);

        /// <summary>No step is left: the steps the group tested are the whole variant.</summary>
        public bool Done => (steps & MaxSteps) == 0;
    }

    /// <summary>A step of a variant: its set and how many words may come before it.</summary>
    private readonly record struct Step(int Set, int Gap);

    /// <summary>
    /// The matcher's work, flat, in the order matching has always followed: every start set's groups, then its anchored
    /// groups. First by set (a set's are [<see cref="setOps"/>[set], <see cref="setOps"/>[set + 1]), for the sets a
    /// typo's correction or a number adds), then again for every place of the trie's start lists
    /// (<see cref="TokenTrie.Starts"/>), so that a token's start sets are one run read in order
    /// ([<see cref="startOps"/>[k], <see cref="startOps"/>[k + count])) instead of a look-up per set. A group's variants
    /// and their steps are copied beside it (<see cref="variants"/>, <see cref="steps"/>), so a variant is read in one
    /// load instead of through the lexicon's variant, start and entry tables.
    /// </summary>
    private readonly MatchOp[] ops;
    private readonly int[] setOps;
    private readonly int[] startOps;
    private readonly VariantSteps[] variants;
    private readonly Step[] steps;

    private static (MatchOp[] Ops, int[] SetOps, int[] StartOps, VariantSteps[] Variants, Step[] Steps) CompileOps(Lexicon lexicon)
    {
        var steps = new Step[lexicon.StepSets.Length];
        for (var k = 0; k < steps.Length; k++) steps[k] = new Step(lexicon.StepSets[k], lexicon.StepGaps[k]);
        // a group's variants: the steps after the first (after the anchor for anchored ones) are left to match
        var variants = new VariantSteps[lexicon.FlatVariants.Length + lexicon.AnchoredVariants.Length];
        for (var v = 0; v < lexicon.FlatVariants.Length; v++)
        {
            var variant = lexicon.FlatVariants[v];
            // a group's variants share their second step, which the group tests itself (MatchOps): the steps after it are left
            var stepTo = lexicon.VariantStart[variant + 1];
            variants[v] = new VariantSteps(lexicon.VariantEntry[variant], Math.Min(lexicon.VariantStart[variant] + 2, stepTo), stepTo);
        }
        var anchoredBase = lexicon.FlatVariants.Length;
        for (var v = 0; v < lexicon.AnchoredVariants.Length; v++)
        {
            var variant = lexicon.AnchoredVariants[v];
            variants[anchoredBase + v] = new VariantSteps(lexicon.VariantEntry[variant], lexicon.VariantStart[variant] + 2, lexicon.VariantStart[variant + 1]);
        }
        var ops = new List<MatchOp>();
        void Add(int set)
        {
            for (var g = lexicon.GroupStart[set]; g < lexicon.GroupStart[set + 1]; g++)
            {
                var group = lexicon.Groups[g];
                AddGroup(group.Second, group.Gap, group.Second < 0 ? OpKind.OneStep : OpKind.Group, group.VariantsFrom, group.VariantCount);
            }
            for (var g = lexicon.AnchoredStart[set]; g < lexicon.AnchoredStart[set + 1]; g++)
            {
                var group = lexicon.AnchoredGroups[g];
                AddGroup(group.Second, group.Gap, OpKind.Anchored, anchoredBase + group.VariantsFrom, group.VariantCount);
            }
        }
        // a group's variants in runs of at most MatchOp.MaxCount, in order: each run tests the group's step again, with the same outcome
        void AddGroup(int second, int gap, OpKind kind, int from, int count)
        {
            do
            {
                var run = Math.Min(count, MatchOp.MaxCount);
                ops.Add(new MatchOp(kind == OpKind.OneStep ? 0 : second, gap, kind, from, run));
                from += run;
                count -= run;
            }
            while (count > 0);
        }
        var setOps = new int[lexicon.SetCount + 1];
        for (var set = 0; set < lexicon.SetCount; set++)
        {
            setOps[set] = ops.Count;
            Add(set);
        }
        setOps[lexicon.SetCount] = ops.Count;
        var starts = lexicon.Trie.Starts;
        var startOps = new int[starts.Length + 1];
        for (var k = 0; k < starts.Length; k++)
        {
            startOps[k] = ops.Count;
            Add(starts[k]);
        }
        startOps[starts.Length] = ops.Count;
        return ([.. ops], setOps, startOps, variants, steps);
    }

    /// <summary>How many groups <see cref="ops"/> holds (for the benchmark's statistics).</summary>
    internal int MatchOpCount => ops.Length;

    internal void Match(Scratch s)
    {
        var tokens = s.Tokens;
        var hits = s.Hits;
        var count = s.Count;
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
            ref readonly var t = ref tokens[i];
            // the trie's start sets of the token, then those a typo's correction or a number added
            if (t.OpsFrom != t.OpsTo) MatchOps(s, t.OpsFrom, t.OpsTo, i, sentenceStart, sentenceEnd);
            for (var h = t.HitStart; h < t.HitStart + t.HitCount; h++)
            {
                MatchOps(s, setOps[hits[h]], setOps[hits[h] + 1], i, sentenceStart, sentenceEnd);
            }
        }
        s.IndexByKind();
    }

    /// <summary>The groups <see cref="ops"/>[<paramref name="from"/>, <paramref name="to"/>) of the start sets at token <paramref name="i"/>, whose sentence is the tokens [<paramref name="sentenceStart"/>, <paramref name="sentenceEnd"/>).</summary>
    private void MatchOps(Scratch s, int from, int to, int i, int sentenceStart, int sentenceEnd)
    {
        var positions = s.Positions;
        var oneWord = s.PositionWords == 1;
        var ops = this.ops;
        var variants = this.variants;
        for (var g = from; g < to; g++)
        {
            var op = ops[g];
            var kind = op.Kind;
            var variantFrom = op.From;
            var variantTo = variantFrom + op.Count;
            if (kind == OpKind.OneStep)
            {
                for (var v = variantFrom; v < variantTo; v++) Record(s, variants[v].Entry, i, i);
                continue;
            }
            if (kind == OpKind.Anchored)
            {
                // the farthest first step in reach gives the longest match, as matching from the first step would keep
                var first = s.FirstIn(op.Set, Math.Max(sentenceStart, i - 1 - op.Gap), i - 1);
                if (first < 0) continue;
                for (var v = variantFrom; v < variantTo; v++)
                {
                    ref readonly var variant = ref variants[v];
                    if (TryMatch(s, variant.StepFrom, variant.StepTo, i + 1, sentenceEnd, out var last)) Record(s, variant.Entry, first, last);
                }
                continue;
            }
            // the group's second step, shared by its variants, must be within reach before any variant is tried
            var reach = Math.Min(sentenceEnd - 1, i + 1 + op.Gap);
            if (reach <= i) continue;
            var set = op.Set;
            int second;
            if (oneWord)
            {
                // up to 64 tokens: the set's row is one long (Scratch.FirstIn), read here without the scratch's fields
                var bits = (positions[set] >> (i + 1)) & (ulong.MaxValue >> (64 - (reach - i)));
                if (bits == 0) continue;
                second = i + 1 + System.Numerics.BitOperations.TrailingZeroCount(bits);
            }
            else if ((second = s.FirstIn(set, i + 1, reach)) < 0) continue;
            for (var v = variantFrom; v < variantTo; v++)
            {
                ref readonly var variant = ref variants[v];
                // two steps: the nearest second step ends the match (as TryMatch over it would)
                if (variant.Done)
                {
                    Record(s, variant.Entry, i, second);
                    continue;
                }
                // the steps after the second from each place of the second step in reach, nearest first
                for (var j = second; j >= 0; j = s.FirstIn(set, j + 1, reach))
                {
                    if (TryMatch(s, variant.StepFrom, variant.StepTo, j + 1, sentenceEnd, out var last))
                    {
                        Record(s, variant.Entry, i, last);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Matches the steps [<paramref name="step"/>, <paramref name="stepTo"/>), the next one at token <paramref name="at"/> or within its gap, before <paramref name="end"/> (the sentence's end).</summary>
    private bool TryMatch(Scratch s, int step, int stepTo, int at, int end, out int last)
    {
        if (step == stepTo)
        {
            last = at - 1;
            return true;
        }
        var (set, gap) = steps[step];
        var limit = Math.Min(at + gap, end - 1);
        for (var j = s.FirstIn(set, at, limit); j >= 0; j = s.FirstIn(set, j + 1, limit))
        {
            if (TryMatch(s, step + 1, stepTo, j + 1, end, out last)) return true;
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
