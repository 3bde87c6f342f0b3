using System.Globalization;
using System.Text;

namespace Hotline.Core.Crypto;

/// <summary>
/// The succession of team signing keys, kept in the team key record (field "chain") and signed with it. Every rotation
/// makes a new team signing key, sealed to the new team key only, so an operator removed by it, who could open the old
/// signing key, cannot sign anything the services accept: each key is vouched for by the one before it
/// (<see cref="LinkMessage"/>), the first (<see cref="Root"/>) is the key a new team pinned, and a service trusts a record
/// only if its chain runs through the key it pins (HOTLINE_TEAM_KEY_FINGERPRINT) and through the key that signed the
/// newest record it accepted before (<see cref="TeamKeyFloor"/>). A removed operator's old key can start another branch,
/// never continue this one. Stored as "root;version,key,signature;…" in standard base64.
/// </summary>
public sealed record TeamSigningChain(byte[] Root, IReadOnlyList<TeamSigningLink> Links)
{
    /// <summary>What the previous key signs to hand over to the next, from record <paramref name="version"/> on.</summary>
    public static string LinkMessage(long version, byte[] publicKey) =>
        string.Create(CultureInfo.InvariantCulture, $"hl-team-sign-key-v1|{version}|{Convert.ToBase64String(publicKey)}");

    /// <summary>The key that signs the record now.</summary>
    public byte[] Newest => Links.Count == 0 ? Root : Links[^1].PublicKey;

    /// <summary>Every key of the chain, oldest first.</summary>
    public IEnumerable<byte[]> Keys => Links.Select(l => l.PublicKey).Prepend(Root);

    public string Text => string.Join(';', Links.Select(l => string.Create(CultureInfo.InvariantCulture,
        $"{l.Version},{Convert.ToBase64String(l.PublicKey)},{Convert.ToBase64String(l.Signature)}")).Prepend(Convert.ToBase64String(Root)));

    /// <summary>Whether a key of the chain has this fingerprint (<see cref="HotlineCrypto.Fingerprint"/>).</summary>
    public bool Contains(string fingerprint) => Keys.Any(k => string.Equals(HotlineCrypto.Fingerprint(k), fingerprint, StringComparison.Ordinal));

    /// <summary>The chain with one more key, handed over by the newest (<paramref name="newestPrivateKey"/>) from record <paramref name="version"/> on.</summary>
    public TeamSigningChain Extend(long version, byte[] newestPrivateKey, byte[] nextPublicKey) =>
        this with { Links = [.. Links, new TeamSigningLink(version, nextPublicKey, HotlineCrypto.Sign(Encoding.UTF8.GetBytes(LinkMessage(version, nextPublicKey)), newestPrivateKey))] };

    /// <summary>Fails closed unless every key is handed over by the one before it, at rising versions no later than <paramref name="recordVersion"/>.</summary>
    public void Verify(long recordVersion)
    {
        var previous = Root;
        var since = 0L;
        foreach (var link in Links)
        {
            if (link.Version <= since || link.Version > recordVersion) throw new CryptoFailure("the team signing keys' versions are out of order");
            HotlineCrypto.Verify(Encoding.UTF8.GetBytes(LinkMessage(link.Version, link.PublicKey)), link.Signature, previous);
            previous = link.PublicKey;
            since = link.Version;
        }
    }

    /// <summary>Parses <see cref="Text"/>; anything malformed is a <see cref="CryptoFailure"/>.</summary>
    public static TeamSigningChain Parse(string text)
    {
        var parts = text.Split(';');
        var links = parts.Skip(1).Select(part =>
        {
            var fields = part.Split(',');
            if (fields.Length != 3 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new CryptoFailure("the team key record's signing key chain is malformed");
            }
            return new TeamSigningLink(version, Key(fields[1], HotlineCrypto.SigningPublicKeyBytes), Key(fields[2], HotlineCrypto.SignatureBytes));
        }).ToList();
        return new TeamSigningChain(Key(parts[0], HotlineCrypto.SigningPublicKeyBytes), links);
    }

    private static byte[] Key(string value, int length)
    {
        try
        {
            var bytes = Convert.FromBase64String(value);
            return bytes.Length == length ? bytes : throw new CryptoFailure("the team key record's signing key chain holds a value of the wrong length");
        }
        catch (FormatException e)
        {
            throw new CryptoFailure("the team key record's signing key chain holds a value that is not base64", e);
        }
    }
}
