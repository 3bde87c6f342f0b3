using System.Security.Cryptography;
using Sodium;

namespace Hotline.Core.Crypto;

/// <summary>
/// The one place that touches keys and nonces. Verbs: seal/open (entries, to a public key),
/// wrap/unwrap (a private key under a key derived in the client from a passphrase), derive (a sub-key), hash (the transcript chain).
/// Everything fails closed: a value that does not authenticate throws <see cref="CryptoFailure"/>.
/// </summary>
public static class HotlineCrypto
{
    public const int KeyBytes = 32;
    public const int NonceBytes = 24;
    public const int ChainHashBytes = 32;

    /// <summary>
    /// Argon2id cost of an operator's master key, run in their browser (3 passes, 64 MiB: within what a browser's
    /// WebAssembly libsodium can allocate). The server only hands these parameters out; it never runs them.
    /// </summary>
    public const long MasterOpsLimit = 3;
    public const int MasterMemLimit = 64 * 1024 * 1024;
    public const int KdfSaltBytes = 16;

    /// <summary>crypto_kdf context of the sign-in split: subkey 1 authenticates, subkey 2 wraps the private key.</summary>
    public const string LoginContext = "HLLOGIN1";

    /// <summary>crypto_kdf context of the recovery key's split, the same way round.</summary>
    public const string RecoveryContext = "HLRECOV1";

    /// <summary>
    /// Argon2id cost of the server's hash of an authentication key. The key is 256 random-looking bits, so the hash
    /// only has to make a stolen record useless to replay, not resist guessing: OWASP's 3-pass profile (3 passes, 12 MiB;
    /// libsodium's string hash takes no fewer passes).
    /// </summary>
    public const long AuthHashOpsLimit = 3;
    public const int AuthHashMemLimit = 12 * 1024 * 1024;

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

    /// <summary>
    /// A fresh data key for one conversation (XChaCha20-Poly1305) and the same key sealed to the team: entries are
    /// encrypted under the key, and only the sealed copy is stored, so deleting it makes every copy of those entries unreadable.
    /// </summary>
    public static (byte[] Key, byte[] Sealed) NewDataKey(byte[] teamPublicKey)
    {
        var key = SodiumCore.GetRandomBytes(KeyBytes);
        return (key, SealedPublicKeyBox.Create(key, teamPublicKey));
    }

    /// <summary>Opens a data key sealed to the team (<see cref="NewDataKey"/>); a wrong key or a changed value throws <see cref="CryptoFailure"/>.</summary>
    public static byte[] OpenDataKey(byte[] sealedKey, KeyPairBytes team)
    {
        var key = Open(sealedKey, team);
        if (key.Length == KeyBytes) return key;
        CryptographicOperations.ZeroMemory(key);
        throw new CryptoFailure("a sealed data key has the wrong length");
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

    /// <summary>As <see cref="Encrypt(ReadOnlySpan{byte}, byte[], ReadOnlySpan{byte})"/>, with arrays the caller no longer changes: not copied first.</summary>
    public static (byte[] Nonce, byte[] Ciphertext) Encrypt(byte[] plaintext, byte[] key, byte[] associatedData)
    {
        var nonce = SodiumCore.GetRandomBytes(NonceBytes);
        return (nonce, SecretAeadXChaCha20Poly1305.Encrypt(plaintext, nonce, key, associatedData));
    }

    public static byte[] Decrypt(byte[] ciphertext, byte[] nonce, byte[] key, ReadOnlySpan<byte> associatedData) =>
        Decrypt(ciphertext, nonce, key, associatedData.ToArray());

    /// <summary>As <see cref="Decrypt(byte[], byte[], byte[], ReadOnlySpan{byte})"/>, with associated data the caller no longer changes: not copied first.</summary>
    public static byte[] Decrypt(byte[] ciphertext, byte[] nonce, byte[] key, byte[] associatedData)
    {
        try
        {
            return SecretAeadXChaCha20Poly1305.Decrypt(ciphertext, nonce, key, associatedData);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException)
        {
            throw new CryptoFailure("an encrypted value did not authenticate", e);
        }
    }

    /// <summary>The master key: crypto_pwhash(32, passphrase, salt, opsLimit, memLimit, ALG_ARGON2ID13), as the browser computes it.</summary>
    public static byte[] MasterKey(string passphrase, KdfParameters kdf)
    {
        if (kdf.OpsLimit < 3) throw new ArgumentOutOfRangeException(nameof(kdf), "Argon2id needs at least 3 passes");
        return PasswordHash.ArgonHashBinary(System.Text.Encoding.UTF8.GetBytes(passphrase), kdf.Salt, kdf.OpsLimit, kdf.MemLimit, KeyBytes, PasswordHash.ArgonAlgorithm.Argon_2ID13);
    }

    /// <summary>Splits a master key into the authentication key (the server sees it) and the wrapping key (it never does).</summary>
    public static LoginKeys SplitMasterKey(byte[] masterKey, string context = LoginContext) =>
        new(DeriveSubkey(masterKey, 1, context), DeriveSubkey(masterKey, 2, context));

    /// <summary>libsodium's crypto_kdf_derive_from_key: BLAKE2b keyed by the master key, the subkey id as salt, the context as personal.</summary>
    public static byte[] DeriveSubkey(byte[] masterKey, ulong subkeyId, string context)
    {
        if (masterKey.Length != KeyBytes) throw new ArgumentException("A crypto_kdf master key is 32 bytes", nameof(masterKey));
        if (context.Length != 8) throw new ArgumentException("A crypto_kdf context is 8 characters", nameof(context));
        var salt = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(salt, subkeyId);
        var personal = new byte[16];
        System.Text.Encoding.ASCII.GetBytes(context, personal);
        return GenericHash.HashSaltPersonal([], masterKey, salt, personal, KeyBytes);
    }

    /// <summary>Wraps a private key under a wrapping key (XChaCha20-Poly1305): only whoever can derive that key unwraps it.</summary>
    public static WrappedKey WrapKey(byte[] privateKey, byte[] wrappingKey)
    {
        var nonce = SodiumCore.GetRandomBytes(NonceBytes);
        return new WrappedKey(nonce, SecretAeadXChaCha20Poly1305.Encrypt(privateKey, nonce, wrappingKey, WrapAssociatedData));
    }

    public static byte[] UnwrapKey(WrappedKey wrapped, byte[] wrappingKey) =>
        Decrypt(wrapped.Ciphertext, wrapped.Nonce, wrappingKey, WrapAssociatedData);

    /// <summary>The server's slow hash of an authentication key (Argon2id, libsodium's encoded string with its own salt).</summary>
    public static string HashAuthKey(byte[] authKey) =>
        PasswordHash.ArgonHashString(Convert.ToBase64String(authKey), AuthHashOpsLimit, AuthHashMemLimit);

    public static bool VerifyAuthKey(string hash, byte[] authKey)
    {
        try
        {
            return PasswordHash.ArgonHashStringVerify(hash, Convert.ToBase64String(authKey));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A sub-key for one purpose and one context (keyed BLAKE2b), e.g. a conversation's delivery key.</summary>
    public static byte[] Derive(byte[] masterKey, string purpose, string context) =>
        GenericHash.Hash(System.Text.Encoding.UTF8.GetBytes(purpose + "\n" + context), masterKey, KeyBytes);

    /// <summary>A fresh Ed25519 signing key pair (the private half is libsodium's 64-byte secret key: seed and public key).</summary>
    public static KeyPairBytes NewSigningKeyPair()
    {
        using var pair = PublicKeyAuth.GenerateKeyPair();
        return new KeyPairBytes(pair.PublicKey, pair.PrivateKey);
    }

    /// <summary>The Ed25519 key pair of a 32-byte seed (crypto_sign_seed_keypair): the same seed gives the same keys everywhere.</summary>
    public static KeyPairBytes SigningKeyPairFromSeed(byte[] seed)
    {
        using var pair = PublicKeyAuth.GenerateKeyPair(seed);
        return new KeyPairBytes(pair.PublicKey, pair.PrivateKey);
    }

    /// <summary>crypto_sign_detached: whoever holds the public key can check that the holder of the private key wrote exactly this.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> message, byte[] signingPrivateKey) =>
        PublicKeyAuth.SignDetached(message.ToArray(), signingPrivateKey);

    /// <summary>As <see cref="Sign(ReadOnlySpan{byte}, byte[])"/>, over an array the caller no longer changes: not copied first.</summary>
    public static byte[] Sign(byte[] message, byte[] signingPrivateKey) =>
        PublicKeyAuth.SignDetached(message, signingPrivateKey);

    /// <summary>Checks a detached signature; a wrong, missing or malformed one throws <see cref="CryptoFailure"/>.</summary>
    public static void Verify(ReadOnlySpan<byte> message, byte[] signature, byte[] signingPublicKey)
    {
        bool valid;
        try
        {
            valid = signature.Length == SignatureBytes && signingPublicKey.Length == SigningPublicKeyBytes
                && PublicKeyAuth.VerifyDetached(signature, message.ToArray(), signingPublicKey);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException)
        {
            throw new CryptoFailure("a signature could not be checked", e);
        }
        if (!valid) throw new CryptoFailure("a signature does not verify");
    }

    /// <summary>What is pinned in configuration and shown in the console: BLAKE2b-256 of a signing public key, as 64 hex digits.</summary>
    public static string Fingerprint(byte[] signingPublicKey) =>
        Convert.ToHexStringLower(GenericHash.Hash(signingPublicKey, (byte[]?)null, FingerprintBytes));

    public const int SignatureBytes = 64;
    public const int SigningPublicKeyBytes = 32;
    public const int FingerprintBytes = 32;

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

    /// <summary>As <see cref="ChainHash(ReadOnlySpan{byte}, SealedPayload)"/>, the previous link and the sealed parts already side by side.</summary>
    public static byte[] ChainHash(byte[] previousAndParts) => GenericHash.Hash(previousAndParts, (byte[]?)null, ChainHashBytes);

    /// <summary>Keyed hash (HMAC-SHA256) for pseudonyms and token signatures.</summary>
    public static byte[] Mac(byte[] key, ReadOnlySpan<byte> message) => HMACSHA256.HashData(key, message);

    private static readonly byte[] WrapAssociatedData = "hotline-wrapped-key-v2"u8.ToArray();
}
