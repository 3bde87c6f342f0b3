using Hotline.Core.Crypto;

namespace Hotline.Operator.Accounts;

/// <summary>Argon2id parameters as JSON carries them (salt in standard base64, memLimit in bytes).</summary>
public sealed record KdfDto(string? Salt, long OpsLimit, long MemLimit)
{
    public static KdfDto From(KdfParameters kdf) => new(Convert.ToBase64String(kdf.Salt), kdf.OpsLimit, kdf.MemLimit);
}

/// <summary>A private key wrapped by a wrapping key: XChaCha20-Poly1305, standard base64.</summary>
public sealed record WrappedKeyDto(string? Nonce, string? Ciphertext, string? Algorithm = WrappedKeyDto.XChaCha)
{
    public const string XChaCha = "xchacha20poly1305-ietf";

    public static WrappedKeyDto From(WrappedKey w) => new(Convert.ToBase64String(w.Nonce), Convert.ToBase64String(w.Ciphertext));
}

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
