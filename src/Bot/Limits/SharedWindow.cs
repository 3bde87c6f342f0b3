using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Limits;

/// <summary>
/// A fixed-window count kept in Redis, so every Bot counts against the same budget: two Bots do not give a flood twice
/// the allowance. One key per partition (its own hash tag, so it lives on one slot of a cluster), which expires with its
/// window. Fails open: when Redis cannot be asked, the request is allowed, because a person's message must never be
/// refused for want of a counter (each Bot's own ceiling still bounds what one process takes).
/// </summary>
public sealed class SharedWindow(HotlineRedis redis, ILogger<SharedWindow> logger)
{
    // 0: within the window's permits (and now counted); otherwise the milliseconds until the window ends.
    private const string Take = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        if n <= tonumber(ARGV[1]) then return 0 end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) ttl = tonumber(ARGV[2]) end
        return ttl
        """;

    // Up to ARGV[3] permits at once: how many were granted (0 once the window is spent) and the milliseconds left in the window.
    // The window's first taker (nothing counted before it: the count is its own block) starts the window and knows its
    // length without asking; a later one asks what is left (and starts it, should the key have lost its lifetime).
    private const string TakeBlock = """
        local want = tonumber(ARGV[3])
        local n = redis.call('INCRBY', KEYS[1], want)
        local ttl = -1
        if n ~= want then ttl = redis.call('PTTL', KEYS[1]) end
        if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) ttl = tonumber(ARGV[2]) end
        local granted = math.max(0, math.min(want, tonumber(ARGV[1]) - (n - want)))
        return {granted, ttl}
        """;

    /// <summary>Takes one permit of <paramref name="partition"/>'s window; null when taken, else how long until the window ends.</summary>
    public async Task<TimeSpan?> TryTakeAsync(string policy, string partition, int permits, TimeSpan window)
    {
        try
        {
            var wait = (long)await redis.Db.ScriptEvaluateBySha(Take, [(RedisKey)RedisKeys.RateWindow(policy, partition, permits, window)],
                [permits, (long)window.TotalMilliseconds]).ConfigureAwait(false);
            return wait == 0 ? null : TimeSpan.FromMilliseconds(Math.Max(1, wait));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("The {Policy} limit could not be counted in Redis ({Error}); the request is allowed", policy, e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Takes up to <paramref name="block"/> permits of <paramref name="partition"/>'s window in one call: how many were
    /// granted and how long the window lasts still; (0, null) when Redis could not be asked (the caller lets it through).
    /// </summary>
    public async Task<(int Granted, TimeSpan? Left)> TryTakeBlockAsync(string policy, string partition, int permits, TimeSpan window, int block)
    {
        try
        {
            var result = (RedisResult[])(await redis.Db.ScriptEvaluateBySha(TakeBlock, [(RedisKey)RedisKeys.RateWindow(policy, partition, permits, window)],
                [permits, (long)window.TotalMilliseconds, block]).ConfigureAwait(false))!;
            return ((int)result[0], TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1])));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("The {Policy} limit could not be counted in Redis ({Error}); the request is allowed", policy, e.GetType().Name);
            return (0, null);
        }
    }
}
