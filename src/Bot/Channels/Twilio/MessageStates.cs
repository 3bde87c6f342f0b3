using System.Globalization;
using System.Text.Json;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// Delivery states kept by message SID (queued → sent → delivered/undelivered/failed → read), and each conversation's
/// SIDs for a later wipe. Twilio's status callbacks can arrive out of order, so a state never goes backwards.
/// </summary>
public sealed class MessageStates(HotlineRedis redis, IOptions<TwilioOptions> options, TimeProvider time)
{
    // Ranks of Twilio's message statuses: a callback with a lower rank than what is stored is late and ignored. The state is
    // one JSON string (status, at, c, errorCode), so a part's record writes it with its lifetime in one command.
    private const string Update =
        "local stored = redis.call('GET', KEYS[1]) " +
        "if not stored then return 0 end " +
        "local state = cjson.decode(stored) " +
        "local ranks = {accepted=0, scheduled=0, queued=1, receiving=1, sending=2, sent=3, partially_delivered=4, received=5, " +
        "  delivered=5, undelivered=5, failed=5, canceled=5, read=6} " +
        "if (ranks[ARGV[1]] or 1) < (ranks[state['status']] or 0) then return 0 end " +
        "state['status'] = ARGV[1] state['at'] = ARGV[2] " +
        "if ARGV[3] ~= '' then state['errorCode'] = ARGV[3] end " +
        "redis.call('SET', KEYS[1], cjson.encode(state), 'KEEPTTL') " +
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

    // After Twilio accepted a part, one step on the conversation's slot (conv its hash, sids its SIDs). Once the conversation
    // is deleted (its tombstone has deletedAt, or even the tombstone is gone) nothing is written: a reply finishing just after
    // the wipe word must not bring the conversation's keys back. The SID joins the conversation's (for a later wipe) unless
    // the conversation was wiped or deleted meanwhile: then the caller has the message deleted at Twilio instead (returns 1).
    // The part's sent mark (sent, see TwilioKeys.SentPartMember) joins the set in the same SADD, so a redelivered entry does
    // not send the part again; returning 1, no mark is written and the caller keeps it on its own key. With the reply's last
    // part (turn) the turn's done mark (SendOrder.DoneMember) joins in that SADD too, so the conversation's next reply may go.
    // Check and writes are one step, so a wipe cannot fall between them; and the set, which does not expire, is never made
    // for a conversation that is not there. A live conversation's hash always has its channel (its first field, kept by the
    // tombstone too): without it, the conversation is gone, which one HMGET tells along with the tombstone's marks. With
    // check false that HMGET is not asked: the caller knows the conversation is neither wiped nor deleted at this moment.
    private static readonly string RecordPart = $$"""
        local function record(conv, sids, sid, wiped, turn, sent, check)
          local done = turn ~= '' and {{SendOrder.DoneMemberLua("turn")}}
          if check then
            {{SendOrder.ReadUnlessDeleted("conversation", "conv", "1", live: true, "wiped")}}
            if conversation[2] == '1' then
              if done then redis.call('SADD', sids, done) end
              return 1
            end
          end
          if done then redis.call('SADD', sids, sid, sent, done) else redis.call('SADD', sids, sid, sent) end
          return 0
        end
        local results = {}
        """;

    // One part on a cluster, where each conversation's keys are on their own slot (KEYS two a part, ARGV four a part): its
    // conversation's hash asked as above.
    private static readonly string Sent = RecordPart + """
        for i = 1, #KEYS, 2 do
          local a = (i - 1) * 2
          results[#results + 1] = record(KEYS[i], KEYS[i + 1], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], true)
        end
        return results
        """;

    // Several parts at once on one Redis (KEYS[1] the deletions' notes, then two a part; ARGV five a part, the fifth its
    // conversation's id): one ZMSCORE of the notes for them all, and a conversation's hash asked only where its id is noted.
    // A wipe and every deletion note the conversation before they mark or delete it (ConversationDeletion.NoteAsync), and a
    // note outlasts any reply still tried (as for the check before the post, DeletionChecks): a part whose conversation is
    // not noted finds it neither wiped nor deleted, in the same step as its writes. Each part's step is otherwise its own,
    // and each one's result is answered in order.
    private static readonly string SentGathered = RecordPart + """
        local ids = {}
        for i = 5, #ARGV, 5 do ids[#ids + 1] = ARGV[i] end
        local noted = redis.call('ZMSCORE', KEYS[1], unpack(ids))
        for p = 1, #ids do
          local k = 2 * p
          local a = (p - 1) * 5
          results[p] = record(KEYS[k], KEYS[k + 1], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], noted[p] ~= false)
        end
        return results
        """;

    /// <summary>
    /// How long a part's record waits for the parts that finish after it, on one Redis, to go with them in one script and one
    /// round trip (one script and one read of the deletions' notes for them all; at 1,000 parts a second about ten go
    /// together). A part is marked sent that much later at most: a Bot dying in between has the entry sent again from that
    /// part, as when it died between Twilio's answer and the record; and the conversation's next reply, which waits for the
    /// turn done, goes that much later at most.
    /// </summary>
    internal static readonly TimeSpan RecordGathering = TimeSpan.FromMilliseconds(10);

    /// <summary>At most this many parts in one record script: a busy sender's gathering goes at once when it has them.</summary>
    internal const int RecordsAtOnce = 32;

    private sealed record PendingRecord(string ConversationId, string MessageSid, string State, long? DoneTurn, string SentMember)
    {
        public TaskCompletionSource<bool> Joined { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Lock gathering = new();
    private List<PendingRecord> gathered = [];

    /// <summary>
    /// A message part Twilio accepted from us, recorded in one round trip: that this part (<paramref name="part"/>) of the
    /// queued reply <paramref name="outgoingId"/> is sent (so a redelivered entry does not send it again: in a reply's
    /// conversation, a member of its SIDs set, added with the SID; otherwise its own key), its delivery state, its SID among
    /// the conversation's, and, with the reply's last part (<paramref name="doneTurn"/>), its turn done (a member of the same
    /// set, in the same SADD), so the conversation's next reply may go. Deleted at Twilio later if the conversation was wiped
    /// or deleted meanwhile. On one Redis, the records of parts finishing within <see cref="RecordGathering"/> of each other
    /// go together (one script, each part's step its own).
    /// </summary>
    /// <returns>False when the message is to be deleted at Twilio (a wipe's own confirmation, or its conversation is gone).</returns>
    public async Task<bool> RecordOutgoingAsync(string? conversationId, string messageSid, string status, bool wipe, string outgoingId, int part, long? doneTurn)
    {
        if (wipe || conversationId is null)
        {
            // No conversation to join: the part's mark on its own key, its state, and a wipe's deletion.
            var batch = redis.Db.CreateBatch();
            var tasks = new List<Task> { batch.StringSetAsync(TwilioKeys.SentPart(outgoingId, part), messageSid, SentPartLifetime) };
            tasks.AddRange(Record(batch, conversationId, messageSid, status, wipe));
            batch.Execute();
            await Task.WhenAll(tasks).ConfigureAwait(false);
            return !wipe;
        }
        var pending = new PendingRecord(conversationId, messageSid, StateOf(conversationId, status), doneTurn, TwilioKeys.SentPartMember(outgoingId, part));
        Gather(pending);
        if (await pending.Joined.Task.ConfigureAwait(false)) return true;
        // Wiped or deleted while Twilio took it: nothing points back at it, and it is deleted at Twilio; the part stays
        // marked sent on its own key.
        var after = redis.Db.CreateBatch();
        var marked = after.StringSetAsync(TwilioKeys.SentPart(outgoingId, part), messageSid, SentPartLifetime);
        var scheduled = ScheduleDeletion(after, messageSid);
        after.Execute();
        await Task.WhenAll(marked, scheduled).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Sends the record now (on a cluster, where each conversation's keys are on their own slot), or gathers it with the
    /// others that follow within <see cref="RecordGathering"/>, or at once when <see cref="RecordsAtOnce"/> are waiting.
    /// </summary>
    private void Gather(PendingRecord pending)
    {
        if (!redis.OneNode)
        {
            _ = FlushAsync([pending]);
            return;
        }
        List<PendingRecord>? full = null;
        bool first;
        lock (gathering)
        {
            gathered.Add(pending);
            first = gathered.Count == 1;
            if (gathered.Count >= RecordsAtOnce) (full, gathered) = (gathered, []);
        }
        if (full is not null) _ = FlushAsync(full);
        else if (first) _ = Task.Delay(RecordGathering).ContinueWith(_ => FlushGathered(), TaskScheduler.Default);
    }

    private void FlushGathered()
    {
        List<PendingRecord> due;
        lock (gathering)
        {
            if (gathered.Count == 0) return;
            (due, gathered) = (gathered, []);
        }
        _ = FlushAsync(due);
    }

    /// <summary>The records' one script and their states, in one round trip; each record's caller gets its own answer or the failure.</summary>
    private async Task FlushAsync(List<PendingRecord> records)
    {
        try
        {
            // On one Redis (where records are gathered) the deletions' notes go first, and each part names its conversation.
            var gathered = redis.OneNode;
            var (first, each) = gathered ? (1, 5) : (0, 4);
            var keys = new RedisKey[first + records.Count * 2];
            var args = new RedisValue[records.Count * each];
            if (gathered) keys[0] = RedisKeys.ConversationsDeleted;
            var batch = redis.Db.CreateBatch();
            var states = new Task[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                keys[first + 2 * i] = RedisKeys.Conversation(r.ConversationId);
                keys[first + 2 * i + 1] = TwilioKeys.MessageSids(r.ConversationId);
                args[each * i] = r.MessageSid;
                args[each * i + 1] = TwilioFields.Wiped;
                args[each * i + 2] = r.DoneTurn is { } turn ? turn : "";
                args[each * i + 3] = r.SentMember;
                if (gathered) args[each * i + 4] = r.ConversationId;
                states[i] = StoreState(batch, r.MessageSid, r.State);
            }
            var joined = batch.ScriptEvaluateAsync(gathered ? SentGathered : Sent, keys, args);
            batch.Execute();
            await Task.WhenAll(states).ConfigureAwait(false);
            var results = (RedisResult[])(await joined.ConfigureAwait(false))!;
            for (var i = 0; i < records.Count; i++) records[i].Joined.TrySetResult((int)results[i] == 0);
        }
        catch (Exception e)
        {
            foreach (var r in records) r.Joined.TrySetException(e);
        }
    }

    /// <summary>
    /// Which parts of the queued reply <paramref name="outgoingId"/> Twilio already accepted (for an entry delivered again:
    /// they are not sent twice), in one round trip: the marks in the conversation's SIDs set, and on their own keys.
    /// </summary>
    public async Task<bool[]> SentPartsAsync(string? conversationId, string outgoingId, int parts)
    {
        var batch = redis.Db.CreateBatch();
        var own = Enumerable.Range(0, parts).Select(i => batch.KeyExistsAsync(TwilioKeys.SentPart(outgoingId, i))).ToArray();
        var inSet = conversationId is null ? null
            : batch.SetContainsAsync(TwilioKeys.MessageSids(conversationId), [.. Enumerable.Range(0, parts).Select(i => (RedisValue)TwilioKeys.SentPartMember(outgoingId, i))]);
        batch.Execute();
        var sent = new bool[parts];
        var members = inSet is null ? null : await inSet.ConfigureAwait(false);
        for (var i = 0; i < parts; i++) sent[i] = await own[i].ConfigureAwait(false) || members?[i] == true;
        return sent;
    }

    /// <summary>How long a sent part is remembered: longer than a queued reply is tried (<see cref="TwilioOptions.GiveUpAfter"/>).</summary>
    internal static readonly TimeSpan SentPartLifetime = TimeSpan.FromDays(1);

    private IEnumerable<Task> Record(IBatch batch, string? conversationId, string messageSid, string status, bool scheduleDeletion)
    {
        yield return StoreState(batch, messageSid, StateOf(conversationId, status));
        if (scheduleDeletion) yield return ScheduleDeletion(batch, messageSid);
    }

    /// <summary>A sent message's delivery state, kept as long as its record (<see cref="TwilioOptions.MessageRecordLifetime"/>).</summary>
    private Task StoreState(IBatch batch, string messageSid, string state) =>
        batch.StringSetAsync(TwilioKeys.MessageState(messageSid), state, options.Value.MessageRecordLifetime);

    /// <summary>A sent message's delivery state as Twilio answered the send: one JSON string (status, at, c).</summary>
    private string StateOf(string? conversationId, string status)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["status"] = status, ["at"] = now.ToString(CultureInfo.InvariantCulture), ["c"] = conversationId ?? "" });
    }

    /// <summary>A status callback: the state moves forward, never back; unknown SIDs are not recorded.</summary>
    public async Task<bool> UpdateAsync(string messageSid, string status, string? errorCode)
    {
        var result = await redis.Db.ScriptEvaluateBySha(Update, [TwilioKeys.MessageState(messageSid)],
            [status, time.GetUtcNow().ToUnixTimeMilliseconds(), errorCode ?? ""]).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async Task<MessageState?> GetAsync(string messageSid)
    {
        var stored = await redis.Db.StringGetAsync(TwilioKeys.MessageState(messageSid)).ConfigureAwait(false);
        if (stored.IsNull || JsonSerializer.Deserialize<Dictionary<string, string>>(stored.ToString()) is not { } map) return null;
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
    public Task ScheduleDeletionAsync(string messageSid) => ScheduleDeletion(redis.Db, messageSid);

    private Task ScheduleDeletion(IDatabaseAsync db, string messageSid) =>
        db.SortedSetAddAsync(TwilioKeys.PendingDeletions, messageSid,
            time.GetUtcNow().ToUnixTimeMilliseconds() + (long)options.Value.WipeFirstDelay.TotalMilliseconds);
}
