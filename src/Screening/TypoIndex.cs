using System.Collections.Frozen;

namespace Hotline.Screening;

/// <summary>
/// Tolerance of one typing error (Damerau–Levenshtein: a letter added, dropped, changed or two swapped) in lexicon words
/// of six letters or more, by symmetric deletion: each such word and each of its one-letter deletions is indexed by hash
/// when the lexicon is compiled. A message word that is not itself a known word hashes itself and its own deletions (in
/// time proportional to its length, whatever the lexicon's size), and a candidate is taken only if it really is one edit
/// away, with the first two letters as typed and its ending untouched, and the typed word is not on the lexicon's guard list of real words one
/// edit from a risk word (filled/killed is already kept apart by the first letters).
/// </summary>
internal sealed class TypoIndex
{
    public const int MinLength = 6;
    private const int MaxLength = 24;
    private const ulong Base = 1_099_511_628_211UL;

    private readonly ulong[] filter;
    private readonly ulong filterMask;
    private readonly FrozenDictionary<ulong, int[]> byHash;
    private readonly string[] words;
    private readonly string[] marked;
    private readonly WordMap<bool> guard;

    /// <param name="markedWords">Lexicon words as the trie stores them (with double marks).</param>
    /// <param name="guardWords">Canonical words that are never read as a typo.</param>
    public TypoIndex(IEnumerable<string> markedWords, IEnumerable<string> guardWords)
    {
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in markedWords)
        {
            var word = m.Replace(Tokenizer.DoubleMark.ToString(), "", StringComparison.Ordinal);
            if (word.Length is < MinLength or > MaxLength || !word.All(c => c is >= 'a' and <= 'z')) continue;
            canonical.TryAdd(word, m);
        }
        words = [.. canonical.Keys];
        marked = [.. words.Select(w => canonical[w])];
        var table = new Dictionary<ulong, List<int>>();
        for (var w = 0; w < words.Length; w++)
        {
            foreach (var h in Hashes(words[w])) (table.TryGetValue(h, out var list) ? list : table[h] = []).Add(w);
        }
        byHash = table.ToFrozenDictionary(p => p.Key, p => p.Value.Distinct().ToArray());
        var bits = 1024;
        while (bits < table.Count * 16) bits <<= 1;
        filter = new ulong[bits / 64];
        filterMask = (ulong)bits - 1;
        foreach (var h in table.Keys) filter[(h & filterMask) >> 6] |= 1UL << (int)(h & 63);
        this.guard = new WordMap<bool>(guardWords.Distinct(StringComparer.Ordinal).ToDictionary(g => g, _ => true, StringComparer.Ordinal));
    }

    public int Count => words.Length;

    /// <summary>The lexicon word (as the trie stores it) one edit from <paramref name="token"/>, or null.</summary>
    public string? Find(ReadOnlySpan<char> token)
    {
        var n = token.Length;
        if (n is < MinLength - 1 or > MaxLength || guard.TryGet(token, out _)) return null;
        Span<ulong> prefix = stackalloc ulong[MaxLength + 1];
        Span<ulong> suffix = stackalloc ulong[MaxLength + 1];
        Span<ulong> power = stackalloc ulong[MaxLength + 1];
        prefix[0] = 0;
        power[0] = 1;
        for (var k = 0; k < n; k++)
        {
            var c = token[k];
            if (c is < 'a' or > 'z') return null;
            prefix[k + 1] = prefix[k] * Base + (ulong)(c - 'a' + 1);
            power[k + 1] = power[k] * Base;
        }
        suffix[n] = 0;
        for (var k = n - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + (ulong)(token[k] - 'a' + 1) * power[n - 1 - k];
        // the word itself (differing only in doubled letters), then each deletion from the third letter on
        var found = Probe(token, prefix[n]);
        for (var i = 2; found is null && i < n; i++) found = Probe(token, prefix[i] * power[n - 1 - i] + suffix[i + 1]);
        return found;
    }

    private string? Probe(ReadOnlySpan<char> token, ulong hash)
    {
        if ((filter[(hash & filterMask) >> 6] & (1UL << (int)(hash & 63))) == 0) return null;
        if (!byHash.TryGetValue(hash, out var candidates)) return null;
        foreach (var w in candidates)
        {
            if (OneEdit(token, words[w])) return marked[w];
        }
        return null;
    }

    /// <summary>Hashes of the word and of each of its one-letter deletions (the same polynomial as <see cref="Find"/>).</summary>
    private static IEnumerable<ulong> Hashes(string word)
    {
        yield return Hash(word);
        for (var i = 2; i < word.Length; i++) yield return Hash(word.Remove(i, 1));
    }

    private static ulong Hash(string s)
    {
        ulong h = 0;
        foreach (var c in s) h = h * Base + (ulong)(c - 'a' + 1);
        return h;
    }

    /// <summary>Equal, or one edit apart (optimal string alignment), with the first two letters the same.</summary>
    internal static bool OneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < 2 || b.Length < 2 || a[0] != b[0] || a[1] != b[1]) return false;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (i == a.Length && i == b.Length) return true;
        // a different last letter, or one more or less at the end, is an ending, not a typing error: "ndihmen" (the help)
        // is not the plea "ndihmë", "killer" is not "killed"
        if (i >= Math.Min(a.Length, b.Length) - 1) return false;
        if (a.Length == b.Length)
        {
            // one letter changed, or two neighbours swapped
            if (a[(i + 1)..].SequenceEqual(b[(i + 1)..])) return true;
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]);
        }
        // one letter added or dropped
        return a.Length > b.Length ? a[(i + 1)..].SequenceEqual(b[i..]) : a[i..].SequenceEqual(b[(i + 1)..]);
    }
}
