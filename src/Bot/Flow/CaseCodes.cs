using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Bot.Flow;

/// <summary>
/// Case codes (<see cref="CaseCodeFormat"/>): a person gives the code on another channel, or later, to continue the same
/// conversation. 40² × 10⁹ codes carry <see cref="Bits"/> ≈ 40.5 bits. Failed redemptions are limited per channel
/// conversation, per network address (a keyed hash of it, never the address) and across the whole service. A good code
/// moves nothing by itself: the move is held until the conversation's operator confirms it is the same person, and the
/// channel the conversation is on now is told at once. A code stops working on wipe, on stop and once its case is closed.
/// Redis holds only the code's keyed hash (<see cref="CaseCodeKey"/>); the code itself is said once, in the bot's reply,
/// which is kept only sealed (the transcript to the team key, the channel's copy under the Bot's keys).
/// <para>
/// A try is counted first, on all three counters at once (INCR, one key per script, so it holds on a cluster), and goes on
/// to the lookup only if its number is within every limit. Tries sent at the same moment each get their own number, so no
/// more than a limit's tries ever reach a lookup, however many arrive together. A try gives its count back (DECR) when it
/// was refused, since it looked nothing up, and when its code was good, since honest use is no failure. Neither opens a
/// hole: a try gives back only its own count, never another's, and only once it is settled, so what stays counted is
/// exactly the tries that looked up a code and failed; while a try is being decided it holds its place, so a good code can
/// only make a burst stricter, never let one more guess through. A refused try and an unknown code get the same reply.
/// </para>
/// </summary>
public sealed class CaseCodes(HotlineRedis redis, ConversationStore conversations, CaseStore cases, CaseCodeKey key, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);
    /// <summary>Failed tries from one chat in an hour.</summary>
    public const int MaxFailedAttempts = 5;
    /// <summary>Failed tries from one network address (or one SMS/WhatsApp sender) in a day, however many chats it opens.</summary>
    public const int MaxFailedPerSource = 10;
    /// <summary>Failed tries across the whole service in an hour: past it, no code is taken until the hour ends.</summary>
    public const int MaxFailedOverall = 100;
    /// <summary>How long a move waits for the operator's confirmation.</summary>
    public static readonly TimeSpan MoveHold = TimeSpan.FromDays(7);

    /// <summary>The entropy of one code: two words of the list and nine random digits.</summary>
    public static double Bits => CaseCodeFormat.Bits;

    /// <summary>
    /// A new code for the conversation, to be said to the person now; null when it has one already (that code was said
    /// when it was made and is kept nowhere in clear, so it cannot be said again).
    /// </summary>
    public async Task<string?> NewForAsync(string conversationId)
    {
        if ((await conversations.GetAsync(conversationId).ConfigureAwait(false))?.CaseCodeLookup is not null) return null;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var code = CaseCodeFormat.New();
            var lookup = key.LookupOf(code);
            if (!await redis.Db.StringSetAsync(RedisKeys.CaseCode(lookup), conversationId, Lifetime, When.NotExists).ConfigureAwait(false)) continue;
            if (await conversations.SetCaseCodeLookupAsync(conversationId, lookup).ConfigureAwait(false)) return code;
            // Another message gave this conversation a code at the same moment: theirs stands, and was said with it.
            await redis.Db.KeyDeleteAsync(RedisKeys.CaseCode(lookup)).ConfigureAwait(false);
            return null;
        }
        throw new InvalidOperationException("Could not find a free case code");
    }

    /// <summary>The conversation a channel conversation continues (once its operator confirmed the move), or the channel conversation itself.</summary>
    public async Task<string> ResolveAsync(string channelConversationId) =>
        await ContinuedIn(redis.Db, channelConversationId).ConfigureAwait(false) ?? channelConversationId;

    /// <summary>The conversation a channel conversation continues, or null when it continues none (read on a batch).</summary>
    public async Task<string?> ContinuedIn(IDatabaseAsync db, string channelConversationId) =>
        (string?)await db.StringGetAsync(RedisKeys.Alias(channelConversationId)).ConfigureAwait(false);

    /// <summary>
    /// The conversation a channel conversation continues, or null, knowing its hash as read (<paramref name="record"/>, null
    /// when it has none): the alias is read only when the hash says there may be one (<see cref="ConversationStore.ContinuesField"/>)
    /// or there is no hash to say. An alias without the mark (set by an earlier version) is caught by the message's step
    /// itself (<see cref="MessageRecorder.RecordOnceAsync"/>'s aliasCheck), which marks the hash.
    /// </summary>
    public Task<string?> ContinuedInAsync(string channelConversationId, ConversationRecord? record) =>
        record is null || record.Fields.ContainsKey(ConversationStore.ContinuesField) ? ContinuedIn(redis.Db, channelConversationId) : Task.FromResult<string?>(null);

    // KEYS[1] the channel conversation's hash, KEYS[2] its alias (same slot); ARGV[1] the conversation it continues, ARGV[2]
    // the alias's lifetime (ms). The hash says so first, and only if it is there (a hash without its channel is no conversation).
    private static readonly string SetAlias =
        $"if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], '{ConversationStore.ContinuesField}', '1') end " +
        "redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) return 1";

    /// <summary>
    /// If the text is a case code, asks to move the code's conversation to this channel conversation (held for the operator).
    /// <paramref name="source"/> is the keyed hash of the sender's network address (<see cref="Limits.NetworkAddresses"/>); without one, the channel conversation counts as the source.
    /// </summary>
    public async Task<(CodeRedemption Outcome, string? ConversationId)> TryRedeemAsync(string channelConversationId, Channel channel, string text, string? source = null)
    {
        if (CaseCodeFormat.Parse(text) is not { } code) return (CodeRedemption.NotACode, null);
        var lookup = key.LookupOf(code);
        var now = time.GetUtcNow();
        var attempts = RedisKeys.CodeAttempts(channelConversationId);
        var fromSource = RedisKeys.CodeFailuresFrom(source ?? channelConversationId);
        var overall = RedisKeys.CodeFailuresOverall(now);
        // Each try is counted before the code is looked up, and gets its own number from INCR: of tries sent at once, only
        // those whose number is within every limit reach the lookup (see the class comment for why tries are given back).
        (string Key, TimeSpan Window)[] counters = [(attempts, TimeSpan.FromHours(1)), (fromSource, TimeSpan.FromDays(1)), (overall, TimeSpan.FromHours(1))];
        var counts = await Task.WhenAll(counters.Select(c => CountAsync(c.Key, c.Window))).ConfigureAwait(false);
        if (counts[0] > MaxFailedAttempts || counts[1] > MaxFailedPerSource || counts[2] > MaxFailedOverall)
        {
            await GiveBackAsync(counters).ConfigureAwait(false);
            return (CodeRedemption.TooManyAttempts, null);
        }
        var target = (string?)await redis.Db.StringGetAsync(RedisKeys.CaseCode(lookup)).ConfigureAwait(false);
        if (target is null || (target != channelConversationId && !await IsLiveAsync(target, lookup).ConfigureAwait(false)))
        {
            return (CodeRedemption.Unknown, null);
        }
        await GiveBackAsync(counters).ConfigureAwait(false);
        if (target == channelConversationId) return (CodeRedemption.NotACode, null);
        var held = await redis.Db.HashGetAsync(RedisKeys.Conversation(target), MoveTo).ConfigureAwait(false);
        if (held == channelConversationId) return (CodeRedemption.AlreadyRequested, target);
        await redis.Db.HashSetAsync(RedisKeys.Conversation(target), [
            new HashEntry(MoveTo, channelConversationId),
            new HashEntry(MoveChannel, channel.ToWire()),
            new HashEntry(MoveAt, now.ToUnixTimeMilliseconds()),
        ]).ConfigureAwait(false);
        return (CodeRedemption.MoveRequested, target);
    }

    /// <summary>The operator confirmed it is the same person: the conversation continues on the channel that asked. Null when nothing waited.</summary>
    public async Task<ConversationRoute?> ConfirmMoveAsync(string conversationId)
    {
        if (await PendingMoveAsync(conversationId).ConfigureAwait(false) is not { } route) return null;
        await redis.Db.ScriptEvaluateBySha(SetAlias, [RedisKeys.Conversation(route.ChannelConversationId), RedisKeys.Alias(route.ChannelConversationId)],
            [conversationId, (long)Lifetime.TotalMilliseconds]).ConfigureAwait(false);
        await conversations.SetRouteAsync(conversationId, route).ConfigureAwait(false);
        await ClearMoveAsync(conversationId).ConfigureAwait(false);
        return route;
    }

    /// <summary>The operator refused the move (not the same person): nothing moves. Returns who asked, or null.</summary>
    public async Task<ConversationRoute?> RefuseMoveAsync(string conversationId)
    {
        var route = await PendingMoveAsync(conversationId).ConfigureAwait(false);
        await ClearMoveAsync(conversationId).ConfigureAwait(false);
        return route;
    }

    /// <summary>The move a conversation waits to confirm, if any.</summary>
    public async Task<ConversationRoute?> PendingMoveAsync(string conversationId)
    {
        var values = await redis.Db.HashGetAsync(RedisKeys.Conversation(conversationId), [MoveTo, MoveChannel, MoveAt]).ConfigureAwait(false);
        if (values[0].IsNullOrEmpty || !WireNames.TryParseChannel(values[1], out var channel)) return null;
        if (time.GetUtcNow().ToUnixTimeMilliseconds() - (long)values[2] > MoveHold.TotalMilliseconds) return null;
        return new ConversationRoute(channel, values[0].ToString());
    }

    /// <summary>The conversation's code stops working (wipe, stop, a closed case), and any move it asked for is dropped.</summary>
    public async Task RevokeAsync(string conversationId)
    {
        var lookup = await redis.Db.HashGetAsync(RedisKeys.Conversation(conversationId), ConversationStore.CaseCodeLookupField).ConfigureAwait(false);
        if (!lookup.IsNullOrEmpty) await redis.Db.KeyDeleteAsync(RedisKeys.CaseCode(lookup.ToString())).ConfigureAwait(false);
        await ClearMoveAsync(conversationId).ConfigureAwait(false);
    }

    private const string MoveTo = "moveTo";
    private const string MoveChannel = "moveChannel";
    private const string MoveAt = "moveAt";

    private Task ClearMoveAsync(string conversationId) =>
        redis.Db.HashDeleteAsync(RedisKeys.Conversation(conversationId), [MoveTo, MoveChannel, MoveAt]);

    /// <summary>A code opens only a conversation that has not ended and whose case is not closed; otherwise it is revoked now.</summary>
    private async Task<bool> IsLiveAsync(string conversationId, string lookup)
    {
        var conversation = await conversations.GetAsync(conversationId).ConfigureAwait(false);
        var closed = conversation is null || conversation.Ended || conversation.CaseCodeLookup != lookup;
        if (!closed && (conversation!.CaseId ?? conversation.PreviousCaseId) is { } caseId)
        {
            closed = (await cases.GetAsync(caseId).ConfigureAwait(false))?.Status == CaseStatus.Closed;
        }
        if (closed) await redis.Db.KeyDeleteAsync(RedisKeys.CaseCode(lookup)).ConfigureAwait(false);
        return !closed;
    }

    /// <summary>Counts one try on a counter and returns its number; the window starts with the counter's first try.</summary>
    private async Task<long> CountAsync(string key, TimeSpan window) =>
        (long)await redis.Db.ScriptEvaluateBySha(Count, [key], [(long)window.TotalMilliseconds]).ConfigureAwait(false);

    /// <summary>Gives a try back on each counter: a refused try (it reached no code) or a good code (not a failure).</summary>
    private Task GiveBackAsync((string Key, TimeSpan Window)[] counters) =>
        Task.WhenAll(counters.Select(c => redis.Db.ScriptEvaluateBySha(GiveBack, [c.Key])));

    // One key each (the three counters lie on different hash slots, so a cluster runs them on different nodes). A counter
    // without an expiry gets its window, so none outlives it even if an earlier expiry was lost.
    private const string Count = """
        local n = redis.call('INCR', KEYS[1])
        if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    // Only a counter that still exists: one whose window ended meanwhile is not made again (it would have no expiry).
    private const string GiveBack = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local n = redis.call('DECR', KEYS[1])
        if n <= 0 then redis.call('DEL', KEYS[1]) end
        return n
        """;
}
