using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Hotline.Core.Transcripts;

/// <summary>
/// The one path that deletes a conversation, whatever started it (the wipe word on SMS or WhatsApp, "delete this
/// conversation" on the web chat page, a supervisor in the console). Two halves, because no single Redis user may touch
/// both: <see cref="DeleteConversationAsync"/> runs in the Bot (the only service that may touch the delivery copy, the
/// sealed reply address, the risk state and the case code) and deletes every key of the conversation's slot, its case
/// code and the alias of the chat it moved to, leaving only a tombstone (<see cref="TombstoneFields"/>);
/// <see cref="ForgetCaseAsync"/> runs where cases are written (Triage, or the Operator service for a supervisor) and
/// closes the case with a timeline note that holds no text, deleting its private notes, sealed facts (age, area, minor
/// flag, indicator positions), record and the fields that point at an area or a person. What is kept: the tombstone, the case's routing facts (severity, categories, language, channel,
/// times to the hour, close reason) and timeline (its times to the hour too, <see cref="CoarseTime"/>), text-free dashboard samples, and Twilio message records
/// (and the duplicate guards that hold Twilio's message ids, for two days) until Twilio confirms it deleted each message.
/// </summary>
public sealed class ConversationDeletion(HotlineRedis redis, EventOutbox events, CaseStore cases, CaseTimeline timeline, TimeProvider time,
    ILogger<ConversationDeletion> logger)
{
    /// <summary>What the conversation's hash keeps after a deletion: no language, severity, case, code, route or sender.</summary>
    public static readonly IReadOnlyList<string> TombstoneFields =
        [ConversationStore.ChannelField, ConversationStore.EndedField, ConversationStore.EndedAtField, ConversationTombstone.DeletedAtField];

    /// <summary>The case fields that could help name the person (with a time and a small place): removed from a deleted conversation's case.</summary>
    public static readonly IReadOnlyList<string> IdentifyingCaseFields =
        [CaseFields.Area, CaseFields.CoveredBy, CaseFields.Duress, CaseFields.OfferedTo, CaseFields.Offered, CaseFields.Holder];

    /// <summary>Every key on the conversation's slot besides its hash. A per-conversation key added later belongs here.</summary>
    public static IReadOnlyList<string> KeysOf(string conversationId) =>
    [
        RedisKeys.TranscriptKeys(conversationId),
        RedisKeys.Transcript(conversationId),
        RedisKeys.Delivery(conversationId),
        RedisKeys.Address(conversationId),
        RedisKeys.EventOutbox(conversationId),
        // The risk state and the duress mark are fields of the hash now; their keys stay here for a Redis written before.
        RedisKeys.ConversationRisk(conversationId),
        RedisKeys.Alias(conversationId),
        RedisKeys.CodeAttempts(conversationId),
        RedisKeys.ConversationFlag(conversationId, "duress"),
        $"hl:{{c:{conversationId}}}:twilio:held",
        $"hl:{{c:{conversationId}}}:twilio:sids",
        $"hl:{{c:{conversationId}}}:twilio:order",
        $"hl:{{c:{conversationId}}}:hold",
        RedisKeys.ReplyStates(conversationId),
    ];

    // The set of the channel's message ids (Twilio's SIDs), which the deletion reads as it deletes it: its place in KEYS.
    private static readonly int ChannelMessageIdsIndex = IndexOf(KeysOf("id"), "hl:{c:id}:twilio:sids");

    // The type of the case event a deletion writes (static fields initialise in order: before DeleteSlot).
    private static readonly string ConversationDeletedType = new CaseEvent.ConversationDeleted("k").ToFields()[0].Value!;

    // One step on the conversation's slot: read what points elsewhere, delete every key, keep only the tombstone fields, and
    // write down what is left to do on other slots (KEYS[#KEYS], the remainder) with the case events (into the conversation's
    // event outbox, which its relay's sweep empties even if this process dies): a death after this step loses nothing.
    // KEYS[1] is the conversation's hash, KEYS[2] its alias, then every key of KeysOf (a key added there is deleted here),
    // then the remainder. ExpiryGuard and RetentionGuard, with their arguments, keep a conversation that has come back to
    // life (return 0). The tombstone keeps its times to the hour only (CoarseTime): ARGV[1] comes cut already. ARGV[8] is
    // the conversation's id, ARGV[9] the index in KEYS of its event outbox. On a tombstone (a deletion interrupted, or done
    // twice) the step deletes again and returns the remainder still written down, and the case events not yet relayed.
    // ARGV[10] '1': only look (nothing written): 1 when the guards would let the step delete. ARGV[11]: the outbox index of
    // the conversation's node (OutboxIndex), where the conversation is listed when case events wait in its outbox.
    private static readonly string DeleteSlot =
        "local conv = redis.call('HGETALL', KEYS[1]) " +
        "if #conv == 0 then return false end " +
        "local map = {} for i = 1, #conv, 2 do map[conv[i]] = conv[i + 1] end " +
        ExpiryGuard +
        RetentionGuard +
        "if ARGV[10] == '1' then return 1 end " +
        "local rest, outbox = KEYS[#KEYS], KEYS[tonumber(ARGV[9])] " +
        "local events = {} " +
        "for _, p in ipairs(redis.call('LRANGE', outbox, 0, -1)) do " +
        $"  if string.find(p, '\"type\":\"{ConversationDeletedType}\"', 1, true) then events[#events + 1] = p end " +
        "end " +
        "local alias = redis.call('GET', KEYS[2]) or '' " +
        $"local sids = redis.call('SMEMBERS', KEYS[{ChannelMessageIdsIndex}]) " +
        "redis.call('DEL', unpack(KEYS, 1, #KEYS - 1)) " +
        $"local ended = tonumber(map['{ConversationStore.EndedAtField}'] or '') " +
        $"if ended then ended = string.format('%.0f', ended - ended % {CoarseTime.PrecisionMilliseconds}) end " +
        $"redis.call('HSET', KEYS[1], '{ConversationStore.ChannelField}', map['{ConversationStore.ChannelField}'] or '', '{ConversationStore.EndedField}', '1', " +
        $"'{ConversationStore.EndedAtField}', ended or ARGV[1], '{ConversationTombstone.DeletedAtField}', ARGV[1]) " +
        $"local caseId, previous = map['{ConversationStore.CaseIdField}'] or '', map['{ConversationStore.PreviousCaseIdField}'] or '' " +
        $"local remainder = {{case = caseId, code = map['{ConversationStore.CaseCodeLookupField}'] or '', route = map['{ConversationStore.RouteIdField}'] or '', " +
        "  alias = alias, sids = table.concat(sids, ' ')} " +
        "for name, value in pairs(remainder) do if value ~= '' then redis.call('HSET', rest, name, value) end end " +
        "for i, id in ipairs({caseId, previous}) do " +
        "  if id ~= '' and (i == 1 or id ~= caseId) then " +
        $"    events[#events + 1] = cjson.encode({{type = '{ConversationDeletedType}', caseId = id, conversationId = ARGV[8]}}) " +
        "  end " +
        "end " +
        "for _, p in ipairs(events) do redis.call('RPUSH', outbox, p) end " +
        // Listed for the sweep as the message's step lists it (EventOutbox.IndexInScript), scored by the hour (ARGV[1]): due at once.
        "if #events > 0 then redis.pcall('ZADD', ARGV[11], 'NX', ARGV[1], ARGV[8]) redis.pcall('PEXPIRE', ARGV[11], " + OutboxIndex.KeptMilliseconds + ") end " +
        "local r = {} local f = redis.call('HGETALL', rest) for i = 1, #f, 2 do r[f[i]] = f[i + 1] end " +
        "return {r['case'] or '', r['code'] or '', r['route'] or '', r['alias'] or '', r['sids'] or '', events}";

    /// <summary>
    /// Deletes the conversation's data (and, when this chat continues another with the case code, that conversation's too),
    /// then asks the Triage worker, through the conversation's event outbox, to close its case. A deletion interrupted (the
    /// process died) is finished by <see cref="FinishInterruptedAsync"/>: it is marked first, and its first step leaves
    /// nothing readable and writes down the rest.
    /// </summary>
    /// <param name="onlyIfEntriesAtMost">
    /// For a deletion decided elsewhere a while ago (retention): delete only if no case is open on the conversation and its
    /// transcript has not grown past this many entries since (the person wrote again); otherwise nothing is deleted.
    /// </param>
    public async Task<ConversationDeletionResult> DeleteConversationAsync(string conversationId, long? onlyIfEntriesAtMost = null)
    {
        await MarkAsync(RedisKeys.ConversationDeletions, conversationId, onlyIfEntriesAtMost is null ? Asked : Guarded).ConfigureAwait(false);
        var result = await DeleteOneAsync(conversationId, onlyIfEntriesAtMost: onlyIfEntriesAtMost).ConfigureAwait(false);
        if (result.Kept)
        {
            await redis.Db.HashDeleteAsync(RedisKeys.ConversationDeletions, conversationId).ConfigureAwait(false);
            logger.LogInformation("A conversation was not deleted: the person wrote again since the deletion was decided");
            return new ConversationDeletionResult(false, null, false);
        }
        if (result.Alias is { Length: > 0 } continued && continued != conversationId)
        {
            var other = await DeleteOneAsync(continued).ConfigureAwait(false);
            result = result with
            {
                Found = result.Found || other.Found, CaseId = result.CaseId ?? other.CaseId, CodeRevoked = result.CodeRevoked || other.CodeRevoked,
                ChannelMessageIds = [.. result.ChannelMessageIds, .. other.ChannelMessageIds],
            };
        }
        await EndAsync(conversationId, result.Alias).ConfigureAwait(false);
        logger.LogInformation("A conversation was deleted (case {CaseId})", result.CaseId ?? "none");
        return new ConversationDeletionResult(result.Found, result.CaseId, result.CodeRevoked) { ChannelMessageIds = result.ChannelMessageIds };
    }

    // The kinds of a deletion's mark: one a person or a supervisor asked for (finished whatever happens), one decided with
    // a guard (expiry, retention), which is finished only once its first step has run.
    private const string Asked = "asked";
    private const string Guarded = "guarded";

    /// <summary>How long a deletion's mark stays before <see cref="FinishInterruptedAsync"/> takes it for interrupted.</summary>
    public static readonly TimeSpan InterruptedAfter = TimeSpan.FromMinutes(1);

    // True when this call wrote the mark (none was there).
    private Task<bool> MarkAsync(string marks, string id, string kind) =>
        redis.Db.HashSetAsync(marks, id, $"{kind}:{time.GetUtcNow().ToUnixTimeMilliseconds()}", When.NotExists);

    // The deletion is complete: its remainders (on each conversation's slot), then its mark.
    private async Task EndAsync(string conversationId, string? continued)
    {
        if (continued is { Length: > 0 } && continued != conversationId)
        {
            await redis.Db.KeyDeleteAsync(RedisKeys.DeletionRemainder(continued)).ConfigureAwait(false);
        }
        await redis.Db.KeyDeleteAsync(RedisKeys.DeletionRemainder(conversationId)).ConfigureAwait(false);
        await redis.Db.HashDeleteAsync(RedisKeys.ConversationDeletions, conversationId).ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes the conversations' deletions that began more than <see cref="InterruptedAfter"/> ago and never ended (the
    /// process died): one asked for is done again whole (each step is idempotent); one decided with a guard whose first step
    /// did not run is dropped (whoever decided it decides again), otherwise finished. Runs in the Bot.
    /// </summary>
    /// <returns>What each finished deletion removed (the channel's copies of its messages are to be deleted).</returns>
    /// <remarks>
    /// One that fails (a key of the wrong type, a key refused) is logged and keeps its mark for the next pass; the others
    /// are finished all the same. Only Redis out of reach ends the pass (<see cref="RedisFailures.IsUnreachable"/>).
    /// </remarks>
    public async Task<IReadOnlyList<ConversationDeletionResult>> FinishInterruptedAsync()
    {
        var finished = new List<ConversationDeletionResult>();
        foreach (var (conversationId, kind) in await InterruptedAsync(RedisKeys.ConversationDeletions).ConfigureAwait(false))
        {
            try
            {
                if (kind == Asked || await redis.Db.KeyExistsAsync(RedisKeys.DeletionRemainder(conversationId)).ConfigureAwait(false))
                {
                    logger.LogWarning("Finishing a conversation's deletion that was interrupted");
                    finished.Add(await DeleteConversationAsync(conversationId).ConfigureAwait(false));
                }
                else
                {
                    await redis.Db.HashDeleteAsync(RedisKeys.ConversationDeletions, conversationId).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (!RedisFailures.IsUnreachable(e))
            {
                // No conversation id in the log (as in every log of a deletion): the mark in hl:conversations:deleting names it.
                logger.LogError(e, "A conversation's interrupted deletion could not be finished; it stays marked for the next pass");
            }
        }
        return finished;
    }

    // The marks in a set of them older than InterruptedAfter: id and kind.
    private async Task<List<(string Id, string Kind)>> InterruptedAsync(string marks)
    {
        var before = (time.GetUtcNow() - InterruptedAfter).ToUnixTimeMilliseconds();
        var interrupted = new List<(string, string)>();
        foreach (var mark in await redis.Db.HashGetAllAsync(marks).ConfigureAwait(false))
        {
            var value = mark.Value.ToString();
            var colon = value.LastIndexOf(':');
            if (colon > 0 && long.TryParse(value.AsSpan(colon + 1), out var at) && at < before) interrupted.Add((mark.Name.ToString(), value[..colon]));
        }
        return interrupted;
    }

    // Only with an expiry's cut-offs (ARGV[2] idle, ARGV[3] age, ARGV[4..5] the indexes in KEYS of the transcript and the
    // event outbox): keeps (returns 0) a conversation that has or had a case, an operator, an event not yet relayed, or
    // that the person or anyone wrote in after the idle cut-off and that is younger than the age cut-off. Checked in the
    // same step as the deletion, so a message stored a moment before is never deleted with it.
    private const string ExpiryGuard =
        "if ARGV[2] and ARGV[2] ~= '' then " +
        "  if map['" + ConversationStore.CaseIdField + "'] or map['" + ConversationStore.PreviousCaseIdField + "'] or map['" + ConversationStore.OperatorField +
        "'] or map['" + ConversationStore.RouteIdField + "'] or map['" + ConversationTombstone.DeletedAtField + "'] then return 0 end " +
        "  if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end " +
        "  if redis.call('LLEN', KEYS[tonumber(ARGV[5])]) > 0 then return 0 end " +
        "  local created = tonumber(map['" + ConversationStore.CreatedAtField + "'] or '0') or 0 " +
        "  local last = created " +
        "  local entry = redis.call('LINDEX', KEYS[tonumber(ARGV[4])], -1) " +
        "  if entry then last = math.max(last, tonumber(cjson.decode(entry)['at']) or 0) end " +
        "  if last > tonumber(ARGV[2]) and created > tonumber(ARGV[3]) then return 0 end " +
        "end ";

    /// <summary>
    /// Expiry's deletion: the same complete deletion as <see cref="DeleteConversationAsync"/>, but only of a conversation
    /// that never had a case or an operator, has no event waiting to be relayed, and has been idle since
    /// <paramref name="idleBefore"/> or was started before <paramref name="startedBefore"/>; checked in the same step.
    /// </summary>
    /// <returns>What was deleted, or null when nothing was (kept, or not there).</returns>
    public async Task<ConversationDeletionResult?> ExpireConversationAsync(string conversationId, DateTimeOffset idleBefore, DateTimeOffset startedBefore)
    {
        var keysOf = KeysOf(conversationId);
        var guard = new ExpiryCutOffs(idleBefore.ToUnixTimeMilliseconds(), startedBefore.ToUnixTimeMilliseconds(),
            IndexOf(keysOf, RedisKeys.Transcript(conversationId)), IndexOf(keysOf, RedisKeys.EventOutbox(conversationId)));
        // Most conversations looked at are kept: the guard is asked first without a write, and only one it would delete is
        // marked and noted (NoteAsync) before its step, which asks the guard again. Marked before that step, as every
        // deletion, so that one dying after it is finished by FinishInterruptedAsync (the code, the route, the alias, the
        // channel's copies of its messages). One that came back to life in between is kept by the step: its mark goes
        // (only if written here, never another deletion's; one left by a death is dropped), its note stays (a reply of it
        // then asks the tombstone, which it has not).
        if (!await WouldDeleteAsync(conversationId, guard).ConfigureAwait(false)) return null;
        var marked = await MarkAsync(RedisKeys.ConversationDeletions, conversationId, Guarded).ConfigureAwait(false);
        var result = await DeleteOneAsync(conversationId, guard).ConfigureAwait(false);
        if (!result.Found)
        {
            if (marked) await redis.Db.HashDeleteAsync(RedisKeys.ConversationDeletions, conversationId).ConfigureAwait(false);
            return null;
        }
        await EndAsync(conversationId, result.Alias).ConfigureAwait(false);
        logger.LogInformation("An idle conversation without a case expired and was deleted");
        return new ConversationDeletionResult(true, result.CaseId, result.CodeRevoked) { ChannelMessageIds = result.ChannelMessageIds };
    }

    // Lua's KEYS are 1-based, after the conversation's hash and its alias.
    private static int IndexOf(IReadOnlyList<string> keysOf, string key) => keysOf.ToList().IndexOf(key) + 3;

    private sealed record ExpiryCutOffs(long IdleBefore, long StartedBefore, int TranscriptIndex, int OutboxIndex);

    // Only with a retention's limit (ARGV[6] the transcript's length when the deletion was decided, ARGV[7] its index in
    // KEYS): keeps (returns 0) a conversation on which a case is open again or the person wrote since.
    private const string RetentionGuard =
        "if ARGV[6] and ARGV[6] ~= '' then " +
        "  if (map['" + ConversationStore.CaseIdField + "'] or '') ~= '' or map['" + ConversationTombstone.DeletedAtField + "'] or redis.call('LLEN', KEYS[tonumber(ARGV[7])]) > tonumber(ARGV[6]) then return 0 end " +
        "end ";

    private sealed record SlotResult(bool Found, string? CaseId, bool CodeRevoked, string? Alias, bool Kept = false)
    {
        public IReadOnlyList<string> ChannelMessageIds { get; init; } = [];
    }

    /// <summary>
    /// How long a deletion's note in <see cref="RedisKeys.ConversationsDeleted"/> stays, at least less the hour its score is
    /// cut to (23 hours): longer than a reply is tried after it is queued.
    /// </summary>
    public static readonly TimeSpan NotedFor = TimeSpan.FromDays(1);

    /// <summary>
    /// Notes the conversation in <see cref="RedisKeys.ConversationsDeleted"/>: before the step that writes the tombstone, so
    /// every sender that finds the tombstone would find the note too; and before a wipe's mark on the conversation's hash,
    /// so a reply's record that finds no note finds no mark either. The notes older than <see cref="NotedFor"/> go with it,
    /// and the set itself <see cref="NotedFor"/> after the last.
    /// </summary>
    public async Task NoteAsync(string conversationId)
    {
        var hour = CoarseTime.Floor(time.GetUtcNow().ToUnixTimeMilliseconds());
        var batch = redis.Db.CreateBatch();
        var noted = batch.SortedSetAddAsync(RedisKeys.ConversationsDeleted, conversationId, hour);
        var pruned = batch.SortedSetRemoveRangeByScoreAsync(RedisKeys.ConversationsDeleted, double.NegativeInfinity, hour - NotedFor.TotalMilliseconds, Exclude.Stop);
        var lasting = batch.KeyExpireAsync(RedisKeys.ConversationsDeleted, NotedFor);
        batch.Execute();
        await Task.WhenAll(noted, pruned, lasting).ConfigureAwait(false);
    }

    // The step on the conversation's slot (DeleteSlot), or with lookOnly the same guards asked without a write.
    private Task<RedisResult> StepAsync(string conversationId, ExpiryCutOffs? expiry, long? onlyIfEntriesAtMost, bool lookOnly = false)
    {
        var keysOf = KeysOf(conversationId);
        RedisKey[] keys = [RedisKeys.Conversation(conversationId), RedisKeys.Alias(conversationId), .. keysOf.Select(k => (RedisKey)k),
            RedisKeys.DeletionRemainder(conversationId)];
        var now = CoarseTime.Floor(time.GetUtcNow().ToUnixTimeMilliseconds());
        RedisValue[] guards = (expiry, onlyIfEntriesAtMost) switch
        {
            ({ } e, _) => [e.IdleBefore, e.StartedBefore, e.TranscriptIndex, e.OutboxIndex, "", ""],
            (null, { } most) => ["", "", "", "", most, IndexOf(keysOf, RedisKeys.Transcript(conversationId))],
            _ => ["", "", "", "", "", ""],
        };
        return redis.Db.ScriptEvaluateBySha(DeleteSlot, keys,
            [now, .. guards, conversationId, IndexOf(keysOf, RedisKeys.EventOutbox(conversationId)), lookOnly ? "1" : "", OutboxIndex.For(redis, conversationId)]);
    }

    // Whether the deletion's step, with these guards, would delete the conversation now (it is there and they keep it not).
    private async Task<bool> WouldDeleteAsync(string conversationId, ExpiryCutOffs expiry) =>
        await StepAsync(conversationId, expiry, null, lookOnly: true).ConfigureAwait(false) is { IsNull: false } raw && (int)raw == 1;

    private async Task<SlotResult> DeleteOneAsync(string conversationId, ExpiryCutOffs? expiry = null, long? onlyIfEntriesAtMost = null)
    {
        await NoteAsync(conversationId).ConfigureAwait(false);
        var raw = await StepAsync(conversationId, expiry, onlyIfEntriesAtMost).ConfigureAwait(false);
        if (raw.IsNull) return new SlotResult(false, null, false, null);
        if (raw.Resp2Type == ResultType.Integer) return new SlotResult(false, null, false, null, Kept: true);
        var parts = (RedisResult[])raw!;
        var values = parts[..5].Select(v => v.ToString()).ToArray();
        var (caseId, codeLookup, routeId, alias) = (NullIfEmpty(values[0]), NullIfEmpty(values[1]), NullIfEmpty(values[2]), NullIfEmpty(values[3]));
        // The set also holds the sent marks of the conversation's replies ("sent:…:part"): a message SID never has a ':'.
        var channelMessageIds = values[4].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(id => !id.Contains(':', StringComparison.Ordinal)).ToArray();
        var caseEvents = ((RedisResult[])parts[5]!).Select(v => v.ToString()).ToArray();
        // The shared streams' entries of this conversation (text-free events with sealed facts, replies sealed to the Bot)
        // go too, rather than waiting for the streams to be trimmed.
        await ForgetStreamEntriesAsync(RedisKeys.Events, conversationId).ConfigureAwait(false);
        await ForgetStreamEntriesAsync(RedisKeys.Outbox, conversationId).ConfigureAwait(false);
        // Keys on other slots: the code, and the chat the conversation moved to (its pointer back here).
        var revoked = codeLookup is not null && await DeleteIfPointsAsync(RedisKeys.CaseCode(codeLookup), conversationId).ConfigureAwait(false);
        if (routeId is not null && routeId != conversationId) await DeleteIfPointsAsync(RedisKeys.Alias(routeId), conversationId).ConfigureAwait(false);
        // The open case, and the one an operator closed or released last: both hold facts about this conversation. Their
        // events wait in the conversation's outbox since the first step: relayed here, or by the relay's sweep.
        await events.RelayAsync(conversationId, caseEvents).ConfigureAwait(false);
        return new SlotResult(true, caseId, revoked, alias) { ChannelMessageIds = channelMessageIds };
    }

    private async Task ForgetStreamEntriesAsync(string stream, string conversationId)
    {
        RedisValue from = "-";
        while (true)
        {
            var page = await redis.Db.StreamRangeAsync(stream, from, "+", count: 1000).ConfigureAwait(false);
            var own = page.Where(e => e["conversationId"] == conversationId).Select(e => e.Id).ToArray();
            if (own.Length > 0) await redis.Db.StreamDeleteAsync(stream, own).ConfigureAwait(false);
            if (page.Length < 1000) return;
            from = "(" + page[^1].Id;
        }
    }

    private const string DeleteIfEquals = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private async Task<bool> DeleteIfPointsAsync(string key, string conversationId) =>
        (int)await redis.Db.ScriptEvaluateBySha(DeleteIfEquals, [key], [conversationId]).ConfigureAwait(false) == 1;

    /// <summary>
    /// The case half: closes the case (if it is not closed yet) with a note that holds no text, and deletes its private notes,
    /// sealed facts, record and the fields that point at an area or a person. Idempotent: a case already forgotten is left as it is.
    /// Marked first, so that one interrupted is finished by <see cref="FinishInterruptedCasesAsync"/>.
    /// </summary>
    /// <returns>False when there is no such case, or it was already forgotten.</returns>
    public async Task<bool> ForgetCaseAsync(string caseId, string? by)
    {
        var key = RedisKeys.Case(caseId);
        var state = await redis.Db.HashGetAsync(key, [CaseFields.Status, CaseFields.DeletedAt]).ConfigureAwait(false);
        if (state[0].IsNullOrEmpty || !state[1].IsNullOrEmpty) return false;
        await MarkAsync(RedisKeys.CaseDeletions, caseId, Forgotten).ConfigureAwait(false);
        const string Note = "the conversation was deleted; this case keeps only its severity, categories, language, channel and times to the hour";
        if (!await cases.CloseAsync(caseId, CloseReasons.Deleted, timeline.Entry(TimelineKind.Closed, by, $"{CloseReasons.Deleted}: {Note}")).ConfigureAwait(false))
        {
            await timeline.AppendAsync(caseId, TimelineKind.Deleted, by, Note).ConfigureAwait(false);
        }
        await StripAsync(caseId, replacedTimeline: null).ConfigureAwait(false);
        logger.LogInformation("Case {CaseId}: its conversation was deleted; closed and its identifying facts removed", caseId);
        return true;
    }

    /// <summary>What the timeline of a case deleted by retention says, and all it says.</summary>
    public const string DeletedByRetention = "deleted by retention";

    /// <summary>
    /// The case half of a deletion by retention (the case is closed and its retention ended): everything
    /// <see cref="ForgetCaseAsync"/> removes, and its dispatch record and timeline too; the timeline then holds one entry,
    /// saying only that the case was deleted by retention. The case keeps only its routing facts, for the statistics.
    /// </summary>
    /// <returns>False when there is no such case, it is not closed, or it was deleted already.</returns>
    public async Task<bool> ExpireCaseAsync(string caseId)
    {
        var state = await redis.Db.HashGetAsync(RedisKeys.Case(caseId), [CaseFields.Status, CaseFields.DeletedAt]).ConfigureAwait(false);
        if (state[0] != "closed" || !state[1].IsNullOrEmpty) return false;
        await MarkAsync(RedisKeys.CaseDeletions, caseId, Expired).ConfigureAwait(false);
        await StripAsync(caseId, timeline.Entry(TimelineKind.Deleted, detail: DeletedByRetention)).ConfigureAwait(false);
        logger.LogInformation("Case {CaseId}: deleted by retention", caseId);
        return true;
    }

    // The kinds of a case's mark: stripped because its conversation was deleted, or by retention.
    private const string Forgotten = "forgotten";
    private const string Expired = "expired";

    /// <summary>
    /// Finishes the cases' stripping that began more than <see cref="InterruptedAfter"/> ago and never ended (the process
    /// died): a case not stripped yet is forgotten or expired again, whichever had begun; one stripped gets the steps on
    /// other slots (its notes' keys, the retention schedule, the closed list's time). Runs in the Triage worker.
    /// </summary>
    /// <returns>The cases finished (one that fails is logged and left marked, as in <see cref="FinishInterruptedAsync"/>).</returns>
    public async Task<IReadOnlyList<string>> FinishInterruptedCasesAsync()
    {
        var finished = new List<string>();
        foreach (var (caseId, kind) in await InterruptedAsync(RedisKeys.CaseDeletions).ConfigureAwait(false))
        {
            logger.LogWarning("Finishing case {CaseId}'s stripping, which was interrupted", caseId);
            try
            {
                var deletedAt = await redis.Db.HashGetAsync(RedisKeys.Case(caseId), CaseFields.DeletedAt).ConfigureAwait(false);
                var redone = deletedAt.IsNullOrEmpty && (kind == Expired ? await ExpireCaseAsync(caseId).ConfigureAwait(false) : await ForgetCaseAsync(caseId, null).ConfigureAwait(false));
                if (!redone) await StripElsewhereAsync(caseId).ConfigureAwait(false);
                finished.Add(caseId);
            }
            catch (Exception e) when (!RedisFailures.IsUnreachable(e))
            {
                // As with a conversation's: the others are finished, this one keeps its mark for the next pass.
                logger.LogError(e, "Case {CaseId}'s interrupted stripping could not be finished; it stays marked for the next pass", caseId);
            }
        }
        return finished;
    }

    // One step on the case's slot: everything of the case there that could identify the person goes, and it is marked
    // deleted (deletedAt) in the same step; every time still in clear on the case (a field named ...At), its dispatch
    // record and its timeline (each entry's "at") is cut to the hour. KEYS: case, dispatch, timeline, notes, facts, record;
    // ARGV[1] the time now, cut; ARGV[2] the timeline's one entry for a retention's deletion (it replaces the timeline and
    // the dispatch record), or ''. A case already marked deleted is left as it is.
    private static readonly string StripSlot =
        $"if redis.call('HEXISTS', KEYS[1], '{CaseFields.DeletedAt}') == 1 then return 0 end " +
        "redis.call('DEL', KEYS[4], KEYS[5], KEYS[6]) " +
        "if ARGV[2] ~= '' then redis.call('DEL', KEYS[2], KEYS[3]) redis.call('RPUSH', KEYS[3], ARGV[2]) end " +
        $"redis.call('HDEL', KEYS[1], '{string.Join("', '", IdentifyingCaseFields)}') " +
        $"redis.call('HSET', KEYS[1], '{CaseFields.DeletedAt}', ARGV[1]) " +
        "for _, key in ipairs({KEYS[1], KEYS[2]}) do " +
        "  local fields = redis.call('HGETALL', key) " +
        "  for i = 1, #fields, 2 do " +
        "    local at = tonumber(fields[i + 1]) " +
        $"    if at and string.sub(fields[i], -2) == 'At' then redis.call('HSET', key, fields[i], string.format('%.0f', at - at % {CoarseTime.PrecisionMilliseconds})) end " +
        "  end " +
        "end " +
        "local entries = redis.call('LRANGE', KEYS[3], 0, -1) " +
        "for i, entry in ipairs(entries) do " +
        "  local cut = string.gsub(entry, '\"at\":\"(%d%d%d%d%-%d%d%-%d%dT%d%d):%d%d:%d%d[%.%d]*', '\"at\":\"%1:00:00') " +
        "  if cut ~= entry then redis.call('LSET', KEYS[3], i - 1, cut) end " +
        "end " +
        "return 1";

    private async Task StripAsync(string caseId, string? replacedTimeline)
    {
        RedisKey[] keys = [RedisKeys.Case(caseId), RedisKeys.Dispatch(caseId), RedisKeys.CaseTimeline(caseId), RedisKeys.CaseNotes(caseId),
            RedisKeys.CaseFacts(caseId), RedisKeys.CaseRecordFields(caseId)];
        await redis.Db.ScriptEvaluateBySha(StripSlot, keys, [CoarseTime.Floor(time.GetUtcNow().ToUnixTimeMilliseconds()), replacedTimeline ?? ""]).ConfigureAwait(false);
        await StripElsewhereAsync(caseId).ConfigureAwait(false);
    }

    // The steps of a case's stripping on other slots, each idempotent, then its mark goes.
    private async Task StripElsewhereAsync(string caseId)
    {
        // The private notes are a transcript of their own (on their own slot): their data keys first, so they are shredded.
        await redis.Db.KeyDeleteAsync([RedisKeys.TranscriptKeys(TranscriptStore.NotesId(caseId)), RedisKeys.Transcript(TranscriptStore.NotesId(caseId))]).ConfigureAwait(false);
        // Nothing of it is left to delete on a schedule; the console's closed list keeps it by the hour it closed.
        await redis.Db.SortedSetRemoveAsync(RedisKeys.RetentionDue, caseId).ConfigureAwait(false);
        if (await redis.Db.SortedSetScoreAsync(RedisKeys.ClosedCases, caseId).ConfigureAwait(false) is { } closed)
        {
            await redis.Db.SortedSetAddAsync(RedisKeys.ClosedCases, caseId, CoarseTime.Floor((long)closed), SortedSetWhen.Exists).ConfigureAwait(false);
        }
        await redis.Db.HashDeleteAsync(RedisKeys.CaseDeletions, caseId).ConfigureAwait(false);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
