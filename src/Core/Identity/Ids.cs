using System.Security.Cryptography;

namespace Hotline.Core.Identity;

/// <summary>Random identifiers: unguessable, URL-safe, never derived from anything about a person.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyz23456789";

    public static string New(string prefix, int length = 20)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return prefix + new string(chars);
    }

    /// <summary>An id safe to embed in a Redis key and a URL: letters, digits, '-' and '_' only, bounded length.</summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
