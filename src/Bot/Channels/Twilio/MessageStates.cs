using Hotline.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Delivery states kept by message SID (queued → sent → delivered/undelivered/failed → read), and each conversation's
/// SIDs for a later wipe. Twilio's status callbacks can arrive out of order, so a state never goes backwards.
/// </summary>
public sealed class MessageStates(HotlineRedis redis, IOptions<TwilioOptions> options, TimeProvider time)
{
    // Ranks of Twilio's message statuses: a callback with a lower rank than what is stored is late and ignored.
    private const string Update =
        "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end " +
        "local ranks = {accepted=0, scheduled=0, queued=1, receiving=1, sending=2, sent=3, partially_delivered=4, received=5, " +
        "  delivered=5, undelivered=5, failed=5, canceled=5, read=6} " +
        "local current = redis.call('HGET', KEYS[1], 'status') " +
        "if (ranks[ARGV[1]] or 1) < (ranks[current] or 0) then return 0 end " +
        "redis.call('HSET', KEYS[1], 'status', ARGV[1], 'at', ARGV[2]) " +
        "if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'errorCode', ARGV[3]) end " +
        "return 1";

    /// <summary>
    /// A message the person sent: its SID joins the conversation's, for a wipe (queued on a batch, sent with it). A person's
    /// message has no delivery state to follow, so no state is kept by its SID. A plain message's SID is added by the step
    /// that stores the message instead (<see cref="Hotline.Core.Conversations.MessageOnce"/>). The conversation's SIDs do not
    /// expire: however long it was idle, its deletion (<see cref="Hotline.Core.Transcripts.ConversationDeletion"/>) hands
    /// every one of them over to be deleted at Twilio.
    /// </summary>
    public IEnumerable<Task> RecordInbound(IBatch batch, string conversationId, string messageSid)
    {
        yield return batch.SetAddAsync(TwilioKeys.MessageSids(conversationId), messageSid);
    }

    public async Task RecordInboundAsync(string conversationId, string messageSid)
    {
        var batch = redis.Db.CreateBatch();
        var tasks = RecordInbound(batch, conversationId, messageSid).ToList();
        batch.Execute();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    // On the conversation's slot: a sent message's SID joins the conversation's (for a later wipe), unless the conversation
    // was wiped or deleted meanwhile (its tombstone has deletedAt, or even the tombstone is gone): then nothing is written
    // there, and the caller has the message deleted at Twilio instead (returns 1). The check and the write are one step, so
    // a wipe cannot fall between; and the set, which does not expire, is never made for a conversation that is not there.
    private const string JoinSids =
        "if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'deletedAt') == 1 or redis.call('HGET', KEYS[1], ARGV[2]) == '1' then return 1 end " +
        "redis.call('SADD', KEYS[2], ARGV[1]) return 0";

    /// <summary>A message Twilio accepted from us. Deleted at Twilio later if the conversation was wiped or deleted meanwhile.</summary>
    /// <returns>False when the message is to be deleted at Twilio (a wipe's own confirmation, or its conversation is gone).</returns>
    public async Task<bool> RecordOutgoingAsync(string? conversationId, string messageSid, string status, bool wipe)
    {
        if (!wipe && conversationId is not null)
        {
            wipe = (int)await redis.Db.ScriptEvaluateAsync(JoinSids,
                [RedisKeys.Conversation(conversationId), TwilioKeys.MessageSids(conversationId)],
                [messageSid, TwilioFields.Wiped]).ConfigureAwait(false) == 1;
        }
        var batch = redis.Db.CreateBatch();
        // The SID already joined the conversation's above (or must not): only its state and, if wiped, its deletion are left.
        var tasks = Record(batch, conversationId, messageSid, status, wipe).ToList();
        batch.Execute();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return !wipe;
    }

    private IEnumerable<Task> Record(IBatch batch, string? conversationId, string messageSid, string status, bool scheduleDeletion)
    {
        var lifetime = options.Value.MessageRecordLifetime;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        yield return batch.HashSetAsync(TwilioKeys.MessageState(messageSid), [
            new HashEntry("status", status), new HashEntry("at", now), new HashEntry("c", conversationId ?? ""),
        ]);
        yield return batch.KeyExpireAsync(TwilioKeys.MessageState(messageSid), lifetime);
        if (scheduleDeletion)
        {
            yield return batch.SortedSetAddAsync(TwilioKeys.PendingDeletions, messageSid, now + (long)options.Value.WipeFirstDelay.TotalMilliseconds);
        }
    }

    /// <summary>A status callback: the state moves forward, never back; unknown SIDs are not recorded.</summary>
    public async Task<bool> UpdateAsync(string messageSid, string status, string? errorCode)
    {
        var result = await redis.Db.ScriptEvaluateAsync(Update, [TwilioKeys.MessageState(messageSid)],
            [status, time.GetUtcNow().ToUnixTimeMilliseconds(), errorCode ?? ""]).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async Task<MessageState?> GetAsync(string messageSid)
    {
        var entries = await redis.Db.HashGetAllAsync(TwilioKeys.MessageState(messageSid)).ConfigureAwait(false);
        if (entries.Length == 0) return null;
        var map = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        return new MessageState(
            messageSid,
            map.GetValueOrDefault("status") ?? "",
            string.IsNullOrEmpty(map.GetValueOrDefault("errorCode")) ? null : map["errorCode"],
            DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(map.GetValueOrDefault("at"), out var at) ? at : 0),
            string.IsNullOrEmpty(map.GetValueOrDefault("c")) ? null : map["c"]);
    }

    /// <summary>
    /// These messages go to the deletion queue: deleted at Twilio, retried until Twilio confirms. A deleted conversation's
    /// SIDs come from its deletion (<see cref="Hotline.Core.Transcripts.ConversationDeletionResult.ChannelMessageIds"/>),
    /// read in the very step that deleted them.
    /// </summary>
    public async Task ScheduleDeletionsAsync(IReadOnlyList<string> sids)
    {
        if (sids.Count == 0) return;
        var due = time.GetUtcNow().ToUnixTimeMilliseconds() + (long)options.Value.WipeFirstDelay.TotalMilliseconds;
        await redis.Db.SortedSetAddAsync(TwilioKeys.PendingDeletions, sids.Select(s => new SortedSetEntry(s, due)).ToArray()).ConfigureAwait(false);
    }

    /// <summary>A message without a conversation (a stop word from a sender we did not know) to delete at Twilio.</summary>
    public Task ScheduleDeletionAsync(string messageSid) =>
        redis.Db.SortedSetAddAsync(TwilioKeys.PendingDeletions, messageSid,
            time.GetUtcNow().ToUnixTimeMilliseconds() + (long)options.Value.WipeFirstDelay.TotalMilliseconds);
}
