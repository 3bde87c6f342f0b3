using System.Globalization;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Notices;

/// <summary>
/// Merges staff alerts by SMS: the first escalation or dispatch fallback to a recipient goes out at once, the ones
/// after it within the window (<see cref="NoticeMergingOptions"/>) are counted, and when the window ends one
/// notice says how many there were and how many critical. A flood of cases costs the supervisor two SMS, not a hundred;
/// each case's own alert still shows in the console. Kept in Redis under one hash tag, so it holds across workers.
/// </summary>
public sealed class NoticeMerging(HotlineRedis redis, TimeProvider time, TimeSpan window)
{
    public const string Summary = "summary";

    private const string Take = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          redis.call('HINCRBY', KEYS[1], 'count', 1)
          if ARGV[4] == '1' then redis.call('HINCRBY', KEYS[1], 'critical', 1) end
          return 0
        end
        redis.call('HSET', KEYS[1], 'count', 0, 'critical', 0)
        redis.call('ZADD', KEYS[2], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[3])
        return 1
        """;

    // The window has ended: nothing counted closes it; otherwise the counts are taken and a new window starts.
    private const string Close = """
        local due = redis.call('ZSCORE', KEYS[2], ARGV[3])
        if not due or tonumber(due) > tonumber(ARGV[1]) then return false end
        local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
        local critical = tonumber(redis.call('HGET', KEYS[1], 'critical') or '0')
        if count == 0 then
          redis.call('DEL', KEYS[1])
          redis.call('ZREM', KEYS[2], ARGV[3])
          return false
        end
        redis.call('HSET', KEYS[1], 'count', 0, 'critical', 0)
        redis.call('ZADD', KEYS[2], tonumber(ARGV[1]) + tonumber(ARGV[2]), ARGV[3])
        return {count, critical}
        """;

    public TimeSpan Window => window;

    /// <summary>Escalations and dispatch fallbacks are merged; a dispatch to a unit or an approved contact never is.</summary>
    public static bool Merges(OutboundNotice notice) => notice.Purpose is NoticePurposes.Escalation or NoticePurposes.DispatchFallback;

    /// <summary>True: send this notice now (it opens a window). False: it was counted for the window's summary.</summary>
    public async Task<bool> TakeAsync(OutboundNotice notice)
    {
        if (window <= TimeSpan.Zero) return true;
        var sent = (long)await redis.Db.ScriptEvaluateBySha(Take, [RedisKeys.NoticeMerge(notice.Recipient), RedisKeys.NoticeMergeWindows],
            [time.GetUtcNow().ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds, notice.Recipient, notice.Critical ? "1" : "0"]).ConfigureAwait(false);
        return sent == 1;
    }

    /// <summary>The summaries of every window that has ended, each to send as one notice.</summary>
    public async Task<IReadOnlyList<OutboundNotice>> CloseEndedAsync()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var summaries = new List<OutboundNotice>();
        foreach (var recipient in await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.NoticeMergeWindows, double.NegativeInfinity, now, take: 100).ConfigureAwait(false))
        {
            var result = await redis.Db.ScriptEvaluateBySha(Close, [RedisKeys.NoticeMerge(recipient.ToString()), RedisKeys.NoticeMergeWindows],
                [now, (long)window.TotalMilliseconds, recipient]).ConfigureAwait(false);
            if (result.IsNull) continue;
            var counts = (long[])result!;
            var minutes = Math.Max(1, (int)Math.Round(window.TotalMinutes));
            summaries.Add(new OutboundNotice(recipient.ToString(), Summary, string.Create(CultureInfo.InvariantCulture,
                $"Hotline: {counts[0]} more cases needed you in the last {minutes} min ({counts[1]} critical); one notice for all of them. Open the console.")));
        }
        return summaries;
    }
}
