using System.Text;
using StackExchange.Redis;

namespace Hotline.Core.Crypto;

/// <summary>
/// The team key record (hl:{team}:keys:team): the team's box public key that every entry is sealed to, the services' signing
/// keys, and the team signing key's private half sealed to the team key (so whoever unlocks the team key, in a browser,
/// can sign a rotated record). The team signing key signs the whole record; its fingerprint is what services pin in
/// HOTLINE_TEAM_KEY_FINGERPRINT. A record rewritten by anyone without the team signing key does not verify.
/// <see cref="Removed"/> lists the operators' signing keys that were removed, and when (<see cref="OperatorRemoval"/>): the
/// browser that removes an operator signs it into the rotated record. A record without it (null) was written before
/// removals were signed ("hl-team-key-v1"); then, and only then, the unsigned marks in hl:{team}:keys:operators count.
/// </summary>
public sealed record TeamKeyRecord(long Version, byte[] PublicKey, byte[] SigningPublicKey, IReadOnlyDictionary<string, byte[]> Signers, byte[] SealedSigningKey, string Signature,
    string? Removed = null)
{
    public string Fingerprint => HotlineCrypto.Fingerprint(SigningPublicKey);

    /// <summary>"name=base64;name=base64", names in ordinal order: the form that is stored and signed.</summary>
    public string SignersText => string.Join(';', Signers.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={Convert.ToBase64String(s.Value)}"));

    /// <summary>Exactly what the team signing key signs (the console rebuilds the same string).</summary>
    public string SignedMessage => Removed is null
        ? $"hl-team-key-v1|{Version}|{Convert.ToBase64String(PublicKey)}|{Convert.ToBase64String(SigningPublicKey)}|{SignersText}|{Convert.ToBase64String(SealedSigningKey)}"
        : $"hl-team-key-v2|{Version}|{Convert.ToBase64String(PublicKey)}|{Convert.ToBase64String(SigningPublicKey)}|{SignersText}|{Convert.ToBase64String(SealedSigningKey)}|{Removed}";

    /// <summary>The signed removals (empty for a record written before they were signed: see <see cref="Removed"/>).</summary>
    public IReadOnlyList<OperatorRemoval> Removals => Removed is null ? [] : OperatorRemoval.Parse(Removed);

    /// <summary>
    /// When this operator's key stopped counting, or null: from this signed record, or, for a record written before removals
    /// were signed, from the roster's own (unsigned) mark.
    /// </summary>
    public long? RemovedAt(OperatorKeyCertificate certificate)
    {
        if (Removed is null) return certificate.RemovedAt;
        var key = Convert.ToBase64String(certificate.SignPublic);
        var times = Removals.Where(r => r.Username == certificate.Username && r.SignPublic == key).Select(r => r.At).ToList();
        return times.Count == 0 ? null : times.Min();
    }

    public static TeamKeyRecord Create(long version, byte[] teamPublicKey, KeyPairBytes teamSigning, IReadOnlyDictionary<string, byte[]> signers, string removed = "")
    {
        var unsigned = new TeamKeyRecord(version, teamPublicKey, teamSigning.PublicKey, signers, HotlineCrypto.Seal(teamSigning.PrivateKey, teamPublicKey), "", removed);
        return unsigned with { Signature = Convert.ToBase64String(HotlineCrypto.Sign(Encoding.UTF8.GetBytes(unsigned.SignedMessage), teamSigning.PrivateKey)) };
    }

    /// <summary>
    /// The record after a team key rotation, signed by the team signing key, which only a holder of the current team key
    /// can open; it is then sealed to the new team key for the next rotation.
    /// </summary>
    /// <param name="removed">The removals the new record carries (<see cref="OperatorRemoval.Text"/>): this record's, and the one this rotation makes.</param>
    public TeamKeyRecord Rotate(long newVersion, byte[] newPublicKey, KeyPairBytes currentTeam, string? removed = null)
    {
        removed ??= Removed ?? "";
        var signingPrivate = HotlineCrypto.Open(SealedSigningKey, currentTeam);
        try
        {
            return Create(newVersion, newPublicKey, new KeyPairBytes(SigningPublicKey, signingPrivate), Signers, removed);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(signingPrivate);
        }
    }

    /// <summary>Fails closed unless the record is signed by the team signing key whose fingerprint is pinned.</summary>
    public void VerifyPinned(string pinnedFingerprint)
    {
        if (!string.Equals(Fingerprint, pinnedFingerprint, StringComparison.Ordinal))
        {
            throw new CryptoFailure("the team key record is signed by a key other than the one pinned in HOTLINE_TEAM_KEY_FINGERPRINT");
        }
        HotlineCrypto.Verify(Encoding.UTF8.GetBytes(SignedMessage), FromBase64(Signature), SigningPublicKey);
    }

    public byte[] SignerKey(string name) =>
        Signers.TryGetValue(name, out var key) ? key : throw new CryptoFailure($"the team key record lists no signing key for '{name}'");

    public HashEntry[] ToFields() =>
    [
        new("version", Version),
        new("public", Convert.ToBase64String(PublicKey)),
        new("signPublic", Convert.ToBase64String(SigningPublicKey)),
        new("signers", SignersText),
        new("signSealed", Convert.ToBase64String(SealedSigningKey)),
        new("sig", Signature),
        .. Removed is null ? Array.Empty<HashEntry>() : [new HashEntry("removed", Removed)],
    ];

    /// <summary>Parses the stored fields; anything missing or malformed is a <see cref="CryptoFailure"/>, never a partial record.</summary>
    public static TeamKeyRecord FromFields(HashEntry[] fields)
    {
        var map = fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString());
        string Field(string name) => map.GetValueOrDefault(name) is { Length: > 0 } v ? v : throw new CryptoFailure($"the team key record has no '{name}'");
        if (!long.TryParse(Field("version"), out var version)) throw new CryptoFailure("the team key record's version is not a number");
        var signers = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var part in Field("signers").Split(';'))
        {
            var at = part.IndexOf('=');
            if (at <= 0) throw new CryptoFailure("the team key record's signers are malformed");
            signers[part[..at]] = FromBase64(part[(at + 1)..]);
        }
        // "removed" may be stored empty (no removal yet, but signed as such); absent only in a record written before.
        return new TeamKeyRecord(version, FromBase64(Field("public")), FromBase64(Field("signPublic")), signers, FromBase64(Field("signSealed")), Field("sig"),
            map.GetValueOrDefault("removed"));
    }

    private static byte[] FromBase64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException e)
        {
            throw new CryptoFailure("the team key record holds a value that is not base64", e);
        }
    }
}
