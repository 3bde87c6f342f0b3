using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Flow;

/// <summary>
/// A conversation's sealed risk state and its duress mark were once keys of their own (hl:{c:ID}:risk, 30 days;
/// hl:{c:ID}:flag:duress, 7 days); they are now fields of its hash, read with it and written with its other fields by the
/// message's step. At start, each key an earlier version left becomes its field (a field a newer message wrote wins; the
/// duress mark keeps the time it had left) and is deleted. Done once per deployment (<see cref="RedisKeys.ConversationStateMoved"/>);
/// interrupted, the next start finishes it.
/// </summary>
public sealed class ConversationStateMigration(HotlineRedis redis, TimeProvider time, ILogger<ConversationStateMigration> logger)
    : StartupMigration(redis, RedisKeys.ConversationStateMoved)
{
    // KEYS[1] the old key, KEYS[2] the conversation's hash (same slot); ARGV[1] the field, ARGV[2] "ttl" to store the time
    // the key had left as a deadline from ARGV[3] (now, Unix ms) instead of its value. Nothing is written to a conversation
    // that no longer exists.
    private const string Move = """
        local value = redis.call('GET', KEYS[1])
        if value and redis.call('EXISTS', KEYS[2]) == 1 then
          if ARGV[2] == 'ttl' then
            local left = redis.call('PTTL', KEYS[1])
            if left > 0 then
              local deadline = tonumber(ARGV[3]) + left
              if tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0') < deadline then redis.call('HSET', KEYS[2], ARGV[1], string.format('%.0f', deadline)) end
            end
          else
            redis.call('HSETNX', KEYS[2], ARGV[1], value)
          end
        end
        return redis.call('DEL', KEYS[1])
        """;

    protected override void Report(int moved) =>
        logger.LogWarning("Moved {Count} conversations' risk states and duress marks into their conversations", moved);

    /// <summary>Moves every old risk key and duress key into its conversation's hash; returns how many keys were moved.</summary>
    public override async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var (pattern, field, kind) in new[]
        {
            (RedisKeys.ConversationRisk("*"), ConversationStore.RiskField, "value"),
            (RedisKeys.ConversationFlag("*", "duress"), ConversationStore.DuressUntilField, "ttl"),
        })
        {
            await foreach (var key in KeysAsync(pattern, cancellationToken).ConfigureAwait(false))
            {
                if (RedisKeys.IdIn(key!, pattern) is not { } conversationId) continue;
                moved += (int)await Redis.Db.ScriptEvaluateBySha(Move, [key, (RedisKey)RedisKeys.Conversation(conversationId)],
                    [field, kind, time.GetUtcNow().ToUnixTimeMilliseconds()]).ConfigureAwait(false);
            }
        }
        return moved;
    }
}
