namespace Hotline.Screening;

/// <summary>
/// A dictionary over canonical words that answers "no" for most tokens without hashing: a bit table of which
/// (length, first letter, last letter) triples any key has is checked first.
/// </summary>
internal sealed class WordMap<T>
{
    private const int MaxLength = 32;
    /// <summary>Letters a–z by themselves, every other character as one more.</summary>
    private const int Letters = 27;
    private readonly System.Collections.Frozen.FrozenDictionary<string, T> map;
    private readonly System.Collections.Frozen.FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly ulong[] maybe = new ulong[(MaxLength * Letters * Letters + 63) / 64];

    public WordMap(IReadOnlyDictionary<string, T> source)
    {
        map = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(source, StringComparer.Ordinal);
        lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in source.Keys)
        {
            if (key.Length == 0) continue;
            var slot = Slot(key);
            maybe[slot >> 6] |= 1UL << slot;
        }
    }

    public int Count => map.Count;

    public IEnumerable<string> Keys => map.Keys;

    public bool TryGet(ReadOnlySpan<char> word, out T value)
    {
        if (word.Length == 0 || (maybe[Slot(word) >> 6] & (1UL << Slot(word))) == 0)
        {
            // no key of this length begins and ends with these letters
            value = default!;
            return false;
        }
        return lookup.TryGetValue(word, out value!);
    }

    private static int Slot(ReadOnlySpan<char> word) => (Math.Min(word.Length, MaxLength - 1) * Letters + Letter(word[0])) * Letters + Letter(word[^1]);

    private static int Letter(char c) => c is >= 'a' and <= 'z' ? c - 'a' : Letters - 1;
}
