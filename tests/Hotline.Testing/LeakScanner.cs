using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hotline.Testing;

/// <summary>
/// Searches bytes (a Redis dump, files under a folder, log text) for secrets that must never be at rest in plaintext:
/// as UTF-8 (also ignoring case), UTF-16 (LE and BE), base64 and base64url (at any alignment inside a longer base64 run),
/// URL-encoding (percent and form), JSON-escaped (ASCII-only and relaxed), HTML-encoded, and hex. Findings accumulate in
/// <see cref="Findings"/>, one per secret and location (its plainest form); each Scan method also returns what it found.
/// </summary>
public sealed class LeakScanner
{
    /// <summary>Shorter needles than this (a base64 fragment of a short secret, say) would match random ciphertext by chance.</summary>
    private const int MinimumNeedleLength = 6;

    private readonly List<(string Secret, string Form, string Needle, StringComparison Comparison, View View)> needles = [];
    private readonly List<LeakFinding> findings = [];

    public LeakScanner(IEnumerable<string> secrets)
    {
        Secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToArray();
        if (Secrets.Count == 0) throw new ArgumentException("no secrets to look for", nameof(secrets));
        foreach (var secret in Secrets) AddForms(secret);
    }

    public LeakScanner(params string[] secrets) : this((IEnumerable<string>)secrets)
    {
    }

    public IReadOnlyList<string> Secrets { get; }

    /// <summary>Everything found so far, by every Scan call on this scanner.</summary>
    public IReadOnlyList<LeakFinding> Findings
    {
        get { lock (findings) return findings.ToArray(); }
    }

    /// <summary>The findings, one a line, or "no secret found".</summary>
    public string Report() => Findings.Count == 0 ? "no secret found" : string.Join('\n', Findings);

    /// <summary>Throws with every finding listed when anything was found.</summary>
    public void AssertNoLeaks()
    {
        if (Findings.Count > 0) throw new LeakFoundException(Report());
    }

    public IReadOnlyList<LeakFinding> Scan(string where, ReadOnlySpan<byte> content)
    {
        var views = new Views(content);
        var found = new List<LeakFinding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Needles are in order of plainness: each secret is reported once per location, in the plainest form found.
        foreach (var (secret, form, needle, comparison, view) in needles)
        {
            if (seen.Contains(secret)) continue;
            var (text, toByte) = views.Get(view);
            var index = IndexOf(text, needle, comparison, Bounded(secret, comparison));
            if (index < 0) continue;
            seen.Add(secret);
            found.Add(new LeakFinding(secret, form, where, toByte(text, index)));
        }
        lock (findings) findings.AddRange(found);
        return found;
    }

    public IReadOnlyList<LeakFinding> Scan(string where, byte[] content) => Scan(where, content.AsSpan());

    /// <summary>Text as it would be written to a file (UTF-8).</summary>
    public IReadOnlyList<LeakFinding> ScanText(string where, string text) => Scan(where, Encoding.UTF8.GetBytes(text));

    /// <summary>Every file under the folder, recursively; a file that vanishes meanwhile is skipped.</summary>
    public IReadOnlyList<LeakFinding> ScanDirectory(string directory)
    {
        var found = new List<LeakFinding>();
        if (!Directory.Exists(directory)) return found;
        foreach (var file in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            // A Redis Cluster node's own topology (node ids, loopback addresses, slot ranges; never a key or a value), which
            // redis-server keeps locked: reading it would fail, and there is nothing of a person in it.
            if (Path.GetFileName(file) == RedisServer.ClusterConfigFile) continue;
            byte[] bytes;
            try
            {
                bytes = ReadShared(file);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                continue;
            }
            found.AddRange(Scan(file, bytes));
            // A file's name can leak too.
            found.AddRange(Scan($"file name {file}", Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, file))));
        }
        return found;
    }

    /// <summary>Every key of every type in every database, names and values.</summary>
    public async Task<IReadOnlyList<LeakFinding>> ScanRedisAsync(RedisServer redis)
    {
        var dump = await redis.AllKeysAndValuesAsync();
        return ScanRedis(dump);
    }

    public IReadOnlyList<LeakFinding> ScanRedis(RedisDump dump)
    {
        var found = new List<LeakFinding>();
        foreach (var entry in dump.Entries) found.AddRange(Scan(entry.Location, entry.Bytes));
        return found;
    }

    /// <summary>
    /// A secret shorter than <see cref="MinimumNeedleLength"/> searched in any case ("teuta" for "Teuta") would match
    /// ciphertext's base64 by chance (one position in about 32^5): in any case it counts only as a word of its own, with no
    /// letter, digit or base64 character beside it. Byte for byte it still counts anywhere.
    /// </summary>
    private static bool Bounded(string secret, StringComparison comparison) =>
        secret.Length < MinimumNeedleLength && comparison == StringComparison.OrdinalIgnoreCase;

    private static int IndexOf(string text, string needle, StringComparison comparison, bool bounded)
    {
        for (var from = 0; from <= text.Length - needle.Length; from++)
        {
            var index = text.IndexOf(needle, from, comparison);
            if (index < 0 || !bounded) return index;
            var end = index + needle.Length;
            if ((index == 0 || !WordOrBase64(text[index - 1])) && (end == text.Length || !WordOrBase64(text[end]))) return index;
            from = index;
        }
        return -1;
    }

    private static bool WordOrBase64(char c) => char.IsLetterOrDigit(c) || c is '+' or '/' or '-' or '_';

    private static byte[] ReadShared(string file)
    {
        // Read what is there even while a service still appends to it.
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private void AddForms(string secret)
    {
        var utf8 = Encoding.UTF8.GetBytes(secret);
        // The plain text: byte for byte, then ignoring case (including non-ASCII letters such as Ë/ë).
        Add(secret, "utf-8", Latin1(utf8), StringComparison.Ordinal, View.Bytes);
        Add(secret, "utf-8 (any case)", secret, StringComparison.OrdinalIgnoreCase, View.Utf8);
        Add(secret, "utf-16le", secret, StringComparison.OrdinalIgnoreCase, View.Utf16Le0);
        Add(secret, "utf-16le", secret, StringComparison.OrdinalIgnoreCase, View.Utf16Le1);
        Add(secret, "utf-16be", secret, StringComparison.OrdinalIgnoreCase, View.Utf16Be0);
        Add(secret, "utf-16be", secret, StringComparison.OrdinalIgnoreCase, View.Utf16Be1);
        foreach (var fragment in Base64Fragments(utf8))
        {
            Add(secret, "base64", fragment, StringComparison.Ordinal, View.Bytes);
            Add(secret, "base64url", fragment.Replace('+', '-').Replace('/', '_'), StringComparison.Ordinal, View.Bytes);
        }
        Add(secret, "url-encoded", Uri.EscapeDataString(secret), StringComparison.OrdinalIgnoreCase, View.Bytes);
        Add(secret, "form-encoded", WebUtility.UrlEncode(secret), StringComparison.OrdinalIgnoreCase, View.Bytes);
        Add(secret, "json-escaped", JsonEscaped(secret, JavaScriptEncoder.Default), StringComparison.OrdinalIgnoreCase, View.Bytes);
        Add(secret, "json-escaped", JsonEscaped(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping), StringComparison.OrdinalIgnoreCase, View.Utf8);
        Add(secret, "html-encoded", WebUtility.HtmlEncode(secret), StringComparison.OrdinalIgnoreCase, View.Utf8);
        Add(secret, "hex", Convert.ToHexString(utf8), StringComparison.OrdinalIgnoreCase, View.Bytes);
    }

    private void Add(string secret, string form, string needle, StringComparison comparison, View view)
    {
        if (needle.Length < Math.Min(MinimumNeedleLength, secret.Length)) return;
        // A form identical to one already searched in the same view finds nothing new.
        if (needles.Any(n => n.Secret == secret && n.View == view && n.Needle.Equals(needle, n.Comparison) && n.Comparison == comparison)) return;
        needles.Add((secret, form, needle, comparison, view));
    }

    /// <summary>
    /// The part of the base64 text that depends only on the secret, for each of the three byte alignments the secret can
    /// have inside a longer encoded value.
    /// </summary>
    private static IEnumerable<string> Base64Fragments(byte[] utf8)
    {
        for (var shift = 0; shift < 3; shift++)
        {
            var padded = new byte[shift + utf8.Length];
            utf8.CopyTo(padded, shift);
            var encoded = Convert.ToBase64String(padded).TrimEnd('=');
            var firstBit = shift * 8;
            var endBit = (shift + utf8.Length) * 8;
            var first = (firstBit + 5) / 6; // first character whose 6 bits all come from the secret
            var end = endBit / 6;           // characters after this one take bits from what follows
            if (end - first >= MinimumNeedleLength) yield return encoded[first..end];
        }
        // The secret encoded alone, padding and all, as most code writes it.
        yield return Convert.ToBase64String(utf8);
    }

    private static string JsonEscaped(string secret, JavaScriptEncoder encoder)
    {
        var json = JsonSerializer.Serialize(secret, new JsonSerializerOptions { Encoder = encoder });
        return json[1..^1];
    }

    private static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    private enum View { Bytes, Utf8, Utf16Le0, Utf16Le1, Utf16Be0, Utf16Be1 }

    /// <summary>The content decoded in each way a needle is searched, each made once per scan, with a way back to byte offsets.</summary>
    private sealed class Views(ReadOnlySpan<byte> content)
    {
        private readonly byte[] bytes = content.ToArray();
        private readonly Dictionary<View, string> cache = [];

        public (string Text, Func<string, int, long> ToByte) Get(View view)
        {
            if (!cache.TryGetValue(view, out var text)) cache[view] = text = Decode(view);
            return view switch
            {
                View.Bytes => (text, (_, i) => i),
                View.Utf8 => (text, (t, i) => Encoding.UTF8.GetByteCount(t.AsSpan(0, i))), // exact where the bytes are valid UTF-8
                View.Utf16Le0 or View.Utf16Be0 => (text, (_, i) => 2L * i),
                _ => (text, (_, i) => 2L * i + 1),
            };
        }

        private string Decode(View view) => view switch
        {
            View.Bytes => Encoding.Latin1.GetString(bytes),
            View.Utf8 => Encoding.UTF8.GetString(bytes),
            View.Utf16Le0 => Encoding.Unicode.GetString(bytes, 0, bytes.Length & ~1),
            View.Utf16Le1 => bytes.Length < 3 ? "" : Encoding.Unicode.GetString(bytes, 1, (bytes.Length - 1) & ~1),
            View.Utf16Be0 => Encoding.BigEndianUnicode.GetString(bytes, 0, bytes.Length & ~1),
            _ => bytes.Length < 3 ? "" : Encoding.BigEndianUnicode.GetString(bytes, 1, (bytes.Length - 1) & ~1),
        };
    }
}
