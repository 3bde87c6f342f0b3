using Microsoft.Extensions.FileProviders;

namespace Hotline.Operator.Accounts;

/// <summary>
/// The minimum strength of a new passphrase: at least <see cref="MinLength"/> characters, not the username, not on the
/// short list of common ones (wwwroot/common-passphrases.txt, which the browser checks against too). The server sees a
/// passphrase only where it is typed into the admin command; everywhere else the browser checks it.
/// </summary>
public static class PassphrasePolicy
{
    public const int MinLength = 12;

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        var file = new ManifestEmbeddedFileProvider(typeof(PassphrasePolicy).Assembly, "wwwroot").GetFileInfo("common-passphrases.txt");
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(Normalise).ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>Why the passphrase is too weak, or null when it will do.</summary>
    public static string? Weakness(string passphrase, string? username = null)
    {
        if (passphrase.Length < MinLength) return $"A passphrase needs at least {MinLength} characters: a few words are easier to remember than symbols.";
        var normal = Normalise(passphrase);
        if (username is not null && normal.Contains(Normalise(username), StringComparison.Ordinal) && normal.Length - Normalise(username).Length < MinLength) return "A passphrase must not be built on the username.";
        if (Common.Value.Contains(normal)) return "That passphrase is among the most common ones: choose another.";
        return null;
    }

    private static string Normalise(string s) => new(s.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)).ToArray());
}
