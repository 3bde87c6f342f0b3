using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hotline.Core.Identity;

namespace Hotline.Bot.Tests.Secrets;

/// <summary>
/// What a thief holds and what they try with it. The holdings: every file of the folders they copied (Redis's append-only
/// files replayed command by command, so whatever was ever written and since deleted is there too; every other file as
/// it is) and dumps of every Redis key. The tries, with the algorithms known (the code is public): every value that could
/// be a key (32 bytes in base64 or hex, a 32-byte file), plus whatever secrets the test hands over, used to unwrap the
/// rotating keys (hl:delivery-key:N, hl:pseudonym-key:N), open the web chat delivery copies with what they unwrap, open
/// sealed boxes (the outbox, the conversations' data keys) and recompute pseudonyms of phone numbers.
/// </summary>
public sealed partial class StolenCopy
{
    // Each value with the key it was written to and what was written with it (the whole command, key entry or file).
    private readonly List<(string Key, byte[] Value, byte[] Context)> values = [];

    /// <summary>Every file under each folder, as a thief who copied them reads them.</summary>
    public static StolenCopy Of(params string[] folders)
    {
        var copy = new StolenCopy();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var bytes = File.ReadAllBytes(file);
                if (file.EndsWith(".aof", StringComparison.Ordinal)) copy.AddAppendOnlyFile(bytes);
                else copy.values.Add(("file:" + Path.GetRelativePath(folder, file), bytes, bytes));
            }
        }
        return copy;
    }

    /// <summary>Adds what a dump of every key held (names, fields and values).</summary>
    public StolenCopy With(RedisDump dump)
    {
        foreach (var entry in dump.Entries)
        {
            var context = entry.Bytes;
            foreach (var part in entry.Parts)
            {
                if (part.Name is not null) values.Add((entry.Key, part.Name, context));
                values.Add((entry.Key, part.Value, context));
            }
        }
        return this;
    }

    /// <summary>Every key name seen (in the dumps and in the append-only files' commands).</summary>
    public IReadOnlySet<string> KeyNames => values.Select(v => v.Key).Where(k => !k.StartsWith("file:", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Everything that could be a 32-byte secret: base64 or hex of 32 bytes anywhere, and 32-byte values or files.</summary>
    public IReadOnlyList<byte[]> KeyCandidates()
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (_, value, _) in values)
        {
            if (value.Length == HotlineCrypto.KeyBytes) found.TryAdd(Convert.ToHexString(value), value);
            foreach (var token in Base64Tokens(value))
            {
                if (token.Length == HotlineCrypto.KeyBytes) found.TryAdd(Convert.ToHexString(token), token);
            }
            foreach (Match hex in HexKey().Matches(Encoding.Latin1.GetString(value)))
            {
                var bytes = Convert.FromHexString(hex.Value);
                found.TryAdd(Convert.ToHexString(bytes), bytes);
            }
        }
        return [.. found.Values];
    }

    /// <summary>The rotating keys of <paramref name="purpose"/> ("delivery", "pseudonym") that any of the secrets unwraps, by period.</summary>
    public IReadOnlyDictionary<long, byte[]> UnwrapRotatingKeys(string purpose, IEnumerable<byte[]> secrets)
    {
        var wrapped = new List<(long Period, byte[] Nonce, byte[] Cipher)>();
        var prefix = $"hl:{purpose}-key:";
        foreach (var (key, value, _) in values.Where(v => v.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (!long.TryParse(key[prefix.Length..], CultureInfo.InvariantCulture, out var period)) continue;
            if (Encoding.ASCII.GetString(value).Split('.') is [var nonce, var cipher] && TryBase64(nonce) is { } n && TryBase64(cipher) is { } c) wrapped.Add((period, n, c));
        }
        var opened = new Dictionary<long, byte[]>();
        foreach (var secret in secrets)
        {
            foreach (var (period, nonce, cipher) in wrapped)
            {
                var number = period.ToString(CultureInfo.InvariantCulture);
                var wrapKey = HotlineCrypto.Derive(secret, purpose + "-key-wrap", number);
                if (TryDecrypt(cipher, nonce, wrapKey, $"hl-{purpose}-key-v1|{number}") is { } key) opened[period] = key;
            }
        }
        return opened;
    }

    /// <summary>The text of every web chat delivery copy (an activity) that one of the day keys opens.</summary>
    public IReadOnlyList<string> OpenDeliveryCopies(IReadOnlyDictionary<long, byte[]> dayKeys)
    {
        var opened = new List<string>();
        foreach (var (key, value, _) in values)
        {
            if (DeliveryKey().Match(key) is not { Success: true } name) continue;
            var conversationId = name.Groups[1].Value;
            if (Encoding.ASCII.GetString(value).Split('.') is not [var day, var nonce, var cipher] || !long.TryParse(day, CultureInfo.InvariantCulture, out var period)) continue;
            if (!dayKeys.TryGetValue(period, out var dayKey) || TryBase64(nonce) is not { } n || TryBase64(cipher) is not { } c) continue;
            if (TryDecrypt(c, n, HotlineCrypto.Derive(dayKey, "delivery", conversationId), "hl-delivery-v1|" + conversationId) is { } plain)
            {
                opened.Add(JsonDocument.Parse(plain).RootElement.GetProperty("text").GetString() ?? "");
            }
        }
        return opened;
    }

    /// <summary>
    /// Every sealed box (crypto_box_seal) in the values that <paramref name="of"/> selects (by key, and what was written
    /// with the value) that one of the private keys opens, as UTF-8 text, or base64 when it is a key.
    /// </summary>
    public IReadOnlyList<string> OpenSealedBoxes(IEnumerable<byte[]> privateKeys, Func<string, byte[], bool> of)
    {
        var boxes = values.Where(v => of(v.Key, v.Context)).SelectMany(v => Base64Tokens(v.Value)).Where(t => t.Length > 48)
            .DistinctBy(Convert.ToHexString).ToList();
        var opened = new List<string>();
        foreach (var privateKey in privateKeys)
        {
            var pair = new KeyPairBytes(Sodium.ScalarMult.Base(privateKey), privateKey);
            foreach (var box in boxes)
            {
                try
                {
                    var plain = HotlineCrypto.Open(box, pair);
                    opened.Add(plain.Length == HotlineCrypto.KeyBytes ? Convert.ToBase64String(plain) : Encoding.UTF8.GetString(plain));
                }
                catch (CryptoFailure)
                {
                    // Not sealed to this key.
                }
            }
        }
        return opened;
    }

    /// <summary>Whether a key, or what was written with a value, mentions <paramref name="text"/> (a conversation id, say).</summary>
    public static Func<string, byte[], bool> Mentioning(string text) =>
        (key, value) => key.Contains(text, StringComparison.Ordinal) || Encoding.Latin1.GetString(value).Contains(text, StringComparison.Ordinal);

    /// <summary>Every pseudonym ("p_" and 32 hex digits) anywhere in the copy.</summary>
    public IReadOnlySet<string> Pseudonyms() =>
        values.SelectMany(v => PseudonymPattern().Matches(v.Key + "\n" + Encoding.Latin1.GetString(v.Value)).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The numbers among <paramref name="numbers"/> whose SMS or WhatsApp pseudonym under one of the keys is in <paramref name="pseudonyms"/>.</summary>
    public static IReadOnlyList<string> ReversePseudonyms(IEnumerable<byte[]> keys, IReadOnlyList<string> numbers, IReadOnlySet<string> pseudonyms)
    {
        var found = new List<string>();
        foreach (var key in keys)
        {
            foreach (var number in numbers)
            {
                if (pseudonyms.Contains(Pseudonymizer.Of(key, Channel.Sms, number)) || pseudonyms.Contains(Pseudonymizer.Of(key, Channel.WhatsApp, "whatsapp:" + number)))
                {
                    found.Add(number);
                }
            }
        }
        return found;
    }

    /// <summary>Albanian mobile numbers around <paramref name="number"/> ("+3556…"): the small range a brute force walks here.</summary>
    public static IReadOnlyList<string> NumbersAround(string number, int each = 500)
    {
        var digits = long.Parse(number.TrimStart('+'), CultureInfo.InvariantCulture);
        return Enumerable.Range(-each, 2 * each + 1).Select(d => "+" + (digits + d).ToString(CultureInfo.InvariantCulture)).ToList();
    }

    private void AddAppendOnlyFile(byte[] bytes)
    {
        // Plain RESP (no RDB preamble, as infra/redis.conf writes it): *N, then N bulk strings; a command's key is its first argument.
        var position = 0;
        // A command Redis is still appending may be cut off at the end: what was read up to it is kept.
        while (position < bytes.Length && bytes[position] == (byte)'*' && bytes.AsSpan(position).IndexOf("\r\n"u8) > 0)
        {
            var args = new List<byte[]>();
            try
            {
                var count = int.Parse(ReadLine(bytes, ref position)[1..], CultureInfo.InvariantCulture);
                for (var i = 0; i < count; i++)
                {
                    var length = int.Parse(ReadLine(bytes, ref position)[1..], CultureInfo.InvariantCulture);
                    args.Add(bytes.AsSpan(position, length).ToArray());
                    position += length + 2;
                }
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException or FormatException)
            {
                break;
            }
            var key = args.Count > 1 ? Encoding.UTF8.GetString(args[1]) : "";
            var command = args.SelectMany(a => a.Append((byte)'\n')).ToArray();
            foreach (var arg in args.Skip(2)) values.Add((key, arg, command));
        }
    }

    private static string ReadLine(byte[] bytes, ref int position)
    {
        var end = bytes.AsSpan(position).IndexOf("\r\n"u8);
        var line = Encoding.ASCII.GetString(bytes, position, end);
        position += end + 2;
        return line;
    }

    /// <summary>Every run of base64 (standard or url-safe, with JSON's escapes undone) that decodes, as bytes.</summary>
    private static IEnumerable<byte[]> Base64Tokens(byte[] value)
    {
        var text = Encoding.Latin1.GetString(value).Replace("\\u002B", "+", StringComparison.OrdinalIgnoreCase).Replace("\\/", "/", StringComparison.Ordinal);
        foreach (Match run in Base64Run().Matches(text))
        {
            var token = run.Value.Replace('-', '+').Replace('_', '/').TrimEnd('=');
            if (TryBase64(token.PadRight(token.Length + (4 - token.Length % 4) % 4, '=')) is { } bytes) yield return bytes;
        }
    }

    private static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? TryDecrypt(byte[] cipher, byte[] nonce, byte[] key, string associatedData)
    {
        if (nonce.Length != HotlineCrypto.NonceBytes) return null;
        try
        {
            return HotlineCrypto.Decrypt(cipher, nonce, key, Encoding.UTF8.GetBytes(associatedData));
        }
        catch (CryptoFailure)
        {
            return null;
        }
    }

    [GeneratedRegex("[A-Za-z0-9+/_-]{40,}={0,2}")]
    private static partial Regex Base64Run();

    [GeneratedRegex("(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")]
    private static partial Regex HexKey();

    [GeneratedRegex(@"^hl:\{c:([^}]+)\}:delivery$")]
    private static partial Regex DeliveryKey();

    [GeneratedRegex("p_[0-9a-f]{32}")]
    private static partial Regex PseudonymPattern();
}
