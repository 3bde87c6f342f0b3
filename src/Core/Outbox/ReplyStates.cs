using System.Globalization;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Core.Outbox;

/// <summary>
/// The delivery state of each operator reply, by conversation and transcript sequence (no text, no address), moving
/// only forward, with every change announced on a pub/sub channel for the consoles. A channel's own handle for a reply
/// (a Twilio message SID, a web chat activity id) points back at it, so a status callback or the person's page can move it.
/// </summary>
public sealed class ReplyStates(HotlineRedis redis)
{
    /// <summary>As long as a case is likely to be looked at again; the transcript itself outlives it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private static readonly string Ranks = "{" + string.Join(", ", Enum.GetValues<ReplyState>().Select(s => $"{s.ToWire()}={(int)s}")) + "}";

    // Callbacks and receipts arrive out of order and more than once: a state never goes back or repeats. A receipt that
    // arrives after the conversation was deleted (its tombstone has deletedAt) writes nothing back.
    private static readonly string Advance =
        $"local ranks = {Ranks} " +
        ConversationTombstone.NothingOnceDeleted(2) +
        "local current = redis.call('HGET', KEYS[1], ARGV[1]) " +
        "if current and ranks[current] >= ranks[ARGV[2]] then return 0 end " +
        "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) redis.call('PEXPIRE', KEYS[1], ARGV[3]) return 1";

    /// <summary>Moves the reply to <paramref name="state"/> if that is forward; true when it moved (and was announced).</summary>
    public async Task<bool> AdvanceAsync(ReplyRef reply, ReplyState state)
    {
        var moved = (int)await redis.Db.ScriptEvaluateBySha(Advance, [RedisKeys.ReplyStates(reply.ConversationId), RedisKeys.Conversation(reply.ConversationId)],
            [reply.Sequence, state.ToWire(), (long)Lifetime.TotalMilliseconds]).ConfigureAwait(false) == 1;
        if (moved)
        {
            await redis.Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.ReplyStateChanged), reply + "|" + state.ToWire()).ConfigureAwait(false);
        }
        return moved;
    }

    /// <summary>Remembers which reply a channel's handle (a message SID, an activity id) stands for.</summary>
    public Task LinkAsync(string handle, ReplyRef reply) =>
        redis.Db.StringSetAsync(RedisKeys.ReplyHandle(handle), reply.ToString(), Lifetime);

    /// <summary>Moves the reply a channel's handle stands for; false when the handle is none of an operator's replies.</summary>
    public async Task<bool> AdvanceByHandleAsync(string handle, ReplyState state) =>
        ReplyRef.Parse(await redis.Db.StringGetAsync(RedisKeys.ReplyHandle(handle)).ConfigureAwait(false)) is { } reply
        && await AdvanceAsync(reply, state).ConfigureAwait(false);

    /// <summary>Every known reply state of a conversation, by transcript sequence.</summary>
    public async Task<IReadOnlyDictionary<long, ReplyState>> ReadAsync(string conversationId)
    {
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.ReplyStates(conversationId)).ConfigureAwait(false);
        var states = new SortedDictionary<long, ReplyState>();
        foreach (var e in entries)
        {
            if (long.TryParse(e.Name.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && ReplyStateNames.TryParse(e.Value.ToString(), out var state))
            {
                states[sequence] = state;
            }
        }
        return states;
    }

    /// <summary>A change as announced on <see cref="RedisKeys.ReplyStateChanged"/>: the reply and its new state, or null.</summary>
    public static (ReplyRef Reply, ReplyState State)? ParseChange(string? message)
    {
        var at = message?.LastIndexOf('|') ?? -1;
        if (at <= 0 || ReplyRef.Parse(message![..at]) is not { } reply || !ReplyStateNames.TryParse(message[(at + 1)..], out var state)) return null;
        return (reply, state);
    }
}
