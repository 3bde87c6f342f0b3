using System.Security.Cryptography;

namespace Hotline.Operator.Accounts;

/// <summary>
/// The client's half of the key protocol, in C#: what the console's auth-keys.js does in the browser, for the admin
/// command (which runs where the first keys are made) and for C# clients. The server's code never calls it.
/// </summary>
public static class ClientKeys
{
    /// <summary>authKey and wrapping key from a passphrase and the account's parameters.</summary>
    public static LoginKeys Derive(string passphrase, KdfParameters kdf)
    {
        var master = HotlineCrypto.MasterKey(passphrase, kdf);
        try
        {
            return HotlineCrypto.SplitMasterKey(master);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    /// <summary>POST /api/auth/prelogin, then the derivation: what a client sends to sign in, and what it keeps.</summary>
    public static async Task<PreparedLogin> PrepareLoginAsync(HttpClient http, string username, string passphrase, CancellationToken cancellationToken = default)
    {
        var response = await http.PostAsJsonAsync("/api/auth/prelogin", new { username }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var kdf = await response.Content.ReadFromJsonAsync<PreloginResponse>(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("prelogin answered nothing");
        if (kdf.Kdf != AuthApi.KdfName) throw new InvalidOperationException($"prelogin asks for an unknown derivation '{kdf.Kdf}'");
        var keys = Derive(passphrase, new KdfParameters(Convert.FromBase64String(kdf.Salt), kdf.OpsLimit, checked((int)kdf.MemLimit)));
        return new PreparedLogin(username, Convert.ToBase64String(keys.AuthKey), keys.WrappingKey);
    }

    /// <summary>Signs in as a client does (prelogin, derive, login) and returns the session token.</summary>
    public static async Task<string> SignInAsync(HttpClient http, string username, string passphrase, CancellationToken cancellationToken = default)
    {
        var login = await PrepareLoginAsync(http, username, passphrase, cancellationToken).ConfigureAwait(false);
        CryptographicOperations.ZeroMemory(login.WrappingKey);
        var response = await http.PostAsJsonAsync("/api/auth/login", new { username = login.Username, authKey = login.AuthKey }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginResponse>(cancellationToken).ConfigureAwait(false))!.Token;
    }

    /// <summary>
    /// A new account: a key pair, the private half wrapped by the passphrase's wrapping key and by the recovery key's,
    /// and (for readers) <paramref name="teamPrivateKey"/> sealed to the new public key. Hashes are the server's job:
    /// <paramref name="hash"/> stands for it (the admin command, writing to Redis itself, passes the real one).
    /// </summary>
    public static PreparedAccount Prepare(string username, string passphrase, IReadOnlyList<Role> roles, byte[]? teamPrivateKey, int teamKeyVersion, Func<byte[], string> hash)
    {
        var pair = HotlineCrypto.NewKeyPair();
        var kdf = new KdfParameters(HotlineCrypto.RandomBytes(HotlineCrypto.KdfSaltBytes), HotlineCrypto.MasterOpsLimit, HotlineCrypto.MasterMemLimit);
        var keys = Derive(passphrase, kdf);
        var recoveryKey = HotlineCrypto.RandomBytes(HotlineCrypto.KeyBytes);
        var recovery = HotlineCrypto.SplitMasterKey(recoveryKey, HotlineCrypto.RecoveryContext);
        try
        {
            var account = new OperatorAccount(username, hash(keys.AuthKey), kdf, roles, pair.PublicKey,
                HotlineCrypto.WrapKey(pair.PrivateKey, keys.WrappingKey),
                teamPrivateKey is null ? [] : HotlineCrypto.Seal(teamPrivateKey, pair.PublicKey),
                teamPrivateKey is null ? 0 : teamKeyVersion,
                new AccountRecovery(hash(recovery.AuthKey), HotlineCrypto.WrapKey(pair.PrivateKey, recovery.WrappingKey)));
            return new PreparedAccount(account, keys.AuthKey, recovery.AuthKey, RecoveryKeyText(recoveryKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pair.PrivateKey);
            CryptographicOperations.ZeroMemory(keys.WrappingKey);
            CryptographicOperations.ZeroMemory(recovery.WrappingKey);
            CryptographicOperations.ZeroMemory(recoveryKey);
        }
    }

    /// <summary>The team private key, opened with the passphrase: unwrap the operator's key, then open their sealed copy.</summary>
    public static byte[] UnlockTeamKey(OperatorAccount account, string passphrase)
    {
        var keys = Derive(passphrase, account.Kdf);
        var operatorPrivate = HotlineCrypto.UnwrapKey(account.WrappedPrivateKey, keys.WrappingKey);
        try
        {
            return HotlineCrypto.Open(account.SealedTeamKey, new KeyPairBytes(account.PublicKey, operatorPrivate));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(operatorPrivate);
            CryptographicOperations.ZeroMemory(keys.WrappingKey);
        }
    }

    /// <summary>
    /// A rotation that removes <paramref name="removed"/>: a new team key pair, its private half sealed to every remaining
    /// holder, the old private half sealed under the new public key, a new team signing key, and every operator's signing key
    /// in <paramref name="certified"/> (<see cref="TeamKeyring.CertifiedAsync"/>) certified again under it.
    /// <paramref name="progress"/> hears each holder sealed.
    /// </summary>
    public static TeamKeyRotation PrepareRotation(string removed, TeamPublicKey current, byte[] currentPrivateKey, IReadOnlyList<OperatorAccount> holders,
        Hotline.Core.Crypto.TeamKeyRecord signed, string removals, IReadOnlyList<OperatorKeyCertificate> certified, Action<int, int>? progress = null)
    {
        var next = HotlineCrypto.NewKeyPair();
        try
        {
            var sealedTo = new Dictionary<string, byte[]>();
            foreach (var holder in holders)
            {
                sealedTo[holder.Username] = HotlineCrypto.Seal(next.PrivateKey, holder.PublicKey);
                progress?.Invoke(sealedTo.Count, holders.Count);
            }
            // The new record is signed with a new team signing key that the current one hands over to, or the services would refuse it.
            var record = signed.Rotate(current.Version + 1, next.PublicKey, new KeyPairBytes(current.PublicKey, currentPrivateKey), removals);
            var signing = HotlineCrypto.Open(record.SealedSigningKey, next);
            try
            {
                var certificates = certified.ToDictionary(c => c.Username, c => OperatorKeyCertificate.Create(c.Username, c.SignPublic, signing).Certificate, StringComparer.Ordinal);
                return new TeamKeyRotation(removed, current.Version, next.PublicKey, HotlineCrypto.Seal(currentPrivateKey, next.PublicKey), sealedTo,
                    record.SealedSigningKey, record.Signature, removals, record.SigningPublicKey, record.Chain!, certificates);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(signing);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(next.PrivateKey);
        }
    }

    /// <summary>32 bytes as eight groups of eight hex digits, to write down: "0f1e2d3c-…".</summary>
    public static string RecoveryKeyText(byte[] key) =>
        string.Join('-', Convert.ToHexStringLower(key).Chunk(8).Select(c => new string(c)));

    public static byte[]? ParseRecoveryKey(string text)
    {
        var hex = new string(text.Where(char.IsAsciiHexDigit).ToArray());
        return hex.Length == 64 ? Convert.FromHexString(hex) : null;
    }
}
