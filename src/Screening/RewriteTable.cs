namespace Hotline.Screening;

/// <summary>Token rewrites from the lexicon (tn → tani, smelen → s me len), looked up without allocating.</summary>
internal sealed class RewriteTable(IReadOnlyDictionary<string, string[]> map)
{
    private readonly WordMap<string[]> words = new(map);

    public int Count => words.Count;

    public bool TryGet(ReadOnlySpan<char> token, out string[] replacement) => words.TryGet(token, out replacement);
}
