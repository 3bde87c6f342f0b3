using System.Text;
using Hotline.Core.Storage;
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
/// <see cref="Chain"/> is the succession of team signing keys (<see cref="TeamSigningChain"/>): each rotation makes a new
/// one, so a removed operator who opened an earlier one signs nothing a service accepts. A record without it (null) was
/// written before the signing key rotated ("hl-team-key-v1" and "-v2"): its one signing key is the root.
/// </summary>
public sealed record TeamKeyRecord(long Version, byte[] PublicKey, byte[] SigningPublicKey, IReadOnlyDictionary<string, byte[]> Signers, byte[] SealedSigningKey, string Signature,
    string? Removed = null, string? Chain = null)
{
    /// <summary>The fingerprint of the key that signs this record (the newest of <see cref="SigningChain"/>).</summary>
    public string Fingerprint => HotlineCrypto.Fingerprint(SigningPublicKey);

    /// <summary>The fingerprint of the team's first signing key: which team this record belongs to, whatever rotated since.</summary>
    public string TeamFingerprint => HotlineCrypto.Fingerprint(SigningChain.Root);

    /// <summary>The team signing keys from the first to the one that signs this record.</summary>
    public TeamSigningChain SigningChain => Chain is null ? new TeamSigningChain(SigningPublicKey, []) : TeamSigningChain.Parse(Chain);

    /// <summary>"name=base64;name=base64", names in ordinal order: the form that is stored and signed.</summary>
    public string SignersText => string.Join(';', Signers.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={Convert.ToBase64String(s.Value)}"));

    /// <summary>Exactly what the team signing key signs (the console rebuilds the same string).</summary>
    public string SignedMessage => Chain is not null
        ? $"hl-team-key-v3|{Version}|{Convert.ToBase64String(PublicKey)}|{Convert.ToBase64String(SigningPublicKey)}|{SignersText}|{Convert.ToBase64String(SealedSigningKey)}|{Removed}|{Chain}"
        : Removed is null
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

    /// <param name="chain">The signing keys up to <paramref name="teamSigning"/>'s public half (<see cref="TeamSigningChain.Text"/>); a new team's starts with it.</param>
    public static TeamKeyRecord Create(long version, byte[] teamPublicKey, KeyPairBytes teamSigning, IReadOnlyDictionary<string, byte[]> signers, string removed = "", string? chain = null)
    {
        chain ??= Convert.ToBase64String(teamSigning.PublicKey);
        var unsigned = new TeamKeyRecord(version, teamPublicKey, teamSigning.PublicKey, signers, HotlineCrypto.Seal(teamSigning.PrivateKey, teamPublicKey), "", removed, chain);
        return unsigned with { Signature = Convert.ToBase64String(HotlineCrypto.Sign(Encoding.UTF8.GetBytes(unsigned.SignedMessage), teamSigning.PrivateKey)) };
    }

    /// <summary>
    /// The record after a team key rotation: signed by a new team signing key, which the current one (only a holder of the
    /// current team key can open it) hands over to in the chain, and which is sealed to the new team key alone, so whoever
    /// this rotation removes holds no key that signs what comes next. Open the new key with the new team key
    /// (<see cref="SealedSigningKey"/>) to certify operators' keys again under it.
    /// </summary>
    /// <param name="removed">The removals the new record carries (<see cref="OperatorRemoval.Text"/>): this record's, and the one this rotation makes.</param>
    public TeamKeyRecord Rotate(long newVersion, byte[] newPublicKey, KeyPairBytes currentTeam, string? removed = null)
    {
        removed ??= Removed ?? "";
        var signingPrivate = HotlineCrypto.Open(SealedSigningKey, currentTeam);
        var next = HotlineCrypto.NewSigningKeyPair();
        try
        {
            var chain = SigningChain.Extend(newVersion, signingPrivate, next.PublicKey);
            return Create(newVersion, newPublicKey, next, Signers, removed, chain.Text);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(signingPrivate);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(next.PrivateKey);
        }
    }

    /// <summary>
    /// Fails closed unless the record is signed by the newest key of its chain, every key of the chain is handed over by the
    /// one before, and the chain runs through the key whose fingerprint is pinned (the team's first, or any later one an
    /// administrator pinned since: a record from before it, or on another branch, is refused).
    /// </summary>
    public void VerifyPinned(string pinnedFingerprint)
    {
        var chain = SigningChain;
        if (!chain.Newest.AsSpan().SequenceEqual(SigningPublicKey)) throw new CryptoFailure("the team key record is signed by a key its chain does not end with");
        if (!chain.Contains(pinnedFingerprint))
        {
            throw new CryptoFailure("the team key record is signed by a key other than the one pinned in HOTLINE_TEAM_KEY_FINGERPRINT, or one it handed over to");
        }
        chain.Verify(Version);
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
        .. Chain is null ? Array.Empty<HashEntry>() : [new HashEntry("chain", Chain)],
    ];

    /// <summary>Parses the stored fields; anything missing or malformed is a <see cref="CryptoFailure"/>, never a partial record.</summary>
    public static TeamKeyRecord FromFields(HashEntry[] fields)
    {
        var map = RedisFields.ToMap(fields);
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
            map.GetValueOrDefault("removed") ?? (map.ContainsKey("chain") ? "" : null), map.GetValueOrDefault("chain") is { Length: > 0 } chain ? chain : null);
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
