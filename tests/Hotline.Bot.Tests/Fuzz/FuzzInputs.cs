using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Hotline.Bot.Tests.Fuzz;

/// <summary>Generators of what arrives from outside: any text (control characters, astral planes, very long), any bytes.</summary>
public static class FuzzInputs
{
    /// <summary>
    /// Generated bodies stay below the Bot's 64 KB limit: a larger one is refused before it is read (tested in BadInputTests),
    /// and the client may then see its connection closed mid-send instead of the answer.
    /// </summary>
    public const int MaxBody = 60_000;

    /// <summary>How long a form is once URL-encoded (at most: spaces become one '+').</summary>
    public static int EncodedLength(IEnumerable<KeyValuePair<string, string>> form) =>
        form.Sum(p => Uri.EscapeDataString(p.Key).Length + Uri.EscapeDataString(p.Value).Length + 2);

    /// <summary>
    /// A form as the server reads it, for a test that signs one (Twilio signs what it sends, and the server checks what it
    /// read): text goes as UTF-8, so a lone surrogate half arrives as U+FFFD; ASP.NET skips a pair without a key and reads
    /// keys case-insensitively, so "y" and "Y" would arrive as one field with two values.
    /// </summary>
    public static List<KeyValuePair<string, string>> AsSent(IEnumerable<KeyValuePair<string, string>> form) =>
        form.Select(p => KeyValuePair.Create(Utf8RoundTrip(p.Key), Utf8RoundTrip(p.Value)))
            .Where(p => p.Key.Length > 0)
            .DistinctBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static string Utf8RoundTrip(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>Text as a hostile or broken client sends it: FsCheck's strings, never null, sometimes thousands of characters long.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (6, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
        (2, Gen.Elements("", " ", "\0", "\r\n", "💥", "' OR 1=1 --", "%00", "../../etc/passwd", "<script>", "{}", "[]", "null", "-1", "9".PadLeft(40, '9'))),
        (1, Gen.Choose(1000, 20_000).Select(n => new string('ë', n))),
        (1, Gen.ArrayOf(Gen.Choose(0, 0x10FFFF).Where(c => c is < 0xD800 or > 0xDFFF)).Select(cs => string.Concat(cs.Select(char.ConvertFromUtf32)))));

    /// <summary>Bodies that are not what they claim to be.</summary>
    public static Gen<byte[]> Bytes { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? [])),
        (1, Text.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Elements<byte[]>([0xFF, 0xFE], [0xC3], "a=%ZZ&b=%"u8.ToArray(), "=&=&&=="u8.ToArray()))).Where(b => b.Length < MaxBody);

    /// <summary>Runs a property over <paramref name="count"/> generated cases, off the test's synchronization context; fails with the smallest case found.</summary>
    public static Task CheckAsync<T>(Gen<T> gen, int count, Func<T, Task> property) =>
        Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true),
            Prop.ForAll(gen.ToArbitrary(), (T input) => property(input).GetAwaiter().GetResult())));
}
