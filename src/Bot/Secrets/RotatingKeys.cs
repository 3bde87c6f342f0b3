using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Secrets;

/// <summary>
/// A key that rotates: one fresh random key per period, shared by every Bot through Redis, where it is kept only wrapped
/// by a secret of the Bot's (outside the data folder), and destroyed — by Redis's expiry and in this process's memory —
/// <c>keepAfter</c> after its period ends. Whatever was encrypted or hashed under a destroyed key can no longer be opened
/// or matched, even with the Bot's secrets and an old copy of the data: after the AOF rewrite nothing of it is left.
/// </summary>
public sealed class RotatingKeys(HotlineRedis redis, byte[] wrappingSecret, string purpose, TimeSpan period, TimeSpan keepAfter, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, byte[]> cache = new();

    /// <summary>The number of the period <paramref name="at"/> falls in.</summary>
    public long PeriodOf(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / (long)period.TotalMilliseconds;

    /// <summary>When the key of <paramref name="number"/> is destroyed: <c>keepAfter</c> after its period ends.</summary>
    public DateTimeOffset DestroyedAt(long number) => DateTimeOffset.FromUnixTimeMilliseconds((number + 1) * (long)period.TotalMilliseconds) + keepAfter;

    /// <summary>The current period's key, made by the first Bot that needs it.</summary>
    public async Task<(long Period, byte[] Key)> CurrentAsync()
    {
        var number = PeriodOf(time.GetUtcNow());
        if (await ForPeriodAsync(number).ConfigureAwait(false) is { } key) return (number, key);
        var fresh = HotlineCrypto.RandomBytes(HotlineCrypto.KeyBytes);
        var (nonce, wrapped) = HotlineCrypto.Encrypt(fresh, WrapKey(number), Ad(number));
        var lifetime = DestroyedAt(number) - time.GetUtcNow();
        // Two Bots at once: the first key stored wins and both use it.
        await redis.Db.StringSetAsync(RedisName(number), Convert.ToBase64String(nonce) + "." + Convert.ToBase64String(wrapped), lifetime, When.NotExists).ConfigureAwait(false);
        return (number, await ForPeriodAsync(number).ConfigureAwait(false) ?? throw new InvalidOperationException($"The {purpose} key vanished while being made"));
    }

    /// <summary>The key of period <paramref name="number"/>, or null once it is destroyed (or was never made).</summary>
    public async Task<byte[]?> ForPeriodAsync(long number)
    {
        if (time.GetUtcNow() >= DestroyedAt(number))
        {
            cache.TryRemove(number, out _);
            return null;
        }
        if (cache.TryGetValue(number, out var cached)) return cached;
        var stored = (string?)await redis.Db.StringGetAsync(RedisName(number)).ConfigureAwait(false);
        if (stored?.Split('.') is not [var nonce, var wrapped]) return null;
        var key = HotlineCrypto.Decrypt(Convert.FromBase64String(wrapped), Convert.FromBase64String(nonce), WrapKey(number), Ad(number));
        foreach (var old in cache.Keys.Where(k => time.GetUtcNow() >= DestroyedAt(k))) cache.TryRemove(old, out _);
        return cache.GetOrAdd(number, key);
    }

    public string RedisName(long number) => $"hl:{purpose}-key:{number.ToString(CultureInfo.InvariantCulture)}";

    private byte[] WrapKey(long number) => HotlineCrypto.Derive(wrappingSecret, purpose + "-key-wrap", number.ToString(CultureInfo.InvariantCulture));

    private byte[] Ad(long number) => Encoding.UTF8.GetBytes($"hl-{purpose}-key-v1|{number.ToString(CultureInfo.InvariantCulture)}");
}
