using System.Buffers;
using System.Runtime.CompilerServices;

namespace Hotline.Screening;

/// <summary>
/// Phone numbers in a message (7 to 15 digits, with +, spaces, dots, dashes or brackets between groups). Screening
/// never returns one: indicator texts and entities show it masked, and <see cref="Mask"/> masks a whole text.
/// </summary>
public static class PhoneMask
{
    public const char MaskChar = '•';
    private const int MinDigits = 7;
    private const int MaxDigits = 15;
    private const int MaxSeparators = 3;
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> Separators = SearchValues.Create(" -.()/");

    /// <summary>The text with every digit of every phone number replaced by •.</summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = Find(text);
        if (spans.Count == 0) return text;
        return string.Create(text.Length, (text, spans), static (chars, state) =>
        {
            state.text.AsSpan().CopyTo(chars);
            for (var p = 0; p < state.spans.Count; p++)
            {
                var (start, length) = state.spans[p];
                for (var i = start; i < start + length; i++)
                {
                    if (char.IsAsciiDigit(chars[i])) chars[i] = MaskChar;
                }
            }
        });
    }

    [InlineArray(8)]
    internal struct Buffer
    {
        private (int Start, int Length) first;
    }

    /// <summary>Up to eight phone numbers' positions, without allocating.</summary>
    internal struct Spans
    {
        private Buffer items;

        public int Count { get; private set; }

        public readonly (int Start, int Length) this[int index] => items[index];

        public void Add(int start, int length)
        {
            if (Count < 8) items[Count++] = (start, length);
        }
    }

    internal static Spans Find(string text)
    {
        var spans = new Spans();
        var span = text.AsSpan();
        var i = span.IndexOfAny(Digits);
        while (i >= 0 && i < span.Length)
        {
            var start = i > 0 && span[i - 1] == '+' ? i - 1 : i;
            var digits = 0;
            var end = i;
            var j = i;
            while (j < span.Length)
            {
                var c = span[j];
                if (char.IsAsciiDigit(c))
                {
                    digits++;
                    j++;
                    end = j;
                    continue;
                }
                // A short run of separators between groups of digits: "069 123 4567", "+355-4-222", "(04) 222",
                // "+355 (0) 69": a bracketed area code is part of the number, or its digits would stay readable.
                var k = j;
                while (k < span.Length && k - j < MaxSeparators && Separators.Contains(span[k])) k++;
                if (k > j && k < span.Length && char.IsAsciiDigit(span[k]))
                {
                    j = k;
                    continue;
                }
                break;
            }
            if (digits is >= MinDigits and <= MaxDigits) spans.Add(start, end - start);
            var next = span[end..].IndexOfAny(Digits);
            if (next < 0) break;
            i = end + next;
        }
        return spans;
    }

    /// <summary>text[start..start+length], masked where it overlaps a phone number.</summary>
    internal static string Slice(string text, int start, int length, in Spans phones)
    {
        for (var p = 0; p < phones.Count; p++)
        {
            var (ps, pl) = phones[p];
            if (ps < start + length && ps + pl > start) return Masked(text, start, length, phones);
        }
        return text.Substring(start, length);
    }

    internal static string Masked(string text, int start, int length) => MaskDigits(text.AsSpan(start, length));

    private static string Masked(string text, int start, int length, in Spans phones)
    {
        var chars = text.AsSpan(start, length).ToArray();
        for (var p = 0; p < phones.Count; p++)
        {
            var (ps, pl) = phones[p];
            for (var i = Math.Max(ps, start); i < Math.Min(ps + pl, start + length); i++)
            {
                if (char.IsAsciiDigit(chars[i - start])) chars[i - start] = MaskChar;
            }
        }
        return new string(chars);
    }

    private static string MaskDigits(ReadOnlySpan<char> span)
    {
        var chars = span.ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAsciiDigit(chars[i])) chars[i] = MaskChar;
        }
        return new string(chars);
    }
}
