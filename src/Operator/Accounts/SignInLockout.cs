using Hotline.Core.Storage;

namespace Hotline.Operator.Accounts;

/// <summary>
/// Locks a username after repeated failed sign-ins (10 within 15 minutes lock it for 15 minutes; Argon2id makes each guess slow too). Counted per name
/// whether or not the account exists, so the lockout does not tell which names do.
/// </summary>
public sealed class SignInLockout(HotlineRedis redis)
{
    public const int MaxFailures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public async Task<bool> IsLockedAsync(string username) =>
        (int)await redis.Db.StringGetAsync(RedisKeys.Lockout(Key(username))).ConfigureAwait(false) >= MaxFailures;

    /// <summary>Counts a failure; true when this one locked the name.</summary>
    public async Task<bool> FailedAsync(string username)
    {
        var key = RedisKeys.Lockout(Key(username));
        var count = await redis.Db.StringIncrementAsync(key).ConfigureAwait(false);
        if (count == 1 || count == MaxFailures) await redis.Db.KeyExpireAsync(key, Window).ConfigureAwait(false);
        return count == MaxFailures;
    }

    public Task ClearAsync(string username) => redis.Db.KeyDeleteAsync(RedisKeys.Lockout(Key(username)));

    // Any string a client sends becomes a bounded, key-safe name.
    private static string Key(string username) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(username.ToLowerInvariant())))[..32];
}
