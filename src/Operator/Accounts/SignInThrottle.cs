using System.Globalization;
using StackExchange.Redis;

namespace Hotline.Operator.Accounts;

/// <summary>
/// Slows down failed sign-ins per network address: the first <see cref="FreeFailures"/> cost nothing, then each further
/// failure makes that address wait twice as long as the last (1 s, 2 s, 4 s … at most <see cref="MaxDelay"/>) before
/// its next try. Nothing is ever locked: the right key from anywhere still signs in once the wait is over, so failing on
/// purpose cannot keep an operator out; the count fades after <see cref="Memory"/> without failures and a success clears it.
/// Addresses are stored only as a keyed hash.
/// </summary>
public sealed class SignInThrottle(HotlineRedis redis, ServerSecret secret, TimeProvider time)
{
    public const int FreeFailures = 3;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    /// <summary>How long this address must still wait before its next try (zero: go ahead).</summary>
    public async Task<TimeSpan> WaitAsync(string address)
    {
        var until = (long?)await redis.Db.HashGetAsync(await KeyAsync(address).ConfigureAwait(false), "until").ConfigureAwait(false) ?? 0;
        var left = DateTimeOffset.FromUnixTimeMilliseconds(until) - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Counts a failure and returns the wait it sets for the next try.</summary>
    public async Task<TimeSpan> FailedAsync(string address)
    {
        var key = await KeyAsync(address).ConfigureAwait(false);
        var count = await redis.Db.HashIncrementAsync(key, "count").ConfigureAwait(false);
        var delay = DelayAfter(count);
        var until = (time.GetUtcNow() + delay).ToUnixTimeMilliseconds();
        await redis.Db.HashSetAsync(key, "until", until.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await redis.Db.KeyExpireAsync(key, Memory).ConfigureAwait(false);
        return delay;
    }

    public async Task ClearAsync(string address) => await redis.Db.KeyDeleteAsync(await KeyAsync(address).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>The wait after the n-th failure in a row.</summary>
    public static TimeSpan DelayAfter(long failures)
    {
        if (failures <= FreeFailures) return TimeSpan.Zero;
        var seconds = Math.Pow(2, Math.Min(failures - FreeFailures - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelay.TotalSeconds));
    }

    private async Task<RedisKey> KeyAsync(string address) =>
        RedisKeys.SignInFailures(await secret.KeyedHashAsync("sign-in address", address).ConfigureAwait(false));
}
