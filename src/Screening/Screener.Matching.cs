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
        /// <summary>
        /// Variants whose first two steps are words found in nearly every message, found from a later step at the token
        /// (<see cref="Lexicon.RareAnchor"/>): <see cref="rareOps"/>[From] says which.
        /// </summary>
        Rare,
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
    /// variants after their first two steps, an anchored group's after the anchor, a rare step's variants after their first).
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
    /// Variants found from a rare later step (<see cref="OpKind.Rare"/>), at a token of <see cref="Anchor"/>: each token
    /// of <see cref="First"/> up to <see cref="Span"/> words before it, with no other token of the anchor between, is
    /// matched from as a group of its own would be (<see cref="variants"/>[From, From + Count), from their second step).
    /// <see cref="FirstQueried"/>: the first step's set has positions, read before the token's start list is searched.
    /// </summary>
    private readonly record struct RareOp(int First, int Anchor, int Span, int From, int Count, bool FirstQueried);

    /// <summary>
    /// The matcher's work, flat, in the order matching has always followed: every start set's groups, then its anchored
    /// groups, then the variants found from it as a rare step. First by set (a set's are [<see cref="setOps"/>[set],
    /// <see cref="setOps"/>[set + 1]), for the sets a typo's correction or a number adds), then again for every place of the
    /// trie's start lists (<see cref="TokenTrie.Starts"/>), so that a token's start sets are one run read in order
    /// ([<see cref="startOps"/>[k], <see cref="startOps"/>[k + count])) instead of a look-up per set. A group's variants
    /// and their steps are copied beside it (<see cref="variants"/>, <see cref="steps"/>), so a variant is read in one
    /// load instead of through the lexicon's variant, start and entry tables.
    /// <para>
    /// A variant found from a rare step is no longer in its first set's groups, so it is found after matches of words
    /// that came after its own first word. Each match therefore carries the place it has in the order of the whole
    /// layout (every variant in its first set's groups, <see cref="fullSetOps"/>, <see cref="fullStartOps"/>): the group's
    /// place there (<see cref="opKeys"/>) and the variant's within the group (<see cref="variantKeys"/>; for a rare step's
    /// variant, its group's place in its first set's list too), and the matches are recorded in that order
    /// (<see cref="Match"/>), as they always were.
    /// </para>
    /// </summary>
    private readonly MatchOp[] ops;
    private readonly int[] opKeys;
    private readonly int[] setOps;
    private readonly int[] startOps;
    private readonly int[] fullSetOps;
    private readonly int[] fullStartOps;
    private readonly VariantSteps[] variants;
    private readonly int[] variantKeys;
    private readonly RareOp[] rareOps;
    private readonly Step[] steps;

    private static (MatchOp[] Ops, int[] OpKeys, int[] SetOps, int[] StartOps, int[] FullSetOps, int[] FullStartOps, VariantSteps[] Variants, int[] VariantKeys, RareOp[] RareOps, Step[] Steps) CompileOps(Lexicon lexicon)
    {
        var steps = new Step[lexicon.StepSets.Length];
        for (var k = 0; k < steps.Length; k++) steps[k] = new Step(lexicon.StepSets[k], lexicon.StepGaps[k]);
        // each set's groups as matching has always read them: (kind, set, gap, the lexicon's variants), in runs of at most MatchOp.MaxCount
        var anchoredBase = lexicon.FlatVariants.Length;
        var byVariant = new (int Set, int Offset, int InOp)[lexicon.FlatVariants.Length];
        var full = new List<(OpKind Kind, int Set, int Gap, int[] Variants)>[lexicon.SetCount];
        for (var set = 0; set < lexicon.SetCount; set++)
        {
            var list = full[set] = [];
            for (var g = lexicon.GroupStart[set]; g < lexicon.GroupStart[set + 1]; g++)
            {
                var group = lexicon.Groups[g];
                AddRuns(list, group.Second < 0 ? OpKind.OneStep : OpKind.Group, group.Second < 0 ? 0 : group.Second, group.Gap, group.VariantsFrom, group.VariantCount);
            }
            for (var g = lexicon.AnchoredStart[set]; g < lexicon.AnchoredStart[set + 1]; g++)
            {
                var group = lexicon.AnchoredGroups[g];
                AddRuns(list, OpKind.Anchored, group.Second, group.Gap, anchoredBase + group.VariantsFrom, group.VariantCount);
            }
            for (var op = 0; op < list.Count; op++)
            {
                for (var k = 0; k < list[op].Variants.Length; k++)
                {
                    if (list[op].Variants[k] < anchoredBase) byVariant[list[op].Variants[k]] = (set, op, k);
                }
            }
        }
        static void AddRuns(List<(OpKind, int, int, int[])> list, OpKind kind, int set, int gap, int from, int count)
        {
            do
            {
                var run = Math.Min(count, MatchOp.MaxCount);
                list.Add((kind, set, gap, [.. Enumerable.Range(from, run)]));
                from += run;
                count -= run;
            }
            while (count > 0);
        }
        int Variant(int flat) => flat < anchoredBase ? lexicon.FlatVariants[flat] : lexicon.AnchoredVariants[flat - anchoredBase];
        bool Rare(int flat) => flat < anchoredBase && lexicon.RareAnchor[Variant(flat)] > 0;

        // the variants found from a rare step, by that step's set, grouped by their first set and span in the order of the lexicon
        var rareBySet = new Dictionary<int, List<(int First, int Span, List<int> Variants)>>();
        for (var flat = 0; flat < anchoredBase; flat++)
        {
            if (!Rare(flat)) continue;
            var variant = Variant(flat);
            var at = lexicon.VariantStart[variant];
            var anchorStep = lexicon.RareAnchor[variant];
            var span = 0;
            for (var k = 1; k <= anchorStep; k++) span += lexicon.StepGaps[at + k] + 1;
            // a later step has positions, so the token of the rare step before this one is found by its row (MatchRare)
            if (lexicon.StepSets[at + anchorStep] >= lexicon.QueriedSetCount) throw new InvalidOperationException("A rare step without positions.");
            var list = rareBySet.TryGetValue(lexicon.StepSets[at + anchorStep], out var found) ? found : rareBySet[lexicon.StepSets[at + anchorStep]] = [];
            var first = lexicon.StepSets[at];
            var index = list.FindIndex(r => r.First == first && r.Span == span);
            if (index < 0) list.Add((first, span, [flat]));
            else list[index].Variants.Add(flat);
        }

        var ops = new List<MatchOp>();
        var opKeys = new List<int>();
        var variants = new List<VariantSteps>();
        var variantKeys = new List<int>();
        var rareOps = new List<RareOp>();
        var fullCount = 0;
        // a set's groups without the variants found from a rare step, then those found from the set as a rare step
        void Add(int set)
        {
            var list = full[set];
            for (var op = 0; op < list.Count; op++)
            {
                var (kind, second, gap, members) = list[op];
                var from = variants.Count;
                for (var k = 0; k < members.Length; k++)
                {
                    if (Rare(members[k])) continue;
                    var variant = Variant(members[k]);
                    // a group's variants share their second step, which the group tests itself (MatchOps): the steps after it are left;
                    // an anchored group's variants, the steps after the anchor
                    var stepTo = lexicon.VariantStart[variant + 1];
                    variants.Add(new VariantSteps(lexicon.VariantEntry[variant], Math.Min(lexicon.VariantStart[variant] + 2, stepTo), stepTo));
                    variantKeys.Add(k);
                }
                if (variants.Count > from)
                {
                    ops.Add(new MatchOp(second, gap, kind, from, variants.Count - from));
                    opKeys.Add(fullCount + op);
                }
            }
            if (rareBySet.TryGetValue(set, out var rare))
            {
                foreach (var (first, span, members) in rare)
                {
                    var from = variants.Count;
                    foreach (var flat in members)
                    {
                        var variant = Variant(flat);
                        variants.Add(new VariantSteps(lexicon.VariantEntry[variant], lexicon.VariantStart[variant] + 1, lexicon.VariantStart[variant + 1]));
                        var (_, offset, inOp) = byVariant[flat];
                        variantKeys.Add(offset << 10 | inOp);
                    }
                    ops.Add(new MatchOp(0, 0, OpKind.Rare, rareOps.Count, 1));
                    opKeys.Add(-1);
                    rareOps.Add(new RareOp(first, set, span, from, variants.Count - from, first < lexicon.QueriedSetCount));
                }
            }
            fullCount += list.Count;
        }
        var setOps = new int[lexicon.SetCount + 1];
        var fullSetOps = new int[lexicon.SetCount + 1];
        for (var set = 0; set < lexicon.SetCount; set++)
        {
            setOps[set] = ops.Count;
            fullSetOps[set] = fullCount;
            Add(set);
        }
        setOps[lexicon.SetCount] = ops.Count;
        fullSetOps[lexicon.SetCount] = fullCount;
        var starts = lexicon.Trie.Starts;
        var startOps = new int[starts.Length + 1];
        var fullStartOps = new int[starts.Length + 1];
        for (var k = 0; k < starts.Length; k++)
        {
            startOps[k] = ops.Count;
            fullStartOps[k] = fullCount;
            Add(starts[k]);
        }
        startOps[starts.Length] = ops.Count;
        fullStartOps[starts.Length] = fullCount;
        if (fullCount >= 1 << MatchKeyOpBits) throw new InvalidOperationException($"The matcher's groups are too many to order their matches ({fullCount}).");
        return ([.. ops], [.. opKeys], setOps, startOps, fullSetOps, fullStartOps, [.. variants], [.. variantKeys], [.. rareOps], steps);
    }

    /// <summary>How many groups <see cref="ops"/> holds (for the benchmark's statistics).</summary>
    internal int MatchOpCount => ops.Length;

    private const int MatchKeyOpBits = 22;

    /// <summary>
    /// Where a match stands in the order matching has always recorded matches in: by its first token, then the token's
    /// start sets from the trie before those its hits added (<paramref name="hit"/>: 0, or the hit's place + 1), then the
    /// group's place in the whole layout and the variant's in the group.
    /// </summary>
    private static long MatchKey(int token, int hit, int fullOp, int inOp) =>
        (long)token << 44 | (long)Math.Min(hit, 4095) << 32 | (long)fullOp << 10 | (long)inOp;

    internal void Match(Scratch s)
    {
        var tokens = s.Tokens;
        var hits = s.Hits;
        var count = s.Count;
        s.PendingCount = 0;
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
            if (t.OpsFrom != t.OpsTo) MatchOps(s, t.OpsFrom, t.OpsTo, i, 0, sentenceStart, sentenceEnd);
            for (var h = t.HitStart; h < t.HitStart + t.HitCount; h++)
            {
                MatchOps(s, setOps[hits[h]], setOps[hits[h] + 1], i, h - t.HitStart + 1, sentenceStart, sentenceEnd);
            }
        }
        // the matches in the order they have always been found in (a variant found from a rare step comes late)
        var pending = s.Pending;
        for (var p = 1; p < s.PendingCount; p++)
        {
            var item = pending[p];
            var q = p - 1;
            for (; q >= 0 && pending[q].Key > item.Key; q--) pending[q + 1] = pending[q];
            pending[q + 1] = item;
        }
        for (var p = 0; p < s.PendingCount; p++) Record(s, pending[p].Entry, pending[p].First, pending[p].Last);
        s.IndexByKind();
    }

    /// <summary>
    /// The groups <see cref="ops"/>[<paramref name="from"/>, <paramref name="to"/>) of the start sets at token
    /// <paramref name="i"/> (from the trie, or from its hit <paramref name="hit"/> - 1), whose sentence is the tokens
    /// [<paramref name="sentenceStart"/>, <paramref name="sentenceEnd"/>).
    /// </summary>
    private void MatchOps(Scratch s, int from, int to, int i, int hit, int sentenceStart, int sentenceEnd)
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
                for (var v = variantFrom; v < variantTo; v++) Pending(s, MatchKey(i, hit, opKeys[g], variantKeys[v]), variants[v].Entry, i, i);
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
                    if (TryMatch(s, variant.StepFrom, variant.StepTo, i + 1, sentenceEnd, out var last)) Pending(s, MatchKey(i, hit, opKeys[g], variantKeys[v]), variant.Entry, first, last);
                }
                continue;
            }
            if (kind == OpKind.Rare)
            {
                MatchRare(s, rareOps[variantFrom], i, sentenceStart, sentenceEnd);
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
                    Pending(s, MatchKey(i, hit, opKeys[g], variantKeys[v]), variant.Entry, i, second);
                    continue;
                }
                // the steps after the second from each place of the second step in reach, nearest first
                for (var j = second; j >= 0; j = s.FirstIn(set, j + 1, reach))
                {
                    if (TryMatch(s, variant.StepFrom, variant.StepTo, j + 1, sentenceEnd, out var last))
                    {
                        Pending(s, MatchKey(i, hit, opKeys[g], variantKeys[v]), variant.Entry, i, last);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The variants of <paramref name="rare"/> at token <paramref name="i"/>, a token of their rare step: matched from each
    /// token of their first set within their span before it whose next token of the rare step is this one, as the first
    /// set's groups would have matched them there (no match of theirs can do without a token of the rare step in that
    /// span, and each first token is tried once: at the nearest such token after it).
    /// </summary>
    private void MatchRare(Scratch s, in RareOp rare, int i, int sentenceStart, int sentenceEnd)
    {
        var lo = Math.Max(sentenceStart, i - rare.Span);
        var previous = s.LastIn(rare.Anchor, lo, i - 1);
        if (previous >= 0) lo = previous;
        var starts = lexicon.Trie.Starts;
        for (var first = lo; first < i; first++)
        {
            if (rare.FirstQueried && !s.HasHit(first, rare.First)) continue;
            // the first set's place among the token's start sets: from the trie, or added by a typo's correction or a number
            ref readonly var t = ref s.Tokens[first];
            int hit = 0, fullOp = -1;
            for (var k = t.StartsFrom; k < t.StartsFrom + t.StartsCount; k++)
            {
                if (starts[k] != rare.First) continue;
                fullOp = fullStartOps[k];
                break;
            }
            if (fullOp < 0)
            {
                for (var h = t.HitStart; h < t.HitStart + t.HitCount; h++)
                {
                    if (s.Hits[h] != rare.First) continue;
                    hit = h - t.HitStart + 1;
                    fullOp = fullSetOps[rare.First];
                    break;
                }
                if (fullOp < 0) continue;
            }
            for (var v = rare.From; v < rare.From + rare.Count; v++)
            {
                ref readonly var variant = ref variants[v];
                if (TryMatch(s, variant.StepFrom, variant.StepTo, first + 1, sentenceEnd, out var last))
                {
                    Pending(s, MatchKey(first, hit, fullOp + (variantKeys[v] >> 10), variantKeys[v] & 1023), variant.Entry, first, last);
                }
            }
        }
    }

    private static void Pending(Scratch s, long key, int entry, int first, int last)
    {
        if (s.PendingCount == s.Pending.Length) Array.Resize(ref s.Pending, s.Pending.Length * 2);
        s.Pending[s.PendingCount++] = new PendingMatch(key, entry, first, last);
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
