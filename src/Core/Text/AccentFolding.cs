using System.Text;

namespace Hotline.Core.Text;

/// <summary>Lower case without diacritics, as people type on phones: "Korçë" and "korce" read the same.</summary>
public static class AccentFolding
{
    public static string Fold(string text)
    {
        // An explicit table: with invariant globalization, Unicode decomposition is not something to rely on.
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = char.ToLowerInvariant(ch);
            builder.Append(c switch
            {
                '\u00EB' or '\u00E9' or '\u00E8' or '\u00EA' => 'e',
                '\u00E7' or '\u0107' or '\u010D' => 'c',
                '\u00E0' or '\u00E1' or '\u00E2' or '\u00E4' or '\u00E3' => 'a',
                '\u00EC' or '\u00ED' or '\u00EE' or '\u00EF' => 'i',
                '\u00F2' or '\u00F3' or '\u00F4' or '\u00F6' => 'o',
                '\u00F9' or '\u00FA' or '\u00FB' or '\u00FC' => 'u',
                '\u0161' => 's',
                '\u017E' => 'z',
                _ => c,
            });
        }
        return builder.ToString();
    }
}
