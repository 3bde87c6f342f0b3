using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hotline.Core.Storage;

namespace Hotline.Operator.Accounts;

/// <summary>
/// Sign-in sessions: a random token given to the operator; Redis keeps only its hash. A session ends after
/// <see cref="IdleTimeout"/> without use (Redis expiry, renewed on each use) and after <see cref="Lifetime"/> in any case.
/// </summary>
public sealed class Sessions(HotlineRedis redis, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(10);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public async Task<string> StartAsync(string username)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var value = string.Create(CultureInfo.InvariantCulture, $"{username}|{time.GetUtcNow().ToUnixTimeMilliseconds()}");
        await redis.Db.StringSetAsync(RedisKeys.Session(Hash(token)), value, IdleTimeout).ConfigureAwait(false);
        return token;
    }

    public async Task<string?> FindAsync(string token)
    {
        if (token.Length is < 20 or > 100) return null;
        var key = RedisKeys.Session(Hash(token));
        var value = await redis.Db.StringGetAsync(key).ConfigureAwait(false);
        if (value.IsNullOrEmpty) return null;
        var parts = value.ToString().Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var started)) return null;
        if (time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(started) > Lifetime)
        {
            await redis.Db.KeyDeleteAsync(key).ConfigureAwait(false);
            return null;
        }
        await redis.Db.KeyExpireAsync(key, IdleTimeout).ConfigureAwait(false);
        return parts[0];
    }

    public Task EndAsync(string token) => redis.Db.KeyDeleteAsync(RedisKeys.Session(Hash(token)));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
