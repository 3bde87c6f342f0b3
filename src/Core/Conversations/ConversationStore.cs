using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Conversations;

public sealed class ConversationStore(HotlineRedis redis, TimeProvider time)
{
    public async Task<bool> CreateAsync(string conversationId, Channel channel, Language language)
    {
        var key = RedisKeys.Conversation(conversationId);
        var created = await redis.Db.HashSetAsync(key, "channel", channel.ToWire(), When.NotExists).ConfigureAwait(false);
        if (created)
        {
            await redis.Db.HashSetAsync(key, [
                new HashEntry("language", language.ToWire()),
                new HashEntry("severity", (int)Severity.None),
                new HashEntry("createdAt", time.GetUtcNow().ToUnixTimeMilliseconds()),
            ]).ConfigureAwait(false);
        }
        return created;
    }

    public Task<ConversationRecord?> GetAsync(string conversationId) => Get(redis.Db, conversationId);

    /// <summary>As <see cref="GetAsync"/>, on a batch (or any other way of sending): read with other commands in one round trip.</summary>
    public async Task<ConversationRecord?> Get(IDatabaseAsync db, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await db.HashGetAllAsync(RedisKeys.Conversation(conversationId)).ConfigureAwait(false);
        if (entries.Length == 0) return null;
        var map = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        if (!WireNames.TryParseChannel(map.GetValueOrDefault("channel"), out var channel)) return null;
        return new ConversationRecord(
            conversationId,
            channel,
            WireNames.ParseLanguage(map.GetValueOrDefault("language")),
            (Severity)(int.TryParse(map.GetValueOrDefault("severity"), out var s) ? s : 0),
            DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(map.GetValueOrDefault("createdAt"), out var c) ? c : 0),
            NullIfEmpty(map.GetValueOrDefault("caseId")),
            NullIfEmpty(map.GetValueOrDefault("operator")),
            map.GetValueOrDefault(EndedField) == "1")
        {
            PreviousCaseId = NullIfEmpty(map.GetValueOrDefault("previousCaseId")),
            Route = WireNames.TryParseChannel(map.GetValueOrDefault("routeChannel"), out var routeChannel) && NullIfEmpty(map.GetValueOrDefault("routeId")) is { } routeId
                ? new ConversationRoute(routeChannel, routeId)
                : null,
            CaseCodeLookup = NullIfEmpty(map.GetValueOrDefault(CaseCodeLookupField)),
            Fields = map,
        };
    }

    /// <summary>Links the conversation to a case; returns the case id that won (an existing one, if any).</summary>
    public async Task<string> LinkCaseAsync(string conversationId, string caseId)
    {
        var key = RedisKeys.Conversation(conversationId);
        if (await redis.Db.HashSetAsync(key, "caseId", caseId, When.NotExists).ConfigureAwait(false)) return caseId;
        return (string?)await redis.Db.HashGetAsync(key, "caseId").ConfigureAwait(false) ?? caseId;
    }

    /// <summary>Back to the bot: a new case opens only if a later message is itself urgent.</summary>
    public async Task UnlinkCaseAsync(string conversationId)
    {
        var key = RedisKeys.Conversation(conversationId);
        if ((string?)await redis.Db.HashGetAsync(key, "caseId").ConfigureAwait(false) is { Length: > 0 } caseId)
        {
            await redis.Db.HashSetAsync(key, "previousCaseId", caseId).ConfigureAwait(false);
        }
        await redis.Db.HashDeleteAsync(key, ["caseId", "operator"]).ConfigureAwait(false);
    }

    /// <summary>Replies go to this channel conversation from now on (the person continued there with the case code).</summary>
    public Task SetRouteAsync(string conversationId, ConversationRoute route) =>
        redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), [new HashEntry("routeChannel", route.Channel.ToWire()), new HashEntry("routeId", route.ChannelConversationId)]);

    /// <summary>The conversation's hash field holding its case code's keyed hash.</summary>
    public const string CaseCodeLookupField = "caseCodeLookup";

    /// <summary>The conversation's hash field that is "1" once the person ended it with a stop or wipe word (<see cref="ConversationRecord.Ended"/>).</summary>
    public const string EndedField = "ended";

    /// <summary>The conversation's hash field holding when (unix ms) the person ended it.</summary>
    public const string EndedAtField = "endedAt";

    /// <summary>False when the conversation has a code already (another message gave it one at the same moment).</summary>
    public Task<bool> SetCaseCodeLookupAsync(string conversationId, string lookup) =>
        redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), CaseCodeLookupField, lookup, When.NotExists);

    public Task SetOperatorAsync(string conversationId, string? operatorName) => operatorName is null
        ? redis.Db.HashDeleteAsync(RedisKeys.Conversation(conversationId), "operator")
        : redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), "operator", operatorName);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
