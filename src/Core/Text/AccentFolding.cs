using System.Text;

namespace Hotline.Core.Text;

/// <summary>
/// Lower case without diacritics, as people type on phones: "Korçë" and "korce" read the same. The one table for the
/// letters Albanian and its neighbours write; the screener's tokenizer keeps its own wider table on its hot path.
/// </summary>
public static class AccentFolding
{
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text) builder.Append(Fold(ch));
        return builder.ToString();
    }

    /// <summary>One letter in lower case without its diacritic; any other character in lower case.</summary>
    // An explicit table: with invariant globalization, Unicode decomposition is not something to rely on.
    public static char Fold(char ch) => char.ToLowerInvariant(ch) switch
    {
        'ë' or 'é' or 'è' or 'ê' or 'ė' or 'ę' or 'ě' => 'e',
        'ç' or 'ć' or 'č' => 'c',
        'à' or 'á' or 'â' or 'ä' or 'ã' or 'å' => 'a',
        'ì' or 'í' or 'î' or 'ï' => 'i',
        'ñ' or 'ń' or 'ň' => 'n',
        'ò' or 'ó' or 'ô' or 'ö' or 'õ' or 'ø' => 'o',
        'ù' or 'ú' or 'û' or 'ü' => 'u',
        'ý' or 'ÿ' => 'y',
        'š' or 'ś' => 's',
        'ž' or 'ź' or 'ż' => 'z',
        var c => c,
    };
}
