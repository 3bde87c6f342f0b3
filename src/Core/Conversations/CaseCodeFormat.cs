using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hotline.Core.Conversations;

/// <summary>
/// What a case code looks like ("mali-hena-417-385-902"): two plain Albanian words and nine digits, random (never derived
/// from an address), easy to type on a basic phone. The Bot makes and redeems codes; the console finds a case by one.
/// </summary>
public static class CaseCodeFormat
{
    private const int DigitGroups = 3;

    // Short, common, neutral words without diacritics: nothing on a watched screen that hints at a hotline.
    private static readonly string[] Words =
    [
        "mali", "deti", "hena", "lule", "guri", "pema", "bora", "zogu", "molla", "fusha", "lumi", "ylli", "shiu", "vera",
        "kali", "buka", "kripa", "dera", "rruga", "ura", "kodra", "pylli", "liqeni", "era", "reja", "gjethi", "qielli", "toka",
        "drita", "nata", "dita", "mjalta", "rrushi", "fiku", "ulliri", "arra", "gruri", "misri", "vala", "rera",
    ];

    /// <summary>The entropy of one code: two words of the list and nine random digits.</summary>
    public static double Bits => 2 * Math.Log2(Words.Length) + DigitGroups * 3 * Math.Log2(10);

    /// <summary>A fresh random code.</summary>
    public static string New() => string.Join('-', [
        Words[RandomNumberGenerator.GetInt32(Words.Length)], Words[RandomNumberGenerator.GetInt32(Words.Length)],
        .. Enumerable.Range(0, DigitGroups).Select(_ => RandomNumberGenerator.GetInt32(1000).ToString("D3", CultureInfo.InvariantCulture))]);

    /// <summary>"mali-hena-417-385-902", "Mali Hena 417 385 902", "KODI mali hena 417385902", "code: mali-hena-417-385-902" → the code; anything else → null.</summary>
    public static string? Parse(string text)
    {
        // A code holds nine ASCII digits, and neither lower-casing nor canonical decomposition makes one: most messages
        // (every one the channels check for a code) are done with here, without the normalised copy.
        if (AsciiDigits(text) < DigitGroups * 3) return null;
        var words = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            words.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        var parts = words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 0 && parts[0] is "kodi" or "kod" or "code") parts.RemoveAt(0);
        if (parts.Count < 3 || !Words.Contains(parts[0]) || !Words.Contains(parts[1])) return null;
        var digits = string.Concat(parts.Skip(2));
        if (digits.Length != DigitGroups * 3 || !digits.All(char.IsAsciiDigit)) return null;
        return $"{parts[0]}-{parts[1]}-{digits[..3]}-{digits[3..6]}-{digits[6..]}";
    }

    private static int AsciiDigits(string text)
    {
        var count = 0;
        foreach (var c in text) if (char.IsAsciiDigit(c)) count++;
        return count;
    }
}
