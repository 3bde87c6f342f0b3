namespace Hotline.Operator.Accounts;

/// <summary>
/// A random key the Operator service keeps in Redis (created once, shared by every instance) for keyed hashes that must
/// be stable but not computable from outside: prelogin's stand-in parameters and the sign-in throttle's address keys.
/// It guards no content; whoever holds it learns only which names are enrolled, which Redis shows anyway.
/// </summary>
public sealed class ServerSecret(HotlineRedis redis)
{
    private byte[]? secret;

    public async Task<byte[]> GetAsync()
    {
        if (secret is not null) return secret;
        await redis.Db.StringSetAsync(RedisKeys.PreloginSecret, Convert.ToBase64String(HotlineCrypto.RandomBytes(HotlineCrypto.KeyBytes)), when: StackExchange.Redis.When.NotExists).ConfigureAwait(false);
        var stored = (string?)await redis.Db.StringGetAsync(RedisKeys.PreloginSecret).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The prelogin secret vanished from Redis as it was created");
        return secret = Convert.FromBase64String(stored);
    }

    /// <summary>A 32-hex-digit keyed hash of a value for one purpose.</summary>
    public async Task<string> KeyedHashAsync(string purpose, string value) =>
        Convert.ToHexStringLower(HotlineCrypto.Derive(await GetAsync().ConfigureAwait(false), purpose, value))[..32];
}
