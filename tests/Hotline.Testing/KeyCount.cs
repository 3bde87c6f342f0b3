using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>How many of some keys exist, on one Redis or a Redis Cluster alike.</summary>
public static class KeyCount
{
    /// <summary>
    /// Asks EXISTS of each key on its own (together, in one round trip): one EXISTS of several keys is refused on a Redis
    /// Cluster when they lie on different hash slots (CROSSSLOT), as most unrelated keys do.
    /// </summary>
    public static async Task<int> CountExistingAsync(this IDatabaseAsync db, IEnumerable<RedisKey> keys) =>
        (await Task.WhenAll(keys.Select(key => db.KeyExistsAsync(key))).ConfigureAwait(false)).Count(exists => exists);
}
