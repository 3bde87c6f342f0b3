using System.Text.Json;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Operator.Accounts;

public enum Role
{
    Operator = 0,
    Supervisor = 1,
    MobileUnit = 2,
    Admin = 3,
}

/// <summary>
/// What the server keeps of an operator: a password hash, and key material it cannot use — the operator's
/// private key wrapped under their passphrase, and the team private key sealed to the operator's public key.
/// </summary>
public sealed record OperatorAccount(
    string Username,
    string PasswordHash,
    IReadOnlyList<Role> Roles,
    byte[] PublicKey,
    WrappedKey WrappedPrivateKey,
    byte[] SealedTeamKey)
{
    /// <summary>Holds a copy of the team key: can read transcripts (mobile units never do).</summary>
    public bool HasTeamKey => SealedTeamKey.Length > 0;
}

/// <summary>What routing uses: the languages and categories an operator takes, and how many cases at once.</summary>
public sealed record OperatorProfile(IReadOnlyList<string> Languages, IReadOnlyList<string> Categories, int Capacity);

public sealed class OperatorAccounts(HotlineRedis redis)
{
    public static bool IsValidUsername(string? username) =>
        username is { Length: >= 2 and <= 40 } && username.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_');

    public async Task<OperatorAccount?> FindAsync(string username)
    {
        if (!IsValidUsername(username)) return null;
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.Operator(username)).ConfigureAwait(false);
        if (entries.Length == 0) return null;
        var map = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        var wrapped = JsonSerializer.Deserialize<StoredWrap>(map["wrapped"])!;
        return new OperatorAccount(
            username,
            map["passwordHash"],
            map["roles"].Split(',').Select(Enum.Parse<Role>).ToArray(),
            Convert.FromBase64String(map["publicKey"]),
            new WrappedKey(Convert.FromBase64String(wrapped.Salt), wrapped.OpsLimit, wrapped.MemLimit, Convert.FromBase64String(wrapped.Nonce), Convert.FromBase64String(wrapped.Ciphertext)),
            Convert.FromBase64String(map["sealedTeamKey"]));
    }

    /// <summary>Creates the account; false if the username is taken.</summary>
    public async Task<bool> CreateAsync(OperatorAccount account)
    {
        var key = RedisKeys.Operator(account.Username);
        var w = account.WrappedPrivateKey;
        var tx = redis.Db.CreateTransaction();
        tx.AddCondition(Condition.KeyNotExists(key));
        _ = tx.HashSetAsync(key, [
            new HashEntry("passwordHash", account.PasswordHash),
            new HashEntry("roles", string.Join(',', account.Roles)),
            new HashEntry("publicKey", Convert.ToBase64String(account.PublicKey)),
            new HashEntry("wrapped", JsonSerializer.Serialize(new StoredWrap(Convert.ToBase64String(w.Salt), w.OpsLimit, w.MemLimit, Convert.ToBase64String(w.Nonce), Convert.ToBase64String(w.Ciphertext)))),
            new HashEntry("sealedTeamKey", Convert.ToBase64String(account.SealedTeamKey)),
        ]);
        _ = tx.SetAddAsync(RedisKeys.Operators, account.Username);
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

    /// <summary>A mobile unit's account: a password, a key pair of its own, but no copy of the team key — it never reads a transcript.</summary>
    public static OperatorAccount EnrolUnit(string username, string password)
    {
        var pair = HotlineCrypto.NewKeyPair();
        return new OperatorAccount(username, HotlineCrypto.HashPassword(password), [Role.MobileUnit], pair.PublicKey,
            HotlineCrypto.Wrap(pair.PrivateKey, password), []);
    }

    /// <summary>Makes a new operator: their own key pair wrapped under their passphrase, and the team key sealed to them.</summary>
    public static OperatorAccount Enrol(string username, string password, IReadOnlyList<Role> roles, byte[] teamPrivateKey)
    {
        var pair = HotlineCrypto.NewKeyPair();
        return new OperatorAccount(
            username,
            HotlineCrypto.HashPassword(password),
            roles,
            pair.PublicKey,
            HotlineCrypto.Wrap(pair.PrivateKey, password),
            HotlineCrypto.Seal(teamPrivateKey, pair.PublicKey));
    }

    private sealed record StoredWrap(string Salt, long OpsLimit, int MemLimit, string Nonce, string Ciphertext);
}
