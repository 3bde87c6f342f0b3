namespace Hotline.Triage.Screening;

/// <summary>
/// A character trie over the lexicon's canonical words, flattened into arrays. Walking a token once yields every
/// pattern set it belongs to: sets of whole words at the node where the token ends, sets of stems (prefixes) at every
/// node on the way, and the languages the word is evidence of.
/// </summary>
internal sealed class TokenTrie
{
    private readonly int[] childStart;
    private readonly int[] childCount;
    private readonly char[] edgeChar;
    private readonly int[] edgeNode;
    private readonly int[] exactStart;
    private readonly int[] exactCount;
    private readonly int[] prefixStart;
    private readonly int[] prefixCount;
    private readonly int[] sets;
    private readonly byte[] languages;
    private readonly int[] rootAscii;
    private readonly Node[] nodes;

    /// <summary>Everything the walk reads about a node, in one place (one cache line rather than eight arrays).</summary>
    private struct Node
    {
        public uint LetterMask;
        public int ChildStart;
        public int ChildCount;
        public int PrefixStart;
        public int PrefixCount;
        public int ExactStart;
        public int ExactCount;
        public byte Languages;
        public bool LettersOnly;
    }
    /// <summary>Per node, which of a..z it has children for; the child is at childStart + (number of lower bits set).</summary>
    private readonly uint[] letterMask;
    /// <summary>Per node, whether all its children are a..z (so the mask alone finds them).</summary>
    private readonly bool[] lettersOnly;
    /// <summary>Per set, whether some pattern starts with it (only those are listed for the matcher to start from).</summary>
    private readonly bool[] startSets;

    private TokenTrie(Builder b, bool[] startSets)
    {
        this.startSets = startSets;
        var nodes = new List<Builder.Node>();
        var index = new Dictionary<Builder.Node, int>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<Builder.Node>();
        queue.Enqueue(b.Root);
        index[b.Root] = 0;
        nodes.Add(b.Root);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var child in node.Children.OrderBy(c => c.Key).Select(c => c.Value))
            {
                index[child] = nodes.Count;
                nodes.Add(child);
                queue.Enqueue(child);
            }
        }
        var count = nodes.Count;
        childStart = new int[count];
        childCount = new int[count];
        exactStart = new int[count];
        exactCount = new int[count];
        prefixStart = new int[count];
        prefixCount = new int[count];
        languages = new byte[count];
        var edgesChar = new List<char>();
        var edgesNode = new List<int>();
        var setList = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var node = nodes[i];
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
        edgeNode = [.. edgesNode];
        sets = [.. setList];
        letterMask = new uint[count];
        lettersOnly = new bool[count];
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
        this.nodes = new Node[count];
        for (var i = 0; i < count; i++)
        {
            this.nodes[i] = new Node
            {
                LetterMask = letterMask[i],
                ChildStart = childStart[i],
                ChildCount = childCount[i],
                PrefixStart = prefixStart[i],
                PrefixCount = prefixCount[i],
                ExactStart = exactStart[i],
                ExactCount = exactCount[i],
                Languages = languages[i],
                LettersOnly = lettersOnly[i],
            };
        }
        rootAscii = new int[128];
        Array.Fill(rootAscii, -1);
        for (var e = childStart[0]; e < childStart[0] + childCount[0]; e++)
        {
            if (edgeChar[e] < 128) rootAscii[edgeChar[e]] = edgeNode[e];
        }
    }

    public int NodeCount => childStart.Length;

    /// <summary>Marks the sets the scratch's token <paramref name="index"/> belongs to, and lists those a pattern starts with.</summary>
    public void Walk(Scratch scratch, int index)
    {
        ref var token = ref scratch.Tokens[index];
        token.HitStart = scratch.HitLength;
        token.HitCount = 0;
        var text = scratch.Norm.AsSpan(token.NormStart, token.NormLength);
        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            node = Child(node, text[i]);
            if (node < 0) break;
            ref readonly var n = ref nodes[node];
            for (var k = n.PrefixStart; k < n.PrefixStart + n.PrefixCount; k++) scratch.AddHit(index, sets[k], startSets[sets[k]]);
        }
        if (node >= 0)
        {
            ref readonly var n = ref nodes[node];
            for (var k = n.ExactStart; k < n.ExactStart + n.ExactCount; k++) scratch.AddHit(index, sets[k], startSets[sets[k]]);
            token.Languages = n.Languages;
        }
    }

    public bool StartsPattern(int set) => startSets[set];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int Child(int node, char c)
    {
        if (node == 0) return c < 128 ? rootAscii[c] : Scan(0, c);
        ref readonly var n = ref nodes[node];
        if (c is >= 'a' and <= 'z')
        {
            var bit = 1u << (c - 'a');
            if ((n.LetterMask & bit) == 0) return n.LettersOnly ? -1 : Scan(node, c);
            if (n.LettersOnly) return edgeNode[n.ChildStart + System.Numerics.BitOperations.PopCount(n.LetterMask & (bit - 1))];
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
            if (m == c) return edgeNode[mid];
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
        }

        public Node Root { get; } = new();

        public void Add(string word, bool prefix, int set)
        {
            var node = Find(word);
            (prefix ? node.Prefix : node.Exact).Add(set);
        }

        public void AddLanguage(string word, byte language) => Find(word).Languages |= language;

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

        public TokenTrie Build(bool[] startSets) => new(this, startSets);
    }
}
