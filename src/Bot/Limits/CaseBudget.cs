using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Limits;

/// <summary>
/// How many web chat conversations of one network address rank as usual within a window. An address is often shared by
/// many unrelated people (a carrier's NAT, a school, a shelter), so the budget never merges, refuses or drops anything:
/// a conversation beyond it opens its own case, keeps its own reply route, and its case is only marked as one of many
/// new chats from one network and ranked after the other cases of the same severity (never after a less severe one).
/// One source therefore cannot push everyone else back, and every person behind it is still heard and answered. Kept in
/// Redis, so it holds across Bots.
/// </summary>
public sealed class CaseBudget(HotlineRedis redis, IOptions<LimitOptions> options, TimeProvider time)
{
    // 0: within the budget (already counted, or room left, and now counted); 1: over it.
    private const string Admit = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
        if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 0 end
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
          redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
          redis.call('PEXPIRE', KEYS[1], ARGV[5])
          return 0
        end
        return 1
        """;

    /// <summary>
    /// Whether this conversation, about to open a case, is beyond its address's budget: its case is then marked and
    /// ranked after the others of its severity. A conversation within the budget stays within it for the window.
    /// </summary>
    public async Task<bool> IsOverAsync(string source, string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var l = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await redis.Db.ScriptEvaluateBySha(Admit, [(RedisKey)RedisKeys.CaseBudget(source)],
            [now, now - (long)l.CasesWindow.TotalMilliseconds, l.CasesPerAddress, conversationId, (long)l.CasesWindow.TotalMilliseconds]).ConfigureAwait(false);
        return (int)result == 1;
    }
}
