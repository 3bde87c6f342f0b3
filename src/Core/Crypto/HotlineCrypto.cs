using System.Security.Cryptography;
using Sodium;

namespace Hotline.Core.Crypto;

/// <summary>
/// The one place that touches keys and nonces. Verbs: seal/open (entries, to a public key),
/// wrap/unwrap (a private key under a passphrase), derive (a sub-key), hash (the transcript chain).
/// Everything fails closed: a value that does not authenticate throws <see cref="CryptoFailure"/>.
/// </summary>
public static class HotlineCrypto
{
    public const int KeyBytes = 32;
    public const int NonceBytes = 24;
    public const int ChainHashBytes = 32;

    /// <summary>Argon2id cost for wrapping an operator's private key (3 passes, 64 MiB: within what a browser's WebAssembly libsodium can allocate).</summary>
    public const long WrapOpsLimit = 3;
    public const int WrapMemLimit = 64 * 1024 * 1024;

    /// <summary>Argon2id cost for sign-in password hashes (3 passes, 64 MiB).</summary>
    public const long LoginOpsLimit = 3;
    public const int LoginMemLimit = 64 * 1024 * 1024;

    public static KeyPairBytes NewKeyPair()
    {
        using var pair = PublicKeyBox.GenerateKeyPair();
        return new KeyPairBytes(pair.PublicKey, pair.PrivateKey);
    }

    public static byte[] RandomBytes(int count) => SodiumCore.GetRandomBytes(count);

    /// <summary>Seals a transcript entry: a fresh key, XChaCha20-Poly1305 over the text, the key sealed to the team.</summary>
    public static SealedPayload SealEntry(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, byte[] teamPublicKey)
    {
        var key = SodiumCore.GetRandomBytes(KeyBytes);
        try
        {
            var nonce = SodiumCore.GetRandomBytes(NonceBytes);
            var cipher = SecretAeadXChaCha20Poly1305.Encrypt(plaintext.ToArray(), nonce, key, associatedData.ToArray());
            var sealedKey = SealedPublicKeyBox.Create(key, teamPublicKey);
            return new SealedPayload(nonce, cipher, sealedKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public static byte[] OpenEntry(SealedPayload payload, ReadOnlySpan<byte> associatedData, KeyPairBytes team)
    {
        var key = Open(payload.SealedKey, team);
        try
        {
            return Decrypt(payload.Ciphertext, payload.Nonce, key, associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>crypto_box_seal: anonymous sender, only the holder of the private key can open.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> message, byte[] recipientPublicKey) =>
        SealedPublicKeyBox.Create(message.ToArray(), recipientPublicKey);

    public static byte[] Open(byte[] sealedMessage, KeyPairBytes recipient)
    {
        try
        {
            return SealedPublicKeyBox.Open(sealedMessage, recipient.PrivateKey, recipient.PublicKey);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException)
        {
            throw new CryptoFailure("a sealed value did not open", e);
        }
    }

    /// <summary>Symmetric authenticated encryption with a key the caller holds (the Bot's delivery buffer).</summary>
    public static (byte[] Nonce, byte[] Ciphertext) Encrypt(ReadOnlySpan<byte> plaintext, byte[] key, ReadOnlySpan<byte> associatedData)
    {
        var nonce = SodiumCore.GetRandomBytes(NonceBytes);
        return (nonce, SecretAeadXChaCha20Poly1305.Encrypt(plaintext.ToArray(), nonce, key, associatedData.ToArray()));
    }

    public static byte[] Decrypt(byte[] ciphertext, byte[] nonce, byte[] key, ReadOnlySpan<byte> associatedData)
    {
        try
        {
            return SecretAeadXChaCha20Poly1305.Decrypt(ciphertext, nonce, key, associatedData.ToArray());
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException)
        {
            throw new CryptoFailure("an encrypted value did not authenticate", e);
        }
    }

    /// <summary>Wraps a private key under a key derived from a passphrase (Argon2id), so only the passphrase holder unwraps it.</summary>
    public static WrappedKey Wrap(byte[] privateKey, string passphrase, long opsLimit = WrapOpsLimit, int memLimit = WrapMemLimit)
    {
        if (opsLimit < 3) throw new ArgumentOutOfRangeException(nameof(opsLimit), "Argon2id needs at least 3 passes");
        var salt = PasswordHash.ArgonGenerateSalt();
        var kek = DeriveFromPassphrase(passphrase, salt, opsLimit, memLimit);
        try
        {
            var nonce = SodiumCore.GetRandomBytes(NonceBytes);
            var cipher = SecretAeadXChaCha20Poly1305.Encrypt(privateKey, nonce, kek, WrapAssociatedData);
            return new WrappedKey(salt, opsLimit, memLimit, nonce, cipher);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    public static byte[] Unwrap(WrappedKey wrapped, string passphrase)
    {
        var kek = DeriveFromPassphrase(passphrase, wrapped.Salt, wrapped.OpsLimit, wrapped.MemLimit);
        try
        {
            return Decrypt(wrapped.Ciphertext, wrapped.Nonce, kek, WrapAssociatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>A sub-key for one purpose and one context (keyed BLAKE2b), e.g. a conversation's delivery key.</summary>
    public static byte[] Derive(byte[] masterKey, string purpose, string context) =>
        GenericHash.Hash(System.Text.Encoding.UTF8.GetBytes(purpose + "\n" + context), masterKey, KeyBytes);

    /// <summary>The transcript chain: BLAKE2b-256 over the previous link and this entry's sealed parts.</summary>
    public static byte[] ChainHash(ReadOnlySpan<byte> previous, SealedPayload payload)
    {
        var buffer = new byte[previous.Length + payload.Nonce.Length + payload.Ciphertext.Length + payload.SealedKey.Length];
        previous.CopyTo(buffer);
        var at = previous.Length;
        payload.Nonce.CopyTo(buffer, at); at += payload.Nonce.Length;
        payload.Ciphertext.CopyTo(buffer, at); at += payload.Ciphertext.Length;
        payload.SealedKey.CopyTo(buffer, at);
        return GenericHash.Hash(buffer, (byte[]?)null, ChainHashBytes);
    }

    /// <summary>Keyed hash (HMAC-SHA256) for pseudonyms and token signatures.</summary>
    public static byte[] Mac(byte[] key, ReadOnlySpan<byte> message) => HMACSHA256.HashData(key, message);

    public static string HashPassword(string password) => PasswordHash.ArgonHashString(password, LoginOpsLimit, LoginMemLimit);

    public static bool VerifyPassword(string hash, string password)
    {
        try
        {
            return PasswordHash.ArgonHashStringVerify(hash, password);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[] DeriveFromPassphrase(string passphrase, byte[] salt, long opsLimit, int memLimit) =>
        PasswordHash.ArgonHashBinary(System.Text.Encoding.UTF8.GetBytes(passphrase), salt, opsLimit, memLimit, KeyBytes, PasswordHash.ArgonAlgorithm.Argon_2ID13);

    private static readonly byte[] WrapAssociatedData = "hotline-wrapped-key-v1"u8.ToArray();
}

public sealed record KeyPairBytes(byte[] PublicKey, byte[] PrivateKey);

public sealed record SealedPayload(byte[] Nonce, byte[] Ciphertext, byte[] SealedKey);

public sealed record WrappedKey(byte[] Salt, long OpsLimit, int MemLimit, byte[] Nonce, byte[] Ciphertext);

public sealed class CryptoFailure(string message, Exception? inner = null) : Exception(message, inner);
