using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Flow;

/// <summary>
/// Case codes were once stored in clear (the key hl:code:CODE and the conversation's field caseCode), so anyone reading
/// Redis or a copy of it could continue a conversation by its code. At start, before the Bot takes a message, every such
/// code is replaced by its keyed hash (<see cref="CaseCodeKey"/>): the code key is renamed with its time-to-live, the
/// conversation's field replaced. Done once per deployment (<see cref="RedisKeys.CaseCodesMigrated"/>); interrupted, the
/// next start finishes it. The clear values stay in the append-only file until its next rewrite, which Triage schedules.
/// </summary>
public sealed class CaseCodeMigration(HotlineRedis redis, CaseCodeKey key, ILogger<CaseCodeMigration> logger)
    : StartupMigration(redis, RedisKeys.CaseCodesMigrated)
{
    private const string LegacyField = "caseCode";

    protected override void Report(int moved) => logger.LogWarning("Replaced {Count} case codes stored in clear by their keyed hashes", moved);

    /// <summary>Replaces every clear code (conversations' fields first, then code keys no conversation names); returns how many.</summary>
    public override async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        await foreach (var conv in KeysAsync(RedisKeys.ConversationPattern, cancellationToken).ConfigureAwait(false))
        {
            var code = (string?)await Redis.Db.HashGetAsync(conv, LegacyField).ConfigureAwait(false);
            if (code is null) continue;
            if (code.Length > 0) await MoveKeyAsync(code).ConfigureAwait(false);
            if (code.Length > 0) await Redis.Db.HashSetAsync(conv, ConversationStore.CaseCodeLookupField, key.LookupOf(code), When.NotExists).ConfigureAwait(false);
            await Redis.Db.HashDeleteAsync(conv, LegacyField).ConfigureAwait(false);
            moved++;
        }
        await foreach (var name in KeysAsync(RedisKeys.CaseCodePattern, cancellationToken).ConfigureAwait(false))
        {
            var code = name.ToString()["hl:code:".Length..];
            if (CaseCodeKey.IsLookup(code)) continue;
            await MoveKeyAsync(code).ConfigureAwait(false);
            moved++;
        }
        return moved;
    }

    /// <summary>hl:code:CODE becomes hl:code:LOOKUP, pointing at the same conversation for the rest of its time-to-live.</summary>
    private async Task MoveKeyAsync(string code)
    {
        var legacy = RedisKeys.CaseCode(code);
        var conversationId = await Redis.Db.StringGetAsync(legacy).ConfigureAwait(false);
        if (conversationId.IsNull) return;
        var ttl = await Redis.Db.KeyTimeToLiveAsync(legacy).ConfigureAwait(false);
        await Redis.Db.StringSetAsync(RedisKeys.CaseCode(key.LookupOf(code)), conversationId, ttl ?? CaseCodes.Lifetime, When.NotExists).ConfigureAwait(false);
        await Redis.Db.KeyDeleteAsync(legacy).ConfigureAwait(false);
    }
}
