using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Hotline.Core.Tests.Testing;

public sealed class LeakScannerTests
{
    // Its base64 holds "+" and "/", so base64url differs from base64.
    private const string Secret = "Burri po më rreh? Qëndresa ~~ ndihmë";

    public static TheoryData<string, byte[]> Planted()
    {
        var utf8 = Encoding.UTF8.GetBytes(Secret);
        // Random bytes around the secret, never zero: a zero after UTF-16BE text makes it also read as UTF-16LE one byte on,
        // and a finding may then name either form.
        byte[] Noise(int count) => [.. RandomNumberGenerator.GetBytes(count).Select(b => b == 0 ? (byte)1 : b)];
        byte[] Wrap(byte[] middle) => [.. Noise(37), .. middle, .. Noise(11)];
        byte[] Ascii(string s) => Encoding.ASCII.GetBytes($"log line before {s} and after");
        return new()
        {
            { "utf-8", Wrap(utf8) },
            { "utf-8 (any case)", Encoding.UTF8.GetBytes("said: " + Secret.ToUpperInvariant()) },
            { "utf-16le", Wrap(Encoding.Unicode.GetBytes(Secret)) },
            { "utf-16le", Wrap([0x41, .. Encoding.Unicode.GetBytes(Secret)]) },
            { "utf-16be", Wrap(Encoding.BigEndianUnicode.GetBytes(Secret)) },
            { "base64", Ascii(Convert.ToBase64String(utf8)) },
            { "base64", Ascii(Convert.ToBase64String([0x01, .. utf8, 0x02, 0x03])) },
            { "base64", Ascii(Convert.ToBase64String([0x01, 0x02, .. utf8, 0x04])) },
            { "base64url", Ascii(Convert.ToBase64String([.. utf8, 0x02]).Replace('+', '-').Replace('/', '_')) },
            { "url-encoded", Ascii(Uri.EscapeDataString(Secret)) },
            { "url-encoded", Ascii(Uri.EscapeDataString(Secret).ToLowerInvariant()) },
            { "form-encoded", Ascii(WebUtility.UrlEncode(Secret)) },
            { "json-escaped", Ascii(JsonSerializer.Serialize(new { text = Secret })) },
            { "hex", Ascii(Convert.ToHexString(utf8).ToLowerInvariant()) },
        };
    }

    [Theory]
    [MemberData(nameof(Planted))]
    public void Finds_a_planted_secret_in_each_common_encoding(string form, byte[] content)
    {
        var scanner = new LeakScanner(Secret, "unrelated other secret");

        var found = scanner.Scan("planted", content);

        var finding = Assert.Single(found);
        Assert.Equal(Secret, finding.Secret);
        Assert.Equal(form, finding.Form);
        Assert.Equal("planted", finding.Where);
        Assert.Equal(found, scanner.Findings);
    }

    [Fact]
    public void Reports_the_byte_offset_of_a_plain_match()
    {
        var scanner = new LeakScanner(Secret);
        var prefix = new byte[123];
        var finding = Assert.Single(scanner.Scan("x", [.. prefix, .. Encoding.UTF8.GetBytes(Secret)]));
        Assert.Equal(123, finding.Offset);
    }

    [Fact]
    public void Finds_nothing_in_ciphertext_random_bytes_or_unrelated_text()
    {
        var scanner = new LeakScanner(Secret, "+355 69 123 4567", "user-4f1c2a");
        using var aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        var plain = Encoding.UTF8.GetBytes(Secret);
        var cipher = new byte[plain.Length];
        aes.Encrypt(RandomNumberGenerator.GetBytes(12), plain, cipher, new byte[16]);

        for (var i = 0; i < 20; i++) scanner.Scan("random", RandomNumberGenerator.GetBytes(64 * 1024));
        scanner.Scan("ciphertext", cipher);
        scanner.Scan("ciphertext base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(cipher)));
        scanner.ScanText("log", "info: case 42 opened, severity High, language sq\nwarn: queue depth 3");

        Assert.Empty(scanner.Findings);
        Assert.Equal("no secret found", scanner.Report());
        scanner.AssertNoLeaks();
    }

    [Fact]
    public void Scans_every_file_under_a_folder_and_names_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("leak-scan-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "logs", "old"));
            File.WriteAllText(Path.Combine(dir, "clean.txt"), "nothing to see");
            File.WriteAllText(Path.Combine(dir, "logs", "old", "bot.log"), $"{{\"msg\":{JsonSerializer.Serialize(Secret)}}}");
            var scanner = new LeakScanner(Secret);

            var finding = Assert.Single(scanner.ScanDirectory(dir));

            Assert.Equal(Path.Combine(dir, "logs", "old", "bot.log"), finding.Where);
            Assert.Throws<LeakFoundException>(scanner.AssertNoLeaks);
            Assert.Contains("bot.log", scanner.Report());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Ignores_empty_secrets_and_refuses_to_scan_for_nothing()
    {
        Assert.Throws<ArgumentException>(() => new LeakScanner("", ""));
        Assert.Equal(["a secret"], new LeakScanner("", "a secret", "a secret").Secrets);
    }

    [Fact]
    public void A_short_name_counts_in_any_case_as_a_word_and_byte_for_byte_anywhere_but_not_as_letters_of_base64()
    {
        Assert.Single(new LeakScanner("Teuta").Scan("log", Encoding.UTF8.GetBytes("from: TEUTA, 14")));
        Assert.Single(new LeakScanner("Teuta").Scan("aof", Encoding.UTF8.GetBytes("q9ZxTeutaP0w")));
        // ciphertext's base64 holds any five letters in some case now and then: that is not the name
        Assert.Empty(new LeakScanner("Teuta").Scan("aof", Encoding.UTF8.GetBytes("q9ZxtEUTaP0w+/teuta3")));
    }
}
