using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Limits;

/// <summary>
/// How many web chat conversations of one network address open a case of their own within a window. Beyond the
/// budget a conversation's messages are not refused: they join the case the address's latest admitted conversation
/// opened (an alias, as a case code makes one), so everything written still reaches an operator, while one source
/// cannot fill the queue and push everyone else back. Kept in Redis, so it holds across Bots.
/// </summary>
public sealed class CaseBudget(HotlineRedis redis, TranscriptStore transcripts, IOptions<LimitOptions> options, TimeProvider time)
{
    /// <summary>What the operator reads in the case a conversation was merged into.</summary>
    public const string MergedNote = "[A web chat conversation from the same network address joined this case: that address has opened its share of cases for now. Read its messages here; the bot's answers go to it, yours go to this case's first conversation.]";

    // Admit the conversation (already admitted, or room left), or name the latest admitted one to merge into.
    private const string Admit = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
        if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return false end
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
          redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
          redis.call('PEXPIRE', KEYS[1], ARGV[5])
          return false
        end
        return redis.call('ZREVRANGE', KEYS[1], 0, 0)[1]
        """;

    /// <summary>
    /// Null when this conversation may open its own case; otherwise the conversation it now continues (the alias is set
    /// and the operator told), for a source over its budget.
    /// </summary>
    public async Task<string?> OverflowTargetAsync(string source, string conversationId, CancellationToken cancellationToken)
    {
        var l = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await redis.Db.ScriptEvaluateAsync(Admit, [(RedisKey)RedisKeys.CaseBudget(source)],
            [now, now - (long)l.CasesWindow.TotalMilliseconds, l.CasesPerAddress, conversationId, (long)l.CasesWindow.TotalMilliseconds]).ConfigureAwait(false);
        if (result.IsNull || (string?)result is not { Length: > 0 } target) return null;
        await redis.Db.StringSetAsync(RedisKeys.Alias(conversationId), target, l.CasesWindow).ConfigureAwait(false);
        await transcripts.AppendAsync(target, Author.Bot, null, MergedNote, cancellationToken).ConfigureAwait(false);
        return target;
    }
}
