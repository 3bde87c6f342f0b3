using Hotline.Core.Crypto;

namespace Hotline.Operator.Accounts;

/// <summary>
/// Reads keys a client sends, checking each one's length, and gathers what is wrong for one ValidationProblem:
/// a malformed key is refused before anything is stored.
/// </summary>
public sealed class KeyInput
{
    /// <summary>A sealed 32-byte private key: crypto_box_seal adds an ephemeral public key and a tag.</summary>
    public const int SealedKeyBytes = HotlineCrypto.KeyBytes + 32 + 16;
    public const int WrappedKeyBytes = HotlineCrypto.KeyBytes + 16;

    private readonly Dictionary<string, string[]> errors = [];

    public bool IsValid => errors.Count == 0;

    public IDictionary<string, string[]> Errors => errors;

    public void Fail(string field, string message) => errors[field] = [message];

    public byte[] Key(string field, string? value, int length = HotlineCrypto.KeyBytes)
    {
        var bytes = Bytes(value);
        if (bytes?.Length == length) return bytes;
        Fail(field, $"Give {field} as {length} bytes in standard base64.");
        return [];
    }

    /// <summary>An Ed25519 secret key (64 bytes) in a sealed box.</summary>
    public const int SealedSigningKeyBytes = 64 + 32 + 16;

    /// <summary>
    /// An operator's signing key as their browser made it: the public half, the secret half sealed to their own public key,
    /// and the team signing key's certificate, which must verify (the server cannot make one, and must not store a false one).
    /// </summary>
    public (OperatorKeyCertificate Certificate, byte[] Sealed)? SigningKey(string username, string? signPublic, string? sealedSigningKey, string? signCert, byte[] teamSigningPublicKey)
    {
        var publicKey = Key("signPublic", signPublic, HotlineCrypto.SigningPublicKeyBytes);
        var sealedKey = Key("sealedSigningKey", sealedSigningKey, SealedSigningKeyBytes);
        var certificate = Key("signCert", signCert, HotlineCrypto.SignatureBytes);
        if (publicKey.Length == 0 || sealedKey.Length == 0 || certificate.Length == 0) return null;
        var made = new OperatorKeyCertificate(username, publicKey, certificate);
        try
        {
            made.Verify(teamSigningPublicKey);
        }
        catch (CryptoFailure)
        {
            Fail("signCert", "Certify the signing key with the team signing key (sealed to the team key): its signature over \"hl-operator-key-v1|username|signPublic\".");
            return null;
        }
        return (made, sealedKey);
    }

    public KdfParameters Kdf(string field, KdfDto? dto)
    {
        var salt = Bytes(dto?.Salt);
        var kdf = new KdfParameters(salt ?? [], dto?.OpsLimit ?? 0, dto?.MemLimit is >= 0 and <= int.MaxValue ? (int)dto.MemLimit : 0);
        if (!Prelogin.IsStrongEnough(kdf))
        {
            Fail(field, $"Give {field} as argon2id13 parameters: a {HotlineCrypto.KdfSaltBytes}-byte salt, opsLimit at least {HotlineCrypto.MasterOpsLimit}, memLimit at least {HotlineCrypto.MasterMemLimit} bytes.");
        }
        return kdf;
    }

    public WrappedKey Wrapped(string field, WrappedKeyDto? dto)
    {
        var nonce = Bytes(dto?.Nonce);
        var cipher = Bytes(dto?.Ciphertext);
        if (nonce?.Length != HotlineCrypto.NonceBytes || cipher?.Length != WrappedKeyBytes || dto?.Algorithm is not (null or WrappedKeyDto.XChaCha))
        {
            Fail(field, $"Give {field} as {{nonce, ciphertext}}: a {HotlineCrypto.NonceBytes}-byte nonce and a {WrappedKeyBytes}-byte XChaCha20-Poly1305 ciphertext of a private key.");
            return new WrappedKey([], []);
        }
        return new WrappedKey(nonce, cipher);
    }

    private static byte[]? Bytes(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4096) return null;
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
