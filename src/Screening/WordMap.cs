namespace Hotline.Screening;

/// <summary>
/// A dictionary over canonical words that answers "no" for most tokens without hashing: a table of which
/// (length, first letter) pairs any key has is checked first.
/// </summary>
internal sealed class WordMap<T>
{
    private const int MaxLength = 32;
    private readonly System.Collections.Frozen.FrozenDictionary<string, T> map;
    private readonly System.Collections.Frozen.FrozenDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly bool[] maybe = new bool[MaxLength * 128];

    public WordMap(IReadOnlyDictionary<string, T> source)
    {
        map = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(source, StringComparer.Ordinal);
        lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in source.Keys)
        {
            if (key.Length > 0) maybe[Slot(key.Length, key[0])] = true;
        }
    }

    public int Count => map.Count;

    public IEnumerable<string> Keys => map.Keys;

    public bool TryGet(ReadOnlySpan<char> word, out T value)
    {
        if (word.Length == 0 || !maybe[Slot(word.Length, word[0])])
        {
            value = default!;
            return false;
        }
        return lookup.TryGetValue(word, out value!);
    }

    private static int Slot(int length, char first) => Math.Min(length, MaxLength - 1) * 128 + (first < 128 ? first : 127);
}
