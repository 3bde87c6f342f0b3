using System.Text.Json;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Operator.Accounts;

public sealed class OperatorAccounts(HotlineRedis redis)
{
    public static bool IsValidUsername(string? username) =>
        username is { Length: >= 2 and <= 40 } && username.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_');

    public async Task<OperatorAccount?> FindAsync(string username)
    {
        if (!IsValidUsername(username)) return null;
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.Operator(username)).ConfigureAwait(false);
        if (entries.Length == 0) return null;
        var map = RedisFields.ToMap(entries);
        // A record from before client-side key derivation has no "authHash": it cannot sign in until re-enrolled.
        if (!map.TryGetValue("authHash", out var authHash)) return null;
        var kdf = JsonSerializer.Deserialize<StoredKdf>(map["kdf"])!;
        return new OperatorAccount(
            username,
            authHash,
            new KdfParameters(Convert.FromBase64String(kdf.Salt), kdf.OpsLimit, kdf.MemLimit),
            map["roles"].Split(',').Select(Enum.Parse<Role>).ToArray(),
            Convert.FromBase64String(map["publicKey"]),
            ReadWrap(map["wrapped"]),
            Convert.FromBase64String(map["sealedTeamKey"]),
            map.TryGetValue("teamKeyVersion", out var version) && int.TryParse(version, out var v) ? v : 0,
            map.TryGetValue("recoveryHash", out var recoveryHash) && map.TryGetValue("recoveryWrapped", out var recoveryWrapped)
                ? new AccountRecovery(recoveryHash, ReadWrap(recoveryWrapped)) : null,
            map.TryGetValue("signSealed", out var signSealed) && signSealed.Length > 0 ? Convert.FromBase64String(signSealed) : null);
    }

    /// <summary>
    /// Creates the account (and records its signing key's certificate, when it has one, in the same step); false if the
    /// username is taken or the team key is no longer at <paramref name="teamKeyVersion"/>.
    /// </summary>
    public async Task<bool> CreateAsync(OperatorAccount account, int? teamKeyVersion = null, OperatorKeyCertificate? signing = null)
    {
        var key = RedisKeys.Operator(account.Username);
        var tx = redis.Db.CreateTransaction();
        tx.AddCondition(Condition.KeyNotExists(key));
        if (teamKeyVersion is { } version) tx.AddCondition(Condition.HashEqual(RedisKeys.TeamKey, "version", version));
        _ = tx.HashSetAsync(key, [
            .. Credentials(account.AuthHash, account.Kdf, account.WrappedPrivateKey),
            new HashEntry("roles", string.Join(',', account.Roles)),
            new HashEntry("publicKey", Convert.ToBase64String(account.PublicKey)),
            new HashEntry("sealedTeamKey", Convert.ToBase64String(account.SealedTeamKey)),
            new HashEntry("teamKeyVersion", account.TeamKeyVersion),
            .. account.Recovery is { } r ? RecoveryEntries(r) : [],
            .. account.SealedSigningKey is { } sealedSigning ? [new HashEntry("signSealed", Convert.ToBase64String(sealedSigning))] : Array.Empty<HashEntry>(),
        ]);
        if (signing is not null) _ = tx.HashSetAsync(RedisKeys.OperatorSigningKeys, [OperatorSigningKeys.Entry(signing)]);
        _ = tx.SetAddAsync(RedisKeys.Operators, account.Username);
        return await tx.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces what a new passphrase changes (parameters, authentication hash, wrapped private key), provided the
    /// record still holds <paramref name="expectedAuthHash"/>: two changes at once cannot interleave.
    /// </summary>
    public async Task<bool> ReplaceCredentialsAsync(string username, string expectedAuthHash, string authHash, KdfParameters kdf, WrappedKey wrapped)
    {
        var tx = redis.Db.CreateTransaction();
        tx.AddCondition(Condition.HashEqual(RedisKeys.Operator(username), "authHash", expectedAuthHash));
        _ = tx.HashSetAsync(RedisKeys.Operator(username), Credentials(authHash, kdf, wrapped));
        return await tx.ExecuteAsync().ConfigureAwait(false);
    }

    public async Task SetProfileAsync(string username, OperatorProfile profile)
    {
        await redis.Db.HashSetAsync(RedisKeys.Operator(username), [
            new HashEntry("languages", string.Join(',', profile.Languages)),
            new HashEntry("categories", string.Join(',', profile.Categories)),
            new HashEntry("capacity", profile.Capacity),
        ]).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> NamesAsync() =>
        (await redis.Db.SetMembersAsync(RedisKeys.Operators).ConfigureAwait(false)).Select(v => v.ToString()).Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<OperatorAccount>> AllAsync()
    {
        var accounts = new List<OperatorAccount>();
        foreach (var name in await NamesAsync().ConfigureAwait(false))
        {
            if (await FindAsync(name).ConfigureAwait(false) is { } account) accounts.Add(account);
        }
        return accounts;
    }

    internal static HashEntry[] Credentials(string authHash, KdfParameters kdf, WrappedKey wrapped) =>
    [
        new HashEntry("authHash", authHash),
        new HashEntry("kdf", JsonSerializer.Serialize(new StoredKdf(Convert.ToBase64String(kdf.Salt), kdf.OpsLimit, kdf.MemLimit))),
        new HashEntry("wrapped", WriteWrap(wrapped)),
    ];

    internal static HashEntry[] RecoveryEntries(AccountRecovery recovery) =>
        [new HashEntry("recoveryHash", recovery.AuthHash), new HashEntry("recoveryWrapped", WriteWrap(recovery.WrappedPrivateKey))];

    private static string WriteWrap(WrappedKey w) => JsonSerializer.Serialize(new StoredWrap(Convert.ToBase64String(w.Nonce), Convert.ToBase64String(w.Ciphertext)));

    private static WrappedKey ReadWrap(string json)
    {
        var w = JsonSerializer.Deserialize<StoredWrap>(json)!;
        return new WrappedKey(Convert.FromBase64String(w.Nonce), Convert.FromBase64String(w.Ciphertext));
    }

    private sealed record StoredKdf(string Salt, long OpsLimit, int MemLimit);

    private sealed record StoredWrap(string Nonce, string Ciphertext);
}
