using System.Text;

namespace Hotline.Core.Crypto;

/// <summary>
/// An operator's signing key as the team vouches for it: the team signing key (whose fingerprint services pin and the
/// console shows) signs "hl-operator-key-v1|username|signPublic". Only a browser that has unlocked the team key holds the
/// team signing key, so the Operator service cannot put a key of its own in an operator's name. <see cref="RemovedAt"/>
/// is when the account was removed (Unix ms): its words written after that no longer count.
/// </summary>
public sealed record OperatorKeyCertificate(string Username, byte[] SignPublic, byte[] Certificate, long? RemovedAt = null)
{
    public static string Message(string username, byte[] signPublic) => $"hl-operator-key-v1|{username}|{Convert.ToBase64String(signPublic)}";

    /// <summary>Signs a certificate (the admin command, which unlocks the team signing key where the team key is unlocked).</summary>
    public static OperatorKeyCertificate Create(string username, byte[] signPublic, byte[] teamSigningPrivateKey) =>
        new(username, signPublic, HotlineCrypto.Sign(Encoding.UTF8.GetBytes(Message(username, signPublic)), teamSigningPrivateKey));

    /// <summary>Fails closed unless the team signing key signed this username with this key.</summary>
    public void Verify(byte[] teamSigningPublicKey)
    {
        if (SignPublic.Length != HotlineCrypto.SigningPublicKeyBytes) throw new CryptoFailure("an operator's signing key is 32 bytes");
        HotlineCrypto.Verify(Encoding.UTF8.GetBytes(Message(Username, SignPublic)), Certificate, teamSigningPublicKey);
    }

    /// <summary>Whether words written at <paramref name="at"/> (Unix ms) still count: before the account was removed.</summary>
    public bool ValidAt(long at) => RemovedAt is not { } removed || at < removed;
}
