namespace Hotline.Screening;

/// <summary>
/// A character trie over the lexicon's canonical words, flattened into arrays. Walking a token once yields every
/// pattern set it belongs to: sets of whole words at the node where the token ends, sets of stems (prefixes) at every
/// node on the way, and the languages the word is evidence of.
/// </summary>
internal sealed class TokenTrie
{
    private readonly char[] edgeChar;
    private readonly int[] rootAscii;
    private readonly Node[] nodes;
    /// <summary>
    /// What the walk reads of each node, 8 bytes a node (eight to a cache line, where <see cref="Node"/> takes 40 bytes):
    /// the letters a–z it has children for (bits 0–25), its first child's edge (bits 32–61), whether a token ending there
    /// is a known word (bit 62) and whether its children are all letters a–z (bit 63).
    /// </summary>
    private readonly ulong[] walk;
    private const int WalkChildShift = 32;
    private const ulong WalkChildMask = (1UL << 30) - 1;
    private const ulong WalkKnown = 1UL << 62;
    /// <summary>A token ending at the node is a number word ("nje", "twenty"): its value is <see cref="numberOf"/>[node].</summary>
    private const ulong WalkNumber = 1UL << 26;
    private const ulong WalkLettersOnly = 1UL << 63;

    /// <summary>Everything the walk reads about a node, packed in 32 bytes (the walk itself reads <see cref="walk"/>).</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
    private struct Node
    {
        public int ChildStart;
        /// <summary>Sets read token by token (see <see cref="Lexicon.QueriedSetCount"/>) of every stem on the path to here (a
        /// token that goes on past this node, or falls off after it).</summary>
        public int PassStart;
        /// <summary>The same plus those of the whole words that end here.</summary>
        public int EndStart;
        /// <summary>Of the pass sets, those a pattern starts with, in the same order (what the matcher starts from).</summary>
        public int PassStartsStart;
        /// <summary>Of the end sets, those a pattern starts with, in the same order.</summary>
        public int EndStartsStart;
        public ushort ChildCount;
        public ushort PassCount;
        public ushort EndCount;
        public ushort PassStartsCount;
        public ushort EndStartsCount;
        public byte Languages;
        /// <summary>A token ending here is a word the lexicon knows: a whole word of some set, or of a language list.</summary>
        public bool Known;
    }

    /// <summary>Per node, the value of the number word that ends there (where <see cref="WalkNumber"/> is set).</summary>
    private readonly int[] numberOf;

    /// <summary>Pass and end lists of the sets read token by token: set ids, no duplicates in one list.</summary>
    private readonly int[] lists;
    /// <summary>Per node, every set of a token that ends there, in the order of the start lists (for a typo's correction).</summary>
    private readonly int[][] endSets;
    private readonly int queriedSets;
    /// <summary>Pass and end lists of start sets (a subsequence of the node's list).</summary>
    private readonly int[] starts;
    /// <summary>Per set, whether some pattern starts with it (only those are listed for the matcher to start from).</summary>
    private readonly bool[] startSets;
    private TokenTrie(Builder b, bool[] startSets, int queriedSets)
    {
        this.startSets = startSets;
        this.queriedSets = queriedSets;
        var order = new List<Builder.Node>();
        var index = new Dictionary<Builder.Node, int>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<Builder.Node>();
        queue.Enqueue(b.Root);
        index[b.Root] = 0;
        order.Add(b.Root);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var child in node.Children.OrderBy(c => c.Key).Select(c => c.Value))
            {
                index[child] = order.Count;
                order.Add(child);
                queue.Enqueue(child);
            }
        }
        var count = order.Count;
        var childStart = new int[count];
        var childCount = new int[count];
        var exactStart = new int[count];
        var exactCount = new int[count];
        var prefixStart = new int[count];
        var prefixCount = new int[count];
        var languages = new byte[count];
        var edgesChar = new List<char>();
        var edgesNode = new List<int>();
        var setList = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var node = order[i];
            childStart[i] = edgesChar.Count;
            childCount[i] = node.Children.Count;
            foreach (var (c, child) in node.Children.OrderBy(c => c.Key))
            {
                edgesChar.Add(c);
                edgesNode.Add(index[child]);
            }
            exactStart[i] = setList.Count;
            setList.AddRange(node.Exact.Distinct());
            exactCount[i] = setList.Count - exactStart[i];
            prefixStart[i] = setList.Count;
            setList.AddRange(node.Prefix.Distinct());
            prefixCount[i] = setList.Count - prefixStart[i];
            languages[i] = node.Languages;
        }
        edgeChar = [.. edgesChar];
        // Breadth first, every node's children are numbered one after another in the order of its edges, and the nodes
        // in the order of the edges: edge e leads to node e + 1. The walk relies on it and reads no edge-to-node table.
        for (var e = 0; e < edgesNode.Count; e++)
        {
            if (edgesNode[e] != e + 1) throw new InvalidOperationException("The trie's nodes are not numbered breadth first.");
        }

        var letterMask = new uint[count];
        var lettersOnly = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var only = true;
            for (var e = childStart[i]; e < childStart[i] + childCount[i]; e++)
            {
                var c = edgeChar[e];
                if (c is >= 'a' and <= 'z') letterMask[i] |= 1u << (c - 'a');
                else only = false;
            }
            lettersOnly[i] = only;
        }
        nodes = new Node[count];
        endSets = new int[count][];
        var listBuilder = new List<int>();
        var startBuilder = new List<int>();
        var pass = new List<int>[count];
        var parents = new int[count];
        for (var i = 0; i < count; i++)
        {
            for (var e = childStart[i]; e < childStart[i] + childCount[i]; e++) parents[e + 1] = i;
        }
        for (var i = 0; i < count; i++)
        {
            // nodes are numbered breadth first: a parent's list is ready before its children's
            var own = new List<int>(i == 0 ? [] : pass[parents[i]]);
            for (var k = prefixStart[i]; k < prefixStart[i] + prefixCount[i]; k++)
            {
                if (!own.Contains(setList[k])) own.Add(setList[k]);
            }
            pass[i] = own;
        }
        for (var i = 0; i < count; i++)
        {
            nodes[i] = new Node
            {
                ChildStart = childStart[i],
                ChildCount = checked((ushort)childCount[i]),
                Languages = languages[i],
            };
            nodes[i].PassStart = listBuilder.Count;
            listBuilder.AddRange(pass[i].Where(set => set < queriedSets));
            nodes[i].PassCount = checked((ushort)(listBuilder.Count - nodes[i].PassStart));
            nodes[i].PassStartsStart = startBuilder.Count;
            startBuilder.AddRange(pass[i].Where(set => startSets[set]));
            nodes[i].PassStartsCount = checked((ushort)(startBuilder.Count - nodes[i].PassStartsStart));
            nodes[i].EndStart = listBuilder.Count;
            var end = new List<int>(pass[i]);
            for (var k = exactStart[i]; k < exactStart[i] + exactCount[i]; k++)
            {
                if (!end.Contains(setList[k])) end.Add(setList[k]);
            }
            listBuilder.AddRange(end.Where(set => set < queriedSets));
            endSets[i] = [.. end];
            nodes[i].Known = end.Count > pass[i].Count || languages[i] != 0;
            nodes[i].EndCount = checked((ushort)(listBuilder.Count - nodes[i].EndStart));
            nodes[i].EndStartsStart = startBuilder.Count;
            startBuilder.AddRange(end.Where(set => startSets[set]));
            nodes[i].EndStartsCount = checked((ushort)(startBuilder.Count - nodes[i].EndStartsStart));
        }
        walk = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            if ((ulong)childStart[i] > WalkChildMask) throw new InvalidOperationException("The trie has too many edges for its walk table.");
            walk[i] = letterMask[i] | (ulong)childStart[i] << WalkChildShift | (nodes[i].Known ? WalkKnown : 0) | (lettersOnly[i] ? WalkLettersOnly : 0)
                | (order[i].Number is null ? 0 : WalkNumber);
        }
        numberOf = new int[count];
        for (var i = 0; i < count; i++) numberOf[i] = order[i].Number ?? 0;
        lists = [.. listBuilder];
        starts = [.. startBuilder];
        rootAscii = new int[128];
        Array.Fill(rootAscii, -1);
        for (var e = childStart[0]; e < childStart[0] + childCount[0]; e++)
        {
            if (edgeChar[e] < 128) rootAscii[edgeChar[e]] = e + 1;
        }
    }

    public int NodeCount => nodes.Length;

    /// <summary>Every node's pass and end lists of start sets, one after another: a token's are a slice (<see cref="Token.StartsFrom"/>).</summary>
    public ReadOnlySpan<int> Starts => starts;

    /// <summary>
    /// Walks the scratch's token <paramref name="index"/>: the node it reaches (<see cref="Token.TrieNode"/>, 0 for none),
    /// whether it ends there or falls off after it (<see cref="Token.WholeWord"/>), and whether it is a word the lexicon
    /// knows (<see cref="Token.KnownWord"/>). The lookup walks every token first and marks the sets after
    /// (<see cref="Mark"/>): the walks of different words, and the read of the node each ends at, do not wait for one another.
    /// </summary>
    public void Find(Scratch scratch, int index)
    {
        ref var token = ref scratch.Tokens[index];
        var text = scratch.Norm.AsSpan(token.NormStart, token.NormLength);
        var node = 0;
        var whole = true;
        var repeated = token.Doubled | token.Emphatic;
        for (var i = 0; i < text.Length; i++)
        {
            var next = Child(node, text[i]);
            if (next < 0)
            {
                whole = false;
                break;
            }
            node = next;
            if (repeated == 0 || i >= 32 || (repeated & (1u << i)) == 0) continue;
            // a letter typed twice meets only a word written with it twice; typed three times or more, either
            var marked = Scan(node, Tokenizer.DoubleMark);
            if (marked >= 0) node = marked;
            else if ((token.Doubled & (1u << i)) != 0 && !(i == text.Length - 1 && text.Length >= 4))
            {
                // "pleasee", "tanii": a doubled last letter of a longer word is emphasis too
                whole = false;
                break;
            }
        }
        token.TrieNode = node;
        token.WholeWord = whole;
        token.KnownWord = node != 0 && whole && (walk[node] & WalkKnown) != 0;
    }

    /// <summary>
    /// Marks the sets the scratch's token <paramref name="index"/> belongs to, from the node <see cref="Find"/> reached, and
    /// notes where the start list of those a pattern starts with is (<see cref="Token.StartsFrom"/>).
    /// </summary>
    public void Mark(Scratch scratch, int index)
    {
        ref var token = ref scratch.Tokens[index];
        token.HitStart = scratch.HitLength;
        token.HitCount = 0;
        token.StartsFrom = 0;
        token.StartsCount = 0;
        var node = token.TrieNode;
        if (node == 0) return;
        var whole = token.WholeWord;
        ref readonly var n = ref nodes[node];
        int from, count, startFrom, startCount;
        if (whole)
        {
            from = n.EndStart;
            count = n.EndCount;
            startFrom = n.EndStartsStart;
            startCount = n.EndStartsCount;
            token.Languages = n.Languages;
        }
        else
        {
            from = n.PassStart;
            count = n.PassCount;
            startFrom = n.PassStartsStart;
            startCount = n.PassStartsCount;
        }
        // the lists have no duplicates and the token's bits are fresh: set them
        if (count > 0)
        {
            var stride = scratch.PositionWords;
            ref var positions = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(scratch.Positions);
            ref var set = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(lists.AsSpan(from, count));
            var tokenBit = 1UL << index;
            if (stride == 1)
            {
                // up to 64 tokens (nearly every message): a set's row is one long, its index the set's id
                for (var k = 0; k < count; k++) System.Runtime.CompilerServices.Unsafe.Add(ref positions, System.Runtime.CompilerServices.Unsafe.Add(ref set, k)) |= tokenBit;
            }
            else
            {
                var offset = index >> 6;
                for (var k = 0; k < count; k++)
                {
                    var id = System.Runtime.CompilerServices.Unsafe.Add(ref set, k);
                    System.Runtime.CompilerServices.Unsafe.Add(ref positions, id * stride + offset) |= tokenBit;
                }
            }
        }
        token.StartsFrom = startFrom;
        token.StartsCount = startCount;
    }

    /// <summary>Marks, for token <paramref name="index"/>, the sets of lexicon word <paramref name="marked"/> (a typo's correction).</summary>
    public void AddWord(Scratch scratch, int index, string marked)
    {
        var node = 0;
        foreach (var c in marked)
        {
            node = Child(node, c);
            if (node < 0) return;
        }
        ref readonly var token = ref scratch.Tokens[index];
        foreach (var set in endSets[node]) scratch.AddHit(index, set, set < queriedSets, startSets[set], starts.AsSpan(token.StartsFrom, token.StartsCount));
    }

    /// <summary>
    /// Whether the token, walked by <see cref="Find"/>, is a number word, and its value: read from the node its walk ended
    /// at, where the words' look-up in a dictionary hashed the letters again. Only for a token typed without a repeated
    /// letter, whose walk followed its letters exactly (<see cref="Token.Doubled"/>, <see cref="Token.Emphatic"/>).
    /// </summary>
    public bool NumberWord(in Token token, out int value)
    {
        var node = token.TrieNode;
        if (token.WholeWord && node != 0 && (walk[node] & WalkNumber) != 0)
        {
            value = numberOf[node];
            return true;
        }
        value = 0;
        return false;
    }

    public bool StartsPattern(int set) => startSets[set];

    /// <summary>Whether tokens get a bit for <paramref name="set"/> (<see cref="Lexicon.QueriedSetCount"/>).</summary>
    public bool Queried(int set) => set < queriedSets;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int Child(int node, char c)
    {
        if (node == 0) return c < 128 ? rootAscii[c] : Scan(0, c);
        var w = walk[node];
        if (c is >= 'a' and <= 'z')
        {
            var bit = 1UL << (c - 'a');
            if ((w & bit) == 0) return (long)w < 0 ? -1 : Scan(node, c);
            if ((long)w < 0) return (int)((w >> WalkChildShift) & WalkChildMask) + 1 + System.Numerics.BitOperations.PopCount(w & (bit - 1));
        }
        return Scan(node, c);
    }

    private int Scan(int node, char c)
    {
        ref readonly var n = ref nodes[node];
        var lo = n.ChildStart;
        var hi = lo + n.ChildCount - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var m = edgeChar[mid];
            if (m == c) return mid + 1;
            if (m < c) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    internal sealed class Builder
    {
        internal sealed class Node
        {
            public readonly Dictionary<char, Node> Children = [];
            public readonly List<int> Exact = [];
            public readonly List<int> Prefix = [];
            public byte Languages;
            /// <summary>The value of the number word that ends here, if one does.</summary>
            public int? Number;
        }

        public Node Root { get; } = new();

        public void Add(string word, bool prefix, int set)
        {
            var node = Find(word);
            (prefix ? node.Prefix : node.Exact).Add(set);
        }

        public void AddLanguage(string word, byte language) => Find(word).Languages |= language;

        /// <summary>
        /// A number word and its value: a node without sets or languages, so no token's sets, start sets or known-word
        /// reading change (a token ending at such a node has its parent's pass sets, as one falling off there had).
        /// </summary>
        public void AddNumber(string word, int value)
        {
            if (word.Length > 0) Find(word).Number = value;
        }

        private Node Find(string word)
        {
            var node = Root;
            foreach (var c in word)
            {
                if (!node.Children.TryGetValue(c, out var next))
                {
                    next = new Node();
                    node.Children[c] = next;
                }
                node = next;
            }
            return node;
        }

        public TokenTrie Build(bool[] startSets, int queriedSets) => new(this, startSets, queriedSets);
    }
}
