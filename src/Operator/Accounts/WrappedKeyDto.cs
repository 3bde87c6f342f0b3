using Hotline.Core.Crypto;

namespace Hotline.Operator.Accounts;

/// <summary>A private key wrapped by a wrapping key: XChaCha20-Poly1305, standard base64.</summary>
public sealed record WrappedKeyDto(string? Nonce, string? Ciphertext, string? Algorithm = WrappedKeyDto.XChaCha)
{
    public const string XChaCha = "xchacha20poly1305-ietf";

    public static WrappedKeyDto From(WrappedKey w) => new(Convert.ToBase64String(w.Nonce), Convert.ToBase64String(w.Ciphertext));
}
