using System.Security.Cryptography;
using System.Text;
using Hotline.Core.Storage;

namespace Hotline.Operator.Accounts;

/// <summary>Sign-in sessions: a random token given to the operator; Redis keeps only its hash, expiring.</summary>
public sealed class Sessions(HotlineRedis redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(10);

    public async Task<string> StartAsync(string username)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await redis.Db.StringSetAsync(RedisKeys.Session(Hash(token)), username, Lifetime).ConfigureAwait(false);
        return token;
    }

    public async Task<string?> FindAsync(string token)
    {
        if (token.Length is < 20 or > 100) return null;
        return await redis.Db.StringGetAsync(RedisKeys.Session(Hash(token))).ConfigureAwait(false) is { IsNullOrEmpty: false } value ? value.ToString() : null;
    }

    public Task EndAsync(string token) => redis.Db.KeyDeleteAsync(RedisKeys.Session(Hash(token)));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
