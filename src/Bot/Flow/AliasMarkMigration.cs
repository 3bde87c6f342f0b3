using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Flow;

/// <summary>
/// A channel conversation's alias (the conversation it continues) is read with a message only when the conversation's hash
/// says it may have one (<see cref="ConversationStore.ContinuesField"/>). At start, every channel conversation with an alias
/// an earlier version set gets that field. Done once per deployment (<see cref="RedisKeys.ConversationAliasesMarked"/>);
/// interrupted, the next start finishes it.
/// </summary>
public sealed class AliasMarkMigration(HotlineRedis redis, ILogger<AliasMarkMigration> logger)
    : StartupMigration(redis, RedisKeys.ConversationAliasesMarked)
{
    // KEYS[1] the alias, KEYS[2] the channel conversation's hash (same slot): marked only while both are there.
    private static readonly string Mark =
        "if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('EXISTS', KEYS[2]) == 1 then " +
        $"return redis.call('HSET', KEYS[2], '{ConversationStore.ContinuesField}', '1') end return 0";

    protected override void Report(int moved) =>
        logger.LogWarning("Marked {Count} channel conversations that continue another", moved);

    /// <summary>Marks the hash of every channel conversation with an alias; returns how many were marked.</summary>
    public override async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var marked = 0;
        await foreach (var key in KeysAsync(RedisKeys.AliasPattern, cancellationToken).ConfigureAwait(false))
        {
            if (RedisKeys.IdIn(key!, RedisKeys.AliasPattern) is not { } conversationId) continue;
            marked += (int)await Redis.Db.ScriptEvaluateAsync(Mark, [key, (RedisKey)RedisKeys.Conversation(conversationId)]).ConfigureAwait(false);
        }
        return marked;
    }
}
