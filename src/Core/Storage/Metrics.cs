using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>Dashboard samples on one capped stream: a kind, the time, and numbers or wire names only.</summary>
public static class Metrics
{
    public static async Task AddAsync(HotlineRedis redis, DateTimeOffset at, string kind, params (string Name, RedisValue Value)[] values)
    {
        var fields = new List<NameValueEntry> { new("kind", kind), new("at", at.ToUnixTimeMilliseconds()) };
        fields.AddRange(values.Select(v => new NameValueEntry(v.Name, v.Value)));
        await redis.Db.StreamAddAsync(RedisKeys.Metrics, [.. fields], maxLength: 50_000, useApproximateMaxLength: true).ConfigureAwait(false);
    }
}
