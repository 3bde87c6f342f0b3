using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hotline.Operator.Accounts;

/// <summary>
/// Sign-in sessions: a random token given to the operator; Redis keeps only its hash. A session ends after
/// <see cref="IdleTimeout"/> without activity and after <see cref="Lifetime"/> in any case. Only what a person does
/// renews it (a change, or the console's activity ping): reading and polling do not, so an unattended console's
/// session runs out however often it refreshes its queue.
/// </summary>
public sealed class Sessions(HotlineRedis redis, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(10);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public async Task<string> StartAsync(string username)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await redis.Db.StringSetAsync(RedisKeys.Session(Hash(token)), Value(username, now, now), Lifetime).ConfigureAwait(false);
        return token;
    }

    /// <summary>The session's account, or null when unknown, idle too long or too old; <paramref name="renew"/> marks activity.</summary>
    public async Task<string?> FindAsync(string token, bool renew)
    {
        if (token.Length is < 20 or > 100) return null;
        var key = RedisKeys.Session(Hash(token));
        var value = await redis.Db.StringGetAsync(key).ConfigureAwait(false);
        if (value.IsNullOrEmpty) return null;
        var parts = value.ToString().Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var started)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var active)) return null;
        var now = time.GetUtcNow();
        if (now - DateTimeOffset.FromUnixTimeMilliseconds(started) > Lifetime || now - DateTimeOffset.FromUnixTimeMilliseconds(active) > IdleTimeout)
        {
            await redis.Db.KeyDeleteAsync(key).ConfigureAwait(false);
            return null;
        }
        if (renew) await redis.Db.StringSetAsync(key, Value(parts[0], started, now.ToUnixTimeMilliseconds()), expiry: null, keepTtl: true).ConfigureAwait(false);
        return parts[0];
    }

    public Task EndAsync(string token) => redis.Db.KeyDeleteAsync(RedisKeys.Session(Hash(token)));

    private static string Value(string username, long started, long active) =>
        string.Create(CultureInfo.InvariantCulture, $"{username}|{started}|{active}");

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
