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

    private TokenTrie(Builder b)
    {
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
        rootAscii = new int[128];
        Array.Fill(rootAscii, -1);
        for (var e = childStart[0]; e < childStart[0] + childCount[0]; e++)
        {
            if (edgeChar[e] < 128) rootAscii[edgeChar[e]] = edgeNode[e];
        }
    }

    public int NodeCount => childStart.Length;

    /// <summary>Adds the sets <paramref name="token"/> belongs to as hits of the scratch's token <paramref name="index"/>.</summary>
    public void Walk(Scratch scratch, int index)
    {
        ref var token = ref scratch.Tokens[index];
        token.HitStart = scratch.HitLength;
        var text = scratch.Norm.AsSpan(token.NormStart, token.NormLength);
        var node = 0;
        for (var i = 0; i < text.Length; i++)
        {
            node = Child(node, text[i]);
            if (node < 0) break;
            var pc = prefixCount[node];
            if (pc > 0) AddDistinct(scratch, token.HitStart, prefixStart[node], pc);
        }
        if (node >= 0)
        {
            var ec = exactCount[node];
            if (ec > 0) AddDistinct(scratch, token.HitStart, exactStart[node], ec);
            token.Languages = languages[node];
        }
        token.HitCount = scratch.HitLength - token.HitStart;
    }

    private void AddDistinct(Scratch scratch, int tokenHitStart, int from, int count)
    {
        for (var s = from; s < from + count; s++)
        {
            var set = sets[s];
            var seen = false;
            for (var h = tokenHitStart; h < scratch.HitLength; h++)
            {
                if (scratch.Hits[h] == set) { seen = true; break; }
            }
            if (!seen) scratch.AddHit(set);
        }
    }

    private int Child(int node, char c)
    {
        if (node == 0) return c < 128 ? rootAscii[c] : Scan(0, c);
        return Scan(node, c);
    }

    private int Scan(int node, char c)
    {
        var lo = childStart[node];
        var hi = lo + childCount[node] - 1;
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

        public TokenTrie Build() => new(this);
    }
}
