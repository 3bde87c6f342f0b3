using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// X-Twilio-Signature, computed as Twilio computes it (https://www.twilio.com/docs/usage/security#validating-requests):
/// HMAC-SHA1 under the auth token over the full URL Twilio requested, followed by every POST parameter sorted by name,
/// name and value concatenated; base64. The URLs tried are the ones the official validator (twilio-node's
/// validateRequest) tries: as received with and without the default port, then as a WHATWG URL normalises it, and that
/// with Node's legacy query string encoding. Compared in constant time.
/// </summary>
public static partial class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    private const int HashBytes = 20;
    private const int Base64Chars = 28;

    /// <summary>The signature Twilio sends for this URL and these POST parameters.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, Encoding.UTF8.GetBytes(authToken));
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteParameters(buffer, parameters);
        Span<byte> signature = stackalloc byte[Base64Chars];
        Sign(hmac, url, buffer.WrittenSpan, signature);
        return Encoding.ASCII.GetString(signature);
    }

    /// <summary>Whether the header is what Twilio would send for the URL as received and these POST parameters.</summary>
    public static bool IsValid(string authToken, string? signature, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        // Only a base64 SHA-1 can match; its length is not secret.
        if (signature is null || signature.Length != Base64Chars) return false;
        Span<byte> given = stackalloc byte[Base64Chars];
        for (var i = 0; i < Base64Chars; i++)
        {
            if (signature[i] > 0x7f) return false;
            given[i] = (byte)signature[i];
        }
        // This thread's keyed HMAC and parameter buffer, taken for the check and handed back after it (a check that throws
        // leaves them to the collector): the HMAC's key setup and the buffer are made once per thread and token, not per request.
        var keyed = Keyed.Take(authToken);
        WriteParameters(keyed.Parameters, parameters);
        Span<byte> expected = stackalloc byte[Base64Chars];
        var valid = false;
        foreach (var candidate in CandidateUrls(url))
        {
            Sign(keyed.Hmac, candidate, keyed.Parameters.WrittenSpan, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, given))
            {
                valid = true;
                break;
            }
        }
        keyed.Return();
        return valid;
    }

    /// <summary>
    /// An HMAC-SHA1 keyed with one auth token, and a buffer for the parameters, kept per thread. <see cref="IncrementalHash.GetHashAndReset(Span{byte})"/>
    /// leaves the HMAC keyed and empty after every signature, so each check starts from the same state a new one would.
    /// </summary>
    private sealed class Keyed(string authToken)
    {
        // A form larger than this is read into a buffer of its own, not kept for the thread's next request.
        private const int KeptBufferBytes = 16 * 1024;

        [ThreadStatic] private static Keyed? mine;

        public string AuthToken { get; } = authToken;

        public IncrementalHash Hmac { get; } = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, Encoding.UTF8.GetBytes(authToken));

        public ArrayBufferWriter<byte> Parameters { get; } = new(512);

        /// <summary>This thread's, when keyed with <paramref name="authToken"/> (a new one otherwise); the thread holds none until <see cref="Return"/>.</summary>
        public static Keyed Take(string authToken)
        {
            var kept = mine;
            mine = null;
            if (kept is not null && string.Equals(kept.AuthToken, authToken, StringComparison.Ordinal)) return kept;
            kept?.Hmac.Dispose();
            return new Keyed(authToken);
        }

        public void Return()
        {
            // Zeroed, not only rewound: the parameters hold the sender's number and the message.
            Parameters.Clear();
            if (Parameters.Capacity > KeptBufferBytes)
            {
                Hmac.Dispose();
                return;
            }
            mine?.Hmac.Dispose();
            mine = this;
        }
    }

    /// <summary>The URLs twilio-node's validateRequest accepts a signature over, in its order; the normalised ones are computed only when asked for.</summary>
    public static IEnumerable<string> CandidateUrls(string url)
    {
        // Every webhook of a Bot comes to the same few URLs: the two forms of the last one are kept (two regular expression
        // matches a request otherwise).
        var ports = lastPorts;
        if (ports is null || !string.Equals(ports.Url, url, StringComparison.Ordinal)) lastPorts = ports = new PortForms(url, RemovePort(url), AddPort(url));
        var (without, with) = (ports.Without, ports.With);
        yield return without;
        if (with != without) yield return with;
        if (Normalize(url) is not { } normalized) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal) { without, with };
        foreach (var candidate in new[] { RemovePort(normalized), AddPort(normalized) })
        {
            if (seen.Add(candidate)) yield return candidate;
            var legacy = WithLegacyQueryString(candidate);
            if (seen.Add(legacy)) yield return legacy;
        }
    }

    private sealed record PortForms(string Url, string Without, string With);

    private static PortForms? lastPorts;

    private static void Sign(IncrementalHash hmac, string url, ReadOnlySpan<byte> parameters, Span<byte> base64)
    {
        AppendUtf8(hmac, url);
        hmac.AppendData(parameters);
        Span<byte> hash = stackalloc byte[HashBytes];
        hmac.GetHashAndReset(hash);
        Base64.EncodeToUtf8(hash, base64, out _, out _);
    }

    /// <summary>Name+value for every parameter sorted by name (ordinal, as JavaScript sorts); a repeated name's distinct values sorted too.</summary>
    private static void WriteParameters(ArrayBufferWriter<byte> buffer, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var sorted = parameters.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (name, values) in sorted)
        {
            if (values.Count == 1)
            {
                Write(buffer, name);
                Write(buffer, values[0] ?? "");
                continue;
            }
            var distinct = values.Select(v => v ?? "").Distinct(StringComparer.Ordinal).ToArray();
            Array.Sort(distinct, StringComparer.Ordinal);
            foreach (var value in distinct)
            {
                Write(buffer, name);
                Write(buffer, value);
            }
        }
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void AppendUtf8(IncrementalHash hash, string text)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            hash.AppendData(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private readonly record struct UrlParts(string Scheme, string UserInfo, string Host, string Port, string Rest);

    /// <summary>Splits without normalising, so the path and query keep the exact characters Twilio signed (as twilio-node's splitUrl).</summary>
    private static UrlParts? Split(string url)
    {
        var match = Prefix().Match(url);
        if (!match.Success) return null;
        var authority = match.Groups[2].Value;
        var userInfoEnd = authority.LastIndexOf('@');
        var hostAndPort = authority[(userInfoEnd + 1)..];
        // A colon only starts the port after the closing bracket of an IPv6 literal.
        var portStart = hostAndPort.IndexOf(':', hostAndPort.LastIndexOf(']') + 1);
        return new UrlParts(
            match.Groups[1].Value,
            authority[..(userInfoEnd + 1)],
            portStart == -1 ? hostAndPort : hostAndPort[..portStart],
            portStart == -1 ? "" : hostAndPort[portStart..],
            url[match.Length..]);
    }

    internal static string AddPort(string url)
    {
        if (Split(url) is not { } parts || parts.Port.Length > 0) return url;
        var port = parts.Scheme.Equals("https://", StringComparison.OrdinalIgnoreCase) ? ":443" : ":80";
        return parts.Scheme + parts.UserInfo + parts.Host + port + parts.Rest;
    }

    internal static string RemovePort(string url) =>
        Split(url) is { } parts ? parts.Scheme + parts.UserInfo + parts.Host + parts.Rest : url;

    /// <summary>
    /// What <c>new URL(url).toString()</c> gives for an http(s) URL: scheme and host lower case, default port dropped, dot
    /// segments resolved, and the characters WHATWG's path and special-query percent-encode sets name escaped as UTF-8.
    /// </summary>
    internal static string? Normalize(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return null;
        var scheme = url[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https")) return null;
        var rest = url[(schemeEnd + 3)..].Replace('\\', '/');
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? "" : rest[authorityEnd..];
        var at = authority.LastIndexOf('@');
        var userInfo = authority[..(at + 1)];
        var hostPort = authority[(at + 1)..];
        var colon = hostPort.IndexOf(':', hostPort.LastIndexOf(']') + 1);
        var host = (colon < 0 ? hostPort : hostPort[..colon]).ToLowerInvariant();
        if (host.Length == 0) return null;
        var port = "";
        if (colon >= 0 && colon < hostPort.Length - 1)
        {
            if (!int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535) return null;
            if (number != (scheme == "https" ? 443 : 80)) port = ":" + number.ToString(CultureInfo.InvariantCulture);
        }
        var fragmentStart = tail.IndexOf('#');
        var fragment = fragmentStart < 0 ? "" : tail[fragmentStart..];
        if (fragmentStart >= 0) tail = tail[..fragmentStart];
        var queryStart = tail.IndexOf('?');
        var path = queryStart < 0 ? tail : tail[..queryStart];
        var query = queryStart < 0 ? null : tail[(queryStart + 1)..];
        var result = new StringBuilder(url.Length + 16);
        result.Append(scheme).Append("://").Append(userInfo).Append(host).Append(port).Append(NormalizePath(path));
        if (query is not null) result.Append('?').Append(Escape(query, static c => c is ' ' or '"' or '#' or '<' or '>' or '\''));
        return result.Append(fragment).ToString();
    }

    private static string NormalizePath(string path)
    {
        if (path.Length == 0) return "/";
        var segments = path[1..].Split('/');
        var output = new List<string>(segments.Length);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (IsDoubleDot(segment))
            {
                if (output.Count > 0) output.RemoveAt(output.Count - 1);
                if (last) output.Add("");
            }
            else if (IsSingleDot(segment))
            {
                if (last) output.Add("");
            }
            else
            {
                output.Add(Escape(segment, static c => c is ' ' or '"' or '#' or '<' or '>' or '?' or '`' or '{' or '}'));
            }
        }
        return "/" + string.Join('/', output);
    }

    private static bool IsSingleDot(string s) => s == "." || s.Equals("%2e", StringComparison.OrdinalIgnoreCase);

    private static bool IsDoubleDot(string s) =>
        s == ".." || s.Equals(".%2e", StringComparison.OrdinalIgnoreCase) || s.Equals("%2e.", StringComparison.OrdinalIgnoreCase) ||
        s.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase);

    /// <summary>Percent-encodes C0 controls, everything above '~' (as UTF-8) and the set's own characters; '%' is left as it is.</summary>
    private static string Escape(string text, Func<char, bool> inSet)
    {
        var needs = false;
        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7e || inSet(c)) { needs = true; break; }
        }
        if (!needs) return text;
        var builder = new StringBuilder(text.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c <= 0x7e && !inSet(c))
            {
                builder.Append(c);
                continue;
            }
            var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? "\uFFFD" : c.ToString(), utf8);
            foreach (var b in utf8[..length]) builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>The query re-encoded as Node's legacy querystring.stringify(querystring.parse(q)) does (twilio-node's last fallback).</summary>
    internal static string WithLegacyQueryString(string url)
    {
        var queryStart = url.IndexOf('?');
        if (queryStart == -1 || queryStart == url.Length - 1) return url;
        var pairs = new List<(string Key, List<string> Values)>();
        foreach (var part in url[(queryStart + 1)..].Split('&'))
        {
            if (part.Length == 0) continue;
            var eq = part.IndexOf('=');
            var key = LegacyUnescape(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : LegacyUnescape(part[(eq + 1)..]);
            var existing = pairs.FindIndex(p => p.Key == key);
            if (existing >= 0) pairs[existing].Values.Add(value);
            else pairs.Add((key, [value]));
        }
        // JavaScript objects list array-index keys first, in numeric order, then the rest in insertion order.
        var ordered = pairs.Where(p => IsArrayIndex(p.Key)).OrderBy(p => uint.Parse(p.Key, CultureInfo.InvariantCulture))
            .Concat(pairs.Where(p => !IsArrayIndex(p.Key)));
        var query = string.Join('&', ordered.SelectMany(p => p.Values.Select(v => LegacyEscape(p.Key) + "=" + LegacyEscape(v))));
        return url[..queryStart] + "?" + query;
    }

    private static bool IsArrayIndex(string key) =>
        key.Length > 0 && (key == "0" || key[0] != '0') && key.All(char.IsAsciiDigit) &&
        uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < uint.MaxValue;

    private static string LegacyUnescape(string s)
    {
        s = s.Replace('+', ' ');
        try
        {
            return Uri.UnescapeDataString(s);
        }
        catch (UriFormatException)
        {
            return s;
        }
    }

    private static string LegacyEscape(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'!' or (byte)'~' or (byte)'*' or (byte)'\'' or (byte)'(' or (byte)')')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex("^([a-z][a-z0-9+.-]*://)([^/?#]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();
}
