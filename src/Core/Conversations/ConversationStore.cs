using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Conversations;

public sealed class ConversationStore(HotlineRedis redis, TimeProvider time)
{
    /// <summary>
    /// The conversation's sealed risk state (opaque outside the Bot), written only by a message's atomic step: a field of
    /// the conversation's hash, so the read that loads the conversation loads it too.
    /// </summary>
    public const string RiskField = "risk";

    /// <summary>Until when (Unix milliseconds) a duress signal keeps the bot's replies innocent; written by a message's atomic step.</summary>
    public const string DuressUntilField = "duressUntil";

    public async Task<bool> CreateAsync(string conversationId, Channel channel, Language language)
    {
        var key = RedisKeys.Conversation(conversationId);
        var created = await redis.Db.HashSetAsync(key, ChannelField, channel.ToWire(), When.NotExists).ConfigureAwait(false);
        if (created)
        {
            await redis.Db.HashSetAsync(key, [
                new HashEntry("language", language.ToWire()),
                new HashEntry("severity", (int)Severity.None),
                new HashEntry(CreatedAtField, time.GetUtcNow().ToUnixTimeMilliseconds()),
                new HashEntry(AliasesMarkedField, "1"),
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
        var map = RedisFields.ToMap(entries);
        if (!WireNames.TryParseChannel(map.GetValueOrDefault(ChannelField), out var channel)) return null;
        return new ConversationRecord(
            conversationId,
            channel,
            WireNames.ParseLanguage(map.GetValueOrDefault("language")),
            (Severity)(int.TryParse(map.GetValueOrDefault("severity"), out var s) ? s : 0),
            DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(map.GetValueOrDefault(CreatedAtField), out var c) ? c : 0),
            NullIfEmpty(map.GetValueOrDefault(CaseIdField)),
            NullIfEmpty(map.GetValueOrDefault(OperatorField)),
            map.GetValueOrDefault(EndedField) == "1")
        {
            PreviousCaseId = NullIfEmpty(map.GetValueOrDefault(PreviousCaseIdField)),
            Route = WireNames.TryParseChannel(map.GetValueOrDefault(RouteChannelField), out var routeChannel) && NullIfEmpty(map.GetValueOrDefault(RouteIdField)) is { } routeId
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
        if (await redis.Db.HashSetAsync(key, CaseIdField, caseId, When.NotExists).ConfigureAwait(false)) return caseId;
        return (string?)await redis.Db.HashGetAsync(key, CaseIdField).ConfigureAwait(false) ?? caseId;
    }

    /// <summary>Back to the bot: a new case opens only if a later message is itself urgent.</summary>
    public async Task UnlinkCaseAsync(string conversationId)
    {
        var key = RedisKeys.Conversation(conversationId);
        if ((string?)await redis.Db.HashGetAsync(key, CaseIdField).ConfigureAwait(false) is { Length: > 0 } caseId)
        {
            await redis.Db.HashSetAsync(key, PreviousCaseIdField, caseId).ConfigureAwait(false);
        }
        await redis.Db.HashDeleteAsync(key, [CaseIdField, OperatorField]).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="UnlinkCaseAsync(string)"/>, only while the conversation is still linked to <paramref name="caseId"/>, in
    /// one step: a step taken again later (its first taker died) leaves a case opened since then linked. True if unlinked.
    /// </summary>
    public async Task<bool> UnlinkCaseAsync(string conversationId, string caseId) =>
        (long)await redis.Db.ScriptEvaluateBySha(UnlinkIfLinked, [RedisKeys.Conversation(conversationId)], [caseId]).ConfigureAwait(false) == 1;

    private const string UnlinkIfLinked =
        $"if redis.call('HGET', KEYS[1], '{CaseIdField}') ~= ARGV[1] then return 0 end " +
        $"redis.call('HSET', KEYS[1], '{PreviousCaseIdField}', ARGV[1]) redis.call('HDEL', KEYS[1], '{CaseIdField}', '{OperatorField}') return 1";

    /// <summary>Replies go to this channel conversation from now on (the person continued there with the case code).</summary>
    public Task SetRouteAsync(string conversationId, ConversationRoute route) =>
        redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), [new HashEntry(RouteChannelField, route.Channel.ToWire()), new HashEntry(RouteIdField, route.ChannelConversationId)]);

    /// <summary>The conversation's hash field holding its channel's wire name; a hash without it is no conversation.</summary>
    public const string ChannelField = "channel";

    /// <summary>The conversation's hash field holding when (unix ms) it started.</summary>
    public const string CreatedAtField = "createdAt";

    /// <summary>The conversation's hash field holding the id of its open case.</summary>
    public const string CaseIdField = "caseId";

    /// <summary>The conversation's hash field holding the case it had before (closed or released back to the bot).</summary>
    public const string PreviousCaseIdField = "previousCaseId";

    /// <summary>The conversation's hash field holding the operator who took it.</summary>
    public const string OperatorField = "operator";

    /// <summary>The conversation's hash field holding the channel conversation replies go to once the person continued there.</summary>
    public const string RouteIdField = "routeId";

    /// <summary>The conversation's hash field holding that channel's wire name.</summary>
    public const string RouteChannelField = "routeChannel";

    /// <summary>
    /// The conversation's hash field that is "1" once it may continue another (its alias, hl:{c:ID}:alias, was set when the
    /// person gave that one's case code here): only then is the alias read with a message. Set before the alias, never
    /// removed with it (an alias expired or deleted since costs one read of nothing). An alias an earlier version set without
    /// it is found by the message's step (one EXISTS there), which refuses the message, marks the hash, and the message goes
    /// where the alias leads (<see cref="ConversationMovedException"/>).
    /// </summary>
    public const string ContinuesField = "continues";

    /// <summary>
    /// The conversation's hash field that is "1" when it was started by a version whose every writer of an alias marks the
    /// hash first (<see cref="ContinuesField"/>; all since 9a63192, the version before this field among them): its message's
    /// step need not look for an alias without the mark (the EXISTS that catches one an earlier version set). A hash without
    /// it (started earlier, or its start cut short between its two writes) keeps that check.
    /// </summary>
    public const string AliasesMarkedField = "aliasesMarked";

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
        ? redis.Db.HashDeleteAsync(RedisKeys.Conversation(conversationId), OperatorField)
        : redis.Db.HashSetAsync(RedisKeys.Conversation(conversationId), OperatorField, operatorName);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
