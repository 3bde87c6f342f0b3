using System.Collections.Frozen;

namespace Hotline.Screening;

/// <summary>
/// A message's words in the screener's canonical form (the tokenizer with the lexicon's rewrites: lower case, no
/// diacritics, Gheg and SMS spellings read as standard), for the small recognisers of what a message asks for rather
/// than what risk it shows. Word lists go through the same normalisation, so both sides always agree.
/// </summary>
internal static class Phrases
{
    public static string[] Words(string text)
    {
        var scratch = Scratch.Rent();
        try
        {
            Tokenizer.Tokenize(text, scratch, Lexicon.Embedded.Rewrites);
            var words = new string[scratch.Count];
            for (var i = 0; i < scratch.Count; i++) words[i] = scratch.Text(scratch.Tokens[i]).ToString();
            return words;
        }
        finally
        {
            Scratch.Return(scratch);
        }
    }

    /// <summary>A set of single words, each normalised as a message's words are (one the rewrites would split is left out: list it as a phrase).</summary>
    public static FrozenSet<string> Set(params string[] words) =>
        words.Select(Words).Where(w => w.Length == 1).Select(w => w[0]).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Normalised phrases, each as its word sequence.</summary>
    public static string[][] Sequences(params string[] phrases) => phrases.Select(Words).Where(w => w.Length > 0).ToArray();

    /// <summary>Whether <paramref name="phrase"/> occurs in <paramref name="words"/> as consecutive words.</summary>
    public static bool Contains(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            var j = 0;
            while (j < phrase.Length && words[i + j] == phrase[j]) j++;
            if (j == phrase.Length) return true;
        }
        return false;
    }

    public static bool ContainsAny(string[] words, string[][] phrases) => phrases.Any(p => Contains(words, p));

    public static bool Any(string[] words, FrozenSet<string> set) => words.Any(set.Contains);
}
