namespace Hotline.Screening;

/// <summary>
/// Working buffers for screening one message, reused between messages on the same thread so that screening allocates
/// only its result.
/// </summary>
internal sealed class Scratch
{
    [ThreadStatic] private static Scratch? cached;

    public char[] Norm = new char[512];
    public int NormLength;
    public Token[] Tokens = new Token[128];
    public int Count;
    public int[] Hits = new int[1024];
    public int HitLength;
    /// <summary>
    /// Per set read token by token (<see cref="Lexicon.QueriedSetCount"/>), a bit per token: the tokens that belong to it,
    /// <see cref="PositionWords"/> longs per set. By set rather than by token, so "is the set within the next three words"
    /// is one shift and mask, and a set no token has is a zero row.
    /// </summary>
    public ulong[] Positions = new ulong[2048];
    /// <summary>Longs per set in <see cref="Positions"/>: one for up to 64 tokens.</summary>
    public int PositionWords = 1;
    /// <summary>Longs of <see cref="Positions"/> the last message may have written.</summary>
    private int positionsUsed;
    /// <summary>The matches found, with their place in the order they are recorded in (<see cref="Screener"/>'s Match), before they are recorded.</summary>
    public PendingMatch[] Pending = new PendingMatch[64];
    public int PendingCount;
    public EntryMatch[] Matches = new EntryMatch[64];
    public int MatchCount;
    /// <summary>
    /// The matches' indices grouped by entry kind, each kind's in match order (<see cref="IndexByKind"/>): a stage reads
    /// only the kinds it needs instead of every match.
    /// </summary>
    public int[] ByKind = new int[64];
    public int[] KindStart = new int[KindCount + 1];
    private const int KindCount = (int)EntryKind.Age + 1;
    public int[] Ages = new int[8];
    public int[] AgeTokens = new int[8];
    public bool[] AgeFirstPerson = new bool[8];
    public int AgeCount;
    public ulong[] SentenceCues = new ulong[32];
    public Immediacy[] SentenceImmediacy = new Immediacy[32];
    public bool[] Idiom = new bool[128];
    /// <summary>The learned opinion's features: bucket, and the token each stands on (<see cref="Opinion.FeatureTokens"/>).</summary>
    public int[] FeatureBuckets = new int[512];
    public int[] FeatureFirst = new int[512];
    public int FeatureCount;
    /// <summary>The features that drove the opinion when it raised the message, strongest first.</summary>
    public int[] OpinionFeatures = new int[Screener.OpinionSpans];
    public int OpinionFeatureCount;
    /// <summary>The learned opinion's score of every head for this message (read when <see cref="Assessment.OpinionScored"/>).</summary>
    public float[] OpinionScores = new float[Opinion.Heads];

    /// <summary>Takes this thread's scratch, or a new one if it is in use (re-entrant calls).</summary>
    public static Scratch Rent()
    {
        var s = cached;
        cached = null;
        return s ?? new Scratch();
    }

    public static void Return(Scratch scratch) => cached = scratch;

    public void Reset(int textLength)
    {
        if (Norm.Length < textLength * 3 + 16) Norm = new char[textLength * 3 + 16];
        NormLength = 0;
        Count = 0;
        HitLength = 0;
        MatchCount = 0;
        AgeCount = 0;
        FeatureCount = 0;
        OpinionFeatureCount = 0;
    }

    /// <summary>Clears the per-sentence and per-token tables for <see cref="Count"/> tokens.</summary>
    public void PrepareTables()
    {
        var sentences = Count == 0 ? 1 : Tokens[Count - 1].Sentence + 1;
        if (SentenceCues.Length < sentences)
        {
            SentenceCues = new ulong[sentences * 2];
            SentenceImmediacy = new Immediacy[sentences * 2];
        }
        Array.Clear(SentenceCues, 0, sentences);
        Array.Clear(SentenceImmediacy, 0, sentences);
        if (Idiom.Length < Count) Idiom = new bool[Count * 2];
        Array.Clear(Idiom, 0, Count);
    }

    public void EnsureNormRoom(int room)
    {
        if (Norm.Length - NormLength < room) Array.Resize(ref Norm, Math.Max(Norm.Length * 2, NormLength + room));
    }

    public void AppendNorm(char c)
    {
        if (NormLength == Norm.Length) Array.Resize(ref Norm, Norm.Length * 2);
        Norm[NormLength++] = c;
    }

    public ReadOnlySpan<char> Text(in Token token) => Norm.AsSpan(token.NormStart, token.NormLength);

    public void AddToken(int normStart, int normLength, int start, int length, int sentence, int clause, TokenFlags flags, int number)
    {
        if (Count == Tokens.Length) Array.Resize(ref Tokens, Tokens.Length * 2);
        ref var t = ref Tokens[Count++];
        t.NormStart = normStart;
        t.NormLength = normLength;
        t.Start = start;
        t.Length = length;
        t.Sentence = sentence;
        t.Clause = clause;
        t.Flags = flags;
        t.Number = number;
        t.HitStart = 0;
        t.HitCount = 0;
        t.StartsCount = 0;
        t.Languages = 0;
        t.Doubled = 0;
        t.Emphatic = 0;
    }

    public void AddLiteral(string literal, int start, int length, int sentence, int clause, TokenFlags flags)
    {
        var normStart = NormLength;
        foreach (var c in literal) AppendNorm(c);
        AddToken(normStart, literal.Length, start, length, sentence, clause, flags, 0);
    }

    /// <summary>Clears the last message's positions and sizes them for <see cref="Count"/> tokens and <paramref name="sets"/> sets read token by token.</summary>
    public void PrepareBits(int sets)
    {
        Array.Clear(Positions, 0, positionsUsed);
        PositionWords = Math.Max(1, (Count + 63) >> 6);
        positionsUsed = sets * PositionWords;
        if (Positions.Length < positionsUsed) Positions = new ulong[positionsUsed];
    }

    /// <summary>Whether some token of the message belongs to <paramref name="set"/> (a set read token by token).</summary>
    public bool InMessage(int set) => Positions.AsSpan(set * PositionWords, PositionWords).ContainsAnyExcept(0UL);

    /// <summary>
    /// Marks <paramref name="set"/> for token <paramref name="token"/> (the last token looked up); lists it too if a pattern
    /// can start with it and neither the token's start sets from the trie (<paramref name="listed"/>) nor its hits have it.
    /// <paramref name="queried"/>: the set is read token by token (has positions).
    /// </summary>
    public void AddHit(int token, int set, bool queried, bool starts, ReadOnlySpan<int> listed)
    {
        if (queried)
        {
            ref var word = ref Positions[set * PositionWords + (token >> 6)];
            var bit = 1UL << (token & 63);
            if ((word & bit) != 0) return;
            word |= bit;
        }
        else if (starts)
        {
            if (listed.Contains(set)) return;
            for (var h = Tokens[token].HitStart; h < Tokens[token].HitStart + Tokens[token].HitCount; h++)
            {
                if (Hits[h] == set) return;
            }
        }
        if (!starts) return;
        if (HitLength == Hits.Length) Array.Resize(ref Hits, Hits.Length * 2);
        Hits[HitLength++] = set;
        Tokens[token].HitCount++;
    }

    public ref EntryMatch AddMatch()
    {
        if (MatchCount == Matches.Length) Array.Resize(ref Matches, Matches.Length * 2);
        ref var m = ref Matches[MatchCount++];
        m = default;
        return ref m;
    }

    /// <summary>Groups the matches by kind (a counting sort, so each kind keeps the order the matches were found in).</summary>
    public void IndexByKind()
    {
        if (ByKind.Length < MatchCount) ByKind = new int[Matches.Length];
        Span<int> next = stackalloc int[KindCount + 1];
        next.Clear();
        for (var m = 0; m < MatchCount; m++) next[(int)Matches[m].Kind + 1]++;
        for (var k = 1; k <= KindCount; k++) next[k] += next[k - 1];
        next.CopyTo(KindStart);
        for (var m = 0; m < MatchCount; m++) ByKind[next[(int)Matches[m].Kind]++] = m;
    }

    /// <summary>The indices of the matches of one kind, in match order.</summary>
    public ReadOnlySpan<int> OfKind(EntryKind kind) => ByKind.AsSpan(KindStart[(int)kind], KindStart[(int)kind + 1] - KindStart[(int)kind]);

    public void AddAge(int age, int token, bool firstPerson)
    {
        for (var i = 0; i < AgeCount; i++)
        {
            if (AgeTokens[i] == token) return;
        }
        if (AgeCount == Ages.Length) return;
        Ages[AgeCount] = age;
        AgeTokens[AgeCount] = token;
        AgeFirstPerson[AgeCount] = firstPerson;
        AgeCount++;
    }

    /// <summary>Whether token <paramref name="token"/> belongs to <paramref name="set"/>, a set read token by token.</summary>
    public bool HasHit(int token, int set) => (Positions[set * PositionWords + (token >> 6)] & (1UL << (token & 63))) != 0;

    /// <summary>The first token in [<paramref name="from"/>, <paramref name="to"/>] that belongs to <paramref name="set"/> (read token by token), or -1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int FirstIn(int set, int from, int to)
    {
        if (from > to) return -1;
        if (PositionWords == 1)
        {
            // to - from < 64 here: keep the bits from..to
            var bits = (Positions[set] >> from) & (ulong.MaxValue >> (63 - (to - from)));
            return bits == 0 ? -1 : from + System.Numerics.BitOperations.TrailingZeroCount(bits);
        }
        return FirstInLong(set, from, to);
    }

    /// <summary>The last token in [<paramref name="from"/>, <paramref name="to"/>] that belongs to <paramref name="set"/> (read token by token), or -1.</summary>
    public int LastIn(int set, int from, int to)
    {
        if (from > to) return -1;
        var row = set * PositionWords;
        for (var w = to >> 6; w >= from >> 6; w--)
        {
            var bits = Positions[row + w];
            if (w == from >> 6) bits &= ulong.MaxValue << (from & 63);
            if (w == to >> 6) bits &= ulong.MaxValue >> (63 - (to & 63));
            if (bits != 0) return (w << 6) + 63 - System.Numerics.BitOperations.LeadingZeroCount(bits);
        }
        return -1;
    }

    private int FirstInLong(int set, int from, int to)
    {
        var row = set * PositionWords;
        for (var w = from >> 6; w <= to >> 6; w++)
        {
            var bits = Positions[row + w];
            if (w == from >> 6) bits &= ulong.MaxValue << (from & 63);
            if (w == to >> 6) bits &= ulong.MaxValue >> (63 - (to & 63));
            if (bits != 0) return (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
        }
        return -1;
    }
}

/// <summary>A match found, not yet recorded: its place in the order matches are recorded in, its entry and its tokens.</summary>
internal readonly record struct PendingMatch(long Key, int Entry, int First, int Last);
