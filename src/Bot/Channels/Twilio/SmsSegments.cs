using System.Buffers;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// SMS segments as carriers count them (GSM 03.38 / 3GPP TS 23.038): GSM-7 holds 160 septets in one segment and 153 in
/// each segment of a longer message, its extension characters (€ [ ] { } ^ ~ \ | and form feed) taking two; UCS-2 holds
/// 70 UTF-16 units, 67 a segment when longer. One character outside GSM-7 (Albanian ë or ç) makes the whole message UCS-2.
/// A character is never cut across two segments.
/// </summary>
public static class SmsSegments
{
    public const int Gsm7Single = 160;
    public const int Gsm7Multi = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Multi = 67;

    /// <summary>Twilio refuses a Body longer than this many characters.</summary>
    public const int TwilioMaxBody = 1600;

    private static readonly SearchValues<char> Basic = SearchValues.Create(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");

    private static readonly SearchValues<char> Extension = SearchValues.Create("^{}\\[~]|€\f");

    public static SmsEncoding EncodingOf(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!Basic.Contains(c) && !Extension.Contains(c)) return SmsEncoding.Ucs2;
        }
        return SmsEncoding.Gsm7;
    }

    /// <summary>How many segments the text takes, and in which encoding.</summary>
    public static (SmsEncoding Encoding, int Segments) Count(ReadOnlySpan<char> text)
    {
        var encoding = EncodingOf(text);
        return (encoding, SegmentsIn(text, encoding));
    }

    private static int SegmentsIn(ReadOnlySpan<char> text, SmsEncoding encoding)
    {
        if (text.IsEmpty) return 1;
        var total = 0;
        for (var i = 0; i < text.Length; i++)
        {
            total += UnitsOf(text, i, encoding, out var pair);
            if (pair) i++;
        }
        var single = encoding == SmsEncoding.Gsm7 ? Gsm7Single : Ucs2Single;
        if (total <= single) return 1;
        // Longer: pack into segments of 153 septets / 67 units, never cutting a character in two.
        var capacity = encoding == SmsEncoding.Gsm7 ? Gsm7Multi : Ucs2Multi;
        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var units = UnitsOf(text, i, encoding, out var pair);
            if (pair) i++;
            if (used + units > capacity)
            {
                segments++;
                used = 0;
            }
            used += units;
        }
        return segments;
    }

    /// <summary>Septets (GSM-7) or UTF-16 units (UCS-2) of the character at i; a surrogate pair is one character of two units.</summary>
    private static int UnitsOf(ReadOnlySpan<char> text, int i, SmsEncoding encoding, out bool surrogatePair)
    {
        var c = text[i];
        surrogatePair = encoding == SmsEncoding.Ucs2 && char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        if (encoding == SmsEncoding.Ucs2) return surrogatePair ? 2 : 1;
        return Extension.Contains(c) ? 2 : 1;
    }

    /// <summary>
    /// Splits a reply into SMS messages of at most <paramref name="maxSegments"/> segments each (and Twilio's 1600 characters),
    /// cutting at a line break or a space where it can; each part is encoded on its own, so a part without ë stays GSM-7.
    /// </summary>
    public static IReadOnlyList<string> SplitForSms(string text, int maxSegments) =>
        Split(text, part => part.Length <= TwilioMaxBody && Count(part).Segments <= maxSegments);

    /// <summary>Splits a WhatsApp reply into bodies Twilio accepts (1600 characters), at a line break or a space where it can.</summary>
    public static IReadOnlyList<string> SplitForWhatsApp(string text) => Split(text, part => part.Length <= TwilioMaxBody);

    private delegate bool Fits(ReadOnlySpan<char> part);

    private static IReadOnlyList<string> Split(string text, Fits fits)
    {
        var parts = new List<string>();
        var rest = text.AsSpan().Trim();
        while (!rest.IsEmpty)
        {
            if (fits(rest))
            {
                parts.Add(rest.ToString());
                break;
            }
            var longest = LongestFittingPrefix(rest, fits);
            var cut = BestCut(rest, longest);
            parts.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }
        return parts;
    }

    /// <summary>Fitting is monotonic in the prefix length, so a binary search finds the longest prefix that fits.</summary>
    private static int LongestFittingPrefix(ReadOnlySpan<char> text, Fits fits)
    {
        int low = 1, high = text.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (fits(text[..mid])) low = mid;
            else high = mid - 1;
        }
        // Never end a part between the two halves of a surrogate pair.
        if (low < text.Length && char.IsLowSurrogate(text[low]) && low > 1) low--;
        return Math.Max(1, low);
    }

    /// <summary>Where to end a part at most <paramref name="longest"/> long: a line break in its second half, else the last space, else right there.</summary>
    private static int BestCut(ReadOnlySpan<char> text, int longest)
    {
        // The character right after the prefix being a space means the prefix ends a word.
        if (longest < text.Length && char.IsWhiteSpace(text[longest])) return longest;
        var window = text[..longest];
        var newline = window.LastIndexOf('\n');
        if (newline >= longest / 2) return newline + 1;
        for (var i = longest - 1; i > 0; i--)
        {
            if (char.IsWhiteSpace(window[i])) return i + 1;
        }
        return longest;
    }
}
