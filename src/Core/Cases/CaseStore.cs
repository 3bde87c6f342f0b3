using Hotline.Core.Identity;
using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Core.Cases;

/// <param name="retention">Where a closing case is scheduled for deletion (<see cref="CaseRetention"/>); null: nothing is scheduled.</param>
public sealed class CaseStore(HotlineRedis redis, TimeProvider time, CaseRetention? retention = null)
{
    // Exactly one holder: the status check and the write happen in one script. Answers the outcome and the case's change
    // number (CaseQueue): a repeated claim by the holder answers the current one, so its index step can run again.
    private static readonly RedisScript Claim = RedisScript.Named(
        "local status = redis.call('HGET', @key, 'status') " +
        "if not status then return {2, 0} end " +
        "if status == 'closed' then return {3, 0} end " +
        "if status == 'claimed' then " +
        $"  if redis.call('HGET', @key, 'holder') == @holder then return {{0, tonumber(redis.call('HGET', @key, '{CaseFields.QueueVersion}') or '0')}} end " +
        "  return {1, 0} end " +
        $"redis.call('HSET', @key, 'status', 'claimed', 'holder', @holder, 'claimedAt', @at) return {{0, {CaseQueue.NextVersion}}}",
        keys: ["key"], args: ["holder", "at"]);

    // Answers the case's change number once released (0: not the holder's).
    private static readonly RedisScript Release = RedisScript.Named(
        "if redis.call('HGET', @key, 'holder') ~= @holder then return 0 end " +
        $"redis.call('HSET', @key, 'status', 'closed', '{CaseFields.ClosedAt}', @at) redis.call('HDEL', @key, 'holder') return {CaseQueue.NextVersion}",
        keys: ["key"], args: ["holder", "at"]);

    // Closes a case that is still open or claimed, whoever holds it; the caller checked who may.
    private static readonly RedisScript CloseScript = RedisScript.Named(
        "local status = redis.call('HGET', @key, 'status') " +
        "if not status or status == 'closed' then return 0 end " +
        "if @expect ~= '' and status ~= @expect then return 0 end " +
        $"redis.call('HSET', @key, 'status', 'closed', '{CaseFields.ClosedAt}', @at, '{CaseFields.CloseReason}', @reason) redis.call('HDEL', @key, 'holder') " +
        $"redis.call('RPUSH', @timeline, @entry) return {CaseQueue.NextVersion}",
        keys: ["key", "timeline"], args: ["expect", "at", "reason", "entry"]);

    // A fact the case learns once and the timeline entry that records it, in one step: a console that sees the flag
    // sees the entry, and a router stopped between two writes cannot leave the flag without the entry for good.
    // A case its conversation's deletion stripped (deletedAt) learns nothing more.
    private static readonly RedisScript MarkOnce = RedisScript.Named(
        $"if redis.call('HEXISTS', @key, '{CaseFields.DeletedAt}') == 1 then return 0 end " +
        "if redis.call('HSETNX', @key, @flag, '1') == 0 then return 0 end " +
        "if @field ~= '' then redis.call('HSET', @key, @field, @value) end " +
        "redis.call('RPUSH', @timeline, @entry) return 1",
        keys: ["key", "timeline"], args: ["flag", "field", "value", "entry"]);

    // Compare and advance: a worker that handles a deadline again (the one before died after alerting) records the step once.
    private static readonly RedisScript AdvanceEscalation = RedisScript.Named(
        $"if tonumber(redis.call('HGET', @key, '{CaseFields.Escalation}') or '0') ~= tonumber(@taken) then return 0 end " +
        $"redis.call('HSET', @key, '{CaseFields.Escalation}', tonumber(@taken) + 1) redis.call('RPUSH', @timeline, @entry) return 1",
        keys: ["key", "timeline"], args: ["taken", "entry"]);

    private static readonly RedisScript RequestedHuman = RedisScript.Named(
        "if not redis.call('HGET', @key, 'status') then return false end " +
        "redis.call('HSET', @key, 'requestedHuman', '1') " +
        "if tonumber(redis.call('HGET', @key, 'severity') or '0') < tonumber(@floor) then redis.call('HSET', @key, 'severity', @floor) end " +
        "return redis.call('HGET', @key, 'status')",
        keys: ["key"], args: ["floor"]);

    // The screener's rating only ever rises; the case's own severity follows it up when it does, so an operator's
    // correction stands until screening finds something worse than it had found before.
    // A case its conversation's deletion stripped (deletedAt) is not raised: it answers no status, as a case that is gone.
    private static readonly RedisScript Raise = RedisScript.Named(
        $"if redis.call('HEXISTS', @key, '{CaseFields.DeletedAt}') == 1 then return {{'', '0', '', ''}} end " +
        $"local f = redis.call('HMGET', @key, 'severity', 'screenedSeverity', 'status', 'holder', '{CaseFields.Escalation}') " +
        "local cur = tonumber(f[1] or '0') " +
        "local screened = tonumber(f[2] or cur) " +
        "local set = {'categories', @categories, 'screenedCategories', @screenedCategories} " +
        "if tonumber(@severity) > screened then " +
        "  set[#set + 1] = 'screenedSeverity' set[#set + 1] = @severity " +
        "  if tonumber(@severity) > cur then set[#set + 1] = 'severity' set[#set + 1] = @severity cur = tonumber(@severity) end " +
        "end " +
        "redis.call('HSET', @key, unpack(set)) " +
        "return {f[3] or '', tostring(cur), f[4] or '', f[5] or ''}",
        keys: ["key"], args: ["severity", "categories", "screenedCategories"]);

    /// <summary>
    /// The queue orders by severity first, then cases of a network over its case budget after the others of the same
    /// severity, then by how long the case has waited. The bands are wide enough for any time in milliseconds.
    /// </summary>
    public static double QueueScore(Severity severity, DateTimeOffset openedAt, bool sharedNetwork = false) =>
        ((int)Severity.Critical - (int)severity) * 1e14 + (sharedNetwork ? 5e13 : 0) + openedAt.ToUnixTimeMilliseconds();

    private static double QueueScore(CaseRecord record) => QueueScore(record.Severity, record.OpenedAt, record.SharedNetwork);

    // Only a case still in the queue moves (ZADD XX): a claim or close that took it out in the meantime is not undone.
    private Task ReorderAsync(CaseRecord record) =>
        redis.Db.SortedSetAddAsync(RedisKeys.Queue, record.Id, QueueScore(record), SortedSetWhen.Exists);

    /// <param name="severity">What screening found (kept as <c>screenedSeverity</c>).</param>
    /// <param name="requestedHuman">The person asked for a person: marked, and at least medium, from the first moment it is listed.</param>
    /// <param name="sharedNetwork">From a web chat address over its case budget: marked, and ranked after the others of its severity.</param>
    public async Task<CaseRecord> OpenAsync(string caseId, string conversationId, Severity severity, IReadOnlyList<string> categories,
        Language language, Channel channel, bool requestedHuman = false, bool sharedNetwork = false) =>
        (await TryOpenAsync(caseId, conversationId, severity, categories, language, channel, requestedHuman, sharedNetwork).ConfigureAwait(false)).Record;

    /// <summary>
    /// As <see cref="OpenAsync"/>, saying whether this call wrote the case (false: it was there already). A call for a case
    /// whose opening a dead process left half-done finishes it: the record is written whole or not at all, and an open case
    /// missing from the lists is listed.
    /// </summary>
    /// <param name="announced">
    /// The case's "opened" timeline entries, written with its record in the same step: its opening then starts as
    /// <see cref="CaseOpening.Announced"/>. Null: the record alone (<see cref="CaseOpening.Written"/>; <see cref="AnnounceOpeningAsync"/> follows).
    /// </param>
    public async Task<(CaseRecord Record, bool Created)> TryOpenAsync(string caseId, string conversationId, Severity severity, IReadOnlyList<string> categories,
        Language language, Channel channel, bool requestedHuman = false, bool sharedNetwork = false, IReadOnlyList<string>? announced = null)
    {
        var openedAt = time.GetUtcNow();
        var screened = severity;
        severity = OpeningSeverity(severity, requestedHuman);
        var opening = announced is null ? CaseOpening.Written : CaseOpening.Announced;
        RedisValue[] fields = [
            CaseFields.ConversationId, conversationId,
            "severity", (int)severity,
            "screenedSeverity", (int)screened,
            "requestedHuman", requestedHuman ? "1" : "0",
            CaseFields.SharedNetwork, sharedNetwork ? "1" : "0",
            "categories", string.Join(',', categories),
            "screenedCategories", string.Join(',', categories),
            "language", language.ToWire(),
            "channel", channel.ToWire(),
            "openedAt", openedAt.ToUnixTimeMilliseconds(),
            CaseFields.Status, "open",
            CaseFields.Opening, OpeningWire(opening),
        ];
        var created = (long)await redis.Db.ScriptEvaluateBySha(WriteNewRecord, [RedisKeys.Case(caseId), RedisKeys.CaseTimeline(caseId)],
            [fields.Length, .. fields, .. announced ?? []]).ConfigureAwait(false) == 1;
        // A record this call wrote is what it wrote (the time as kept, to the millisecond); one that was there is read.
        var record = created
            ? new CaseRecord(caseId, conversationId, severity, [.. categories], language, channel, DateTimeOffset.FromUnixTimeMilliseconds(openedAt.ToUnixTimeMilliseconds()), CaseStatus.Open, null)
            {
                ScreenedSeverity = screened,
                ScreenedCategories = [.. categories],
                RequestedHuman = requestedHuman,
                SharedNetwork = sharedNetwork,
                Opening = opening,
            }
            : await GetAsync(caseId).ConfigureAwait(false) ?? throw new InvalidOperationException("A case vanished while being opened");
        if (created) await ListAsync(record).ConfigureAwait(false);
        else await ListIfUnlistedAsync(record).ConfigureAwait(false);
        return (record, created);
    }

    // The record in one step on the case's slot, only if there is none: never a case with some of its fields. ARGV[1] is
    // how many of the rest are the record's fields and values; what follows them goes onto its timeline (KEYS[2]).
    private const string WriteNewRecord =
        "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end " +
        "local n = tonumber(ARGV[1]) redis.call('HSET', KEYS[1], unpack(ARGV, 2, n + 1)) " +
        "if #ARGV > n + 1 then redis.call('RPUSH', KEYS[2], unpack(ARGV, n + 2)) end return 1";

    /// <summary>The severity a case opens at: what screening found, and at least medium when the person asked for a person.</summary>
    public static Severity OpeningSeverity(Severity screened, bool requestedHuman) =>
        requestedHuman && screened < Severity.Medium ? Severity.Medium : screened;

    /// <summary>
    /// The lists are on other slots, so they follow the record: a process that died between the two left an open case that
    /// nobody sees. 'active' is written last, so an open case (as just read) that is not active is listed again; each list
    /// keeps what it has, so the case keeps its place.
    /// </summary>
    public async Task ListIfUnlistedAsync(CaseRecord record)
    {
        if (record.Status != CaseStatus.Open || await redis.Db.SetContainsAsync(RedisKeys.ActiveCases, record.Id).ConfigureAwait(false)) return;
        await ListAsync(record).ConfigureAwait(false);
    }

    private async Task ListAsync(CaseRecord record)
    {
        // The queue and the index together (one round trip; on a cluster they may be on two nodes), 'active' after both.
        await Task.WhenAll(
            redis.Db.SortedSetAddAsync(RedisKeys.Queue, record.Id, QueueScore(record), SortedSetWhen.NotExists),
            // Only the statistics read this index (by month): it keeps the hour, never the exact time (CoarseTime).
            redis.Db.SortedSetAddAsync(RedisKeys.OpenedCases, record.Id, CoarseTime.Floor(record.OpenedAt.ToUnixTimeMilliseconds()), SortedSetWhen.NotExists)).ConfigureAwait(false);
        await redis.Db.SetAddAsync(RedisKeys.ActiveCases, record.Id).ConfigureAwait(false);
    }

    // Moves the opening one step on, with the timeline entries of that step, only from the step the caller expects: of two
    // workers finishing one opening (a redelivered event beside a slow opener), one does each step.
    private const string AdvanceOpening =
        $"if redis.call('HGET', KEYS[1], '{CaseFields.Opening}') ~= ARGV[1] then return 0 end " +
        $"redis.call('HSET', KEYS[1], '{CaseFields.Opening}', ARGV[2]) " +
        "if #ARGV > 2 then redis.call('RPUSH', KEYS[2], unpack(ARGV, 3)) end return 1";

    /// <summary>
    /// The case's opening is announced: its "opened" timeline entries are written, once, by whichever worker gets there
    /// first. True for that worker; false if the case is not at that step (announced already, or opened before steps were kept).
    /// </summary>
    public async Task<bool> AnnounceOpeningAsync(string caseId, IReadOnlyList<string> timelineEntries)
    {
        var args = new RedisValue[2 + timelineEntries.Count];
        args[0] = OpeningWire(CaseOpening.Written);
        args[1] = OpeningWire(CaseOpening.Announced);
        for (var i = 0; i < timelineEntries.Count; i++) args[2 + i] = timelineEntries[i];
        return (long)await redis.Db.ScriptEvaluateBySha(AdvanceOpening, [RedisKeys.Case(caseId), RedisKeys.CaseTimeline(caseId)], args).ConfigureAwait(false) == 1;
    }

    /// <summary>The first offer's deadline and notice are out: nothing of the opening is left to do.</summary>
    public Task FinishOpeningAsync(string caseId) => redis.Db.HashDeleteAsync(RedisKeys.Case(caseId), CaseFields.Opening);

    /// <summary>The wire name of an opening step, as the case hash and scripts keep it.</summary>
    public static string OpeningWire(CaseOpening step) => step switch
    {
        CaseOpening.Written => "written",
        CaseOpening.Announced => "announced",
        _ => "offered",
    };

    private static CaseOpening? ParseOpening(string? wire) => wire switch
    {
        "written" => CaseOpening.Written,
        "announced" => CaseOpening.Announced,
        "offered" => CaseOpening.Offered,
        _ => null,
    };

    /// <summary>Raises severity (never lowers it), merges categories, and re-orders the queue if still waiting.</summary>
    /// <param name="known">The case as the caller has just read it, so it is not read again.</param>
    public async Task<CaseRecord?> RaiseAsync(string caseId, Severity severity, IReadOnlyList<string> categories, CaseRecord? known = null)
    {
        var current = known ?? await GetAsync(caseId).ConfigureAwait(false);
        if (current is null) return null;
        // Most messages of a conversation add nothing to its case: nothing to write, and its place in the queue stands.
        if (severity <= current.ScreenedSeverity && categories.All(c => current.Categories.Contains(c) && current.ScreenedCategories.Contains(c))) return current;
        var merged = current.Categories.Union(categories).Order(StringComparer.Ordinal).ToArray();
        var screened = current.ScreenedCategories.Union(categories).Order(StringComparer.Ordinal).ToArray();
        var state = (RedisResult[])(await Raise.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId)],
            [(int)severity, string.Join(',', merged), string.Join(',', screened)]).ConfigureAwait(false))!;
        // The script answers what could have moved since the read (status, severity, holder, escalation step), so the case
        // is not read again.
        var status = (string?)state[0];
        if (string.IsNullOrEmpty(status)) return null;
        var updated = current with
        {
            Severity = ParseSeverity((string?)state[1]),
            Status = ParseStatus(status),
            Holder = NullIfEmpty((string?)state[2]),
            EscalationStage = int.TryParse((string?)state[3], out var stage) ? stage : 0,
            Categories = merged,
            ScreenedSeverity = severity > current.ScreenedSeverity ? severity : current.ScreenedSeverity,
            ScreenedCategories = screened,
        };
        if (status == "open")
        {
            await ReorderAsync(updated).ConfigureAwait(false);
        }
        return updated;
    }

    /// <summary>
    /// An operator's rating replaces the case's severity and categories (it may lower them); the screener's rating is kept
    /// beside it. Re-orders the queue if the case is still waiting. Null if there is no such case.
    /// </summary>
    public async Task<CaseRecord?> CorrectAsync(string caseId, Severity severity, IReadOnlyList<string> categories, string by)
    {
        if (await GetAsync(caseId).ConfigureAwait(false) is not { } current) return null;
        await redis.Db.HashSetAsync(RedisKeys.Case(caseId), [
            new HashEntry("severity", (int)severity),
            new HashEntry("categories", string.Join(',', categories.Distinct().Order(StringComparer.Ordinal))),
            new HashEntry("screenedSeverity", (int)current.ScreenedSeverity),
            new HashEntry("screenedCategories", string.Join(',', current.ScreenedCategories)),
            new HashEntry("correctedBy", by),
        ]).ConfigureAwait(false);
        var updated = await GetAsync(caseId).ConfigureAwait(false);
        if (updated is { Status: CaseStatus.Open })
        {
            await ReorderAsync(updated).ConfigureAwait(false);
        }
        return updated;
    }

    public async Task<ClaimOutcome> ClaimAsync(string caseId, string holder)
    {
        var now = time.GetUtcNow();
        var result = (RedisResult[])(await Claim.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId)], [holder, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false))!;
        var outcome = (ClaimOutcome)(int)result[0];
        // A repeated claim by the holder runs this again: the index step is idempotent, so a retry mends what a crash left.
        if (outcome == ClaimOutcome.Claimed) await CaseQueue.HoldAsync(redis.Db, caseId, holder, (long)result[1], now).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Ends the holder's case; the conversation goes back to the bot, and is deleted once the retention of <paramref name="outcome"/> ends.</summary>
    /// <param name="outcome">The outcome the operator recorded (<see cref="CaseOutcomes"/>), or null when handed back without one.</param>
    public async Task<bool> ReleaseAsync(string caseId, string holder, string? outcome = null)
    {
        var now = time.GetUtcNow();
        var version = (long)await Release.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId)], [holder, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        var released = version > 0;
        if (released)
        {
            await CaseQueue.LeaveAsync(redis.Db, caseId, version, now).ConfigureAwait(false);
            await redis.Db.SortedSetRemoveAsync(RedisKeys.IdleCases, caseId).ConfigureAwait(false);
            await redis.Db.SetRemoveAsync(RedisKeys.ActiveCases, caseId).ConfigureAwait(false);
            await RememberClosedAsync(caseId).ConfigureAwait(false);
            if (retention is not null) await retention.ScheduleAsync(caseId, outcome).ConfigureAwait(false);
        }
        return released;
    }

    /// <summary>
    /// Closes a case for a reason (<see cref="CloseReasons"/>), with its timeline entry in the same step; with
    /// <paramref name="onlyIfOpen"/>, only while nobody holds it. Returns false if it was already closed (or held).
    /// </summary>
    public async Task<bool> CloseAsync(string caseId, string reason, string timelineEntry, bool onlyIfOpen = false)
    {
        var now = time.GetUtcNow();
        var version = (long)await CloseScript.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId), RedisKeys.CaseTimeline(caseId)],
            [onlyIfOpen ? "open" : "", now.ToUnixTimeMilliseconds(), reason, timelineEntry]).ConfigureAwait(false);
        var closed = version > 0;
        if (closed)
        {
            await CaseQueue.LeaveAsync(redis.Db, caseId, version, now).ConfigureAwait(false);
            await redis.Db.SortedSetRemoveAsync(RedisKeys.Deadlines, caseId).ConfigureAwait(false);
            await redis.Db.SortedSetRemoveAsync(RedisKeys.OfferDeadlines, caseId).ConfigureAwait(false);
            await redis.Db.SortedSetRemoveAsync(RedisKeys.IdleCases, caseId).ConfigureAwait(false);
            await redis.Db.SetRemoveAsync(RedisKeys.ActiveCases, caseId).ConfigureAwait(false);
            await RememberClosedAsync(caseId).ConfigureAwait(false);
            // A deleted conversation's case has nothing left to delete on a schedule.
            if (retention is not null && reason != CloseReasons.Deleted) await retention.ScheduleAsync(caseId, reason).ConfigureAwait(false);
        }
        return closed;
    }

    /// <summary>
    /// The person wrote again after <paramref name="earlierCaseId"/> closed, and <paramref name="caseId"/> opened: the earlier
    /// case is no longer deleted on its own schedule, but with the new one, whose retention then covers the whole conversation.
    /// </summary>
    public async Task ContinueAsync(string caseId, string earlierCaseId)
    {
        await redis.Db.HashSetAsync(RedisKeys.Case(caseId), CaseFields.EarlierCase, earlierCaseId).ConfigureAwait(false);
        if (retention is not null) await retention.CancelAsync(earlierCaseId).ConfigureAwait(false);
    }

    /// <summary>The case the person wrote in before this one on the same conversation, or null.</summary>
    public async Task<string?> EarlierCaseAsync(string caseId) =>
        NullIfEmpty(await redis.Db.HashGetAsync(RedisKeys.Case(caseId), CaseFields.EarlierCase).ConfigureAwait(false));

    /// <summary>
    /// An outcome recorded or changed after the case closed (a supervisor corrects it): the case's retention is that of the
    /// new outcome, counted from when it closed.
    /// </summary>
    public async Task OutcomeRecordedAsync(string caseId, string? outcome)
    {
        if (retention is null) return;
        var state = await redis.Db.HashGetAsync(RedisKeys.Case(caseId), [CaseFields.Status, CaseFields.ClosedAt]).ConfigureAwait(false);
        if (state[0] != "closed" || !long.TryParse(state[1].ToString(), out var closedAt)) return;
        await retention.RescheduleAsync(caseId, outcome, DateTimeOffset.FromUnixTimeMilliseconds(closedAt)).ConfigureAwait(false);
    }

    /// <summary>
    /// The person asked for a person: marked on the case for good, and the case's severity raised to at least medium
    /// (the screener's own rating is left as it was), re-ordering the queue if it still waits.
    /// </summary>
    public async Task<CaseRecord?> MarkRequestedHumanAsync(string caseId)
    {
        var status = (string?)await RequestedHuman.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId)], [(int)Severity.Medium]).ConfigureAwait(false);
        var updated = await GetAsync(caseId).ConfigureAwait(false);
        if (updated is not null && status == "open")
        {
            await ReorderAsync(updated).ConfigureAwait(false);
        }
        return updated;
    }

    /// <summary>
    /// The place in the queue a case at <paramref name="severity"/>, waiting since <paramref name="openedAt"/>, has (1:
    /// first): every waiting case more urgent, or as urgent and waiting longer, is ahead (and, for a case of a network
    /// over its case budget, every other case as urgent). Works before the case is queued.
    /// </summary>
    public async Task<int> PlaceAsync(Severity severity, DateTimeOffset openedAt, bool sharedNetwork = false)
    {
        var ahead = await redis.Db.SortedSetLengthAsync(RedisKeys.Queue, double.NegativeInfinity, QueueScore(severity, openedAt, sharedNetwork), Exclude.Stop).ConfigureAwait(false);
        return (int)ahead + 1;
    }

    /// <summary>How long a closed case stays in the "recently closed" index.</summary>
    public static readonly TimeSpan RecentlyClosed = TimeSpan.FromDays(30);

    private async Task RememberClosedAsync(string caseId)
    {
        var now = time.GetUtcNow();
        await redis.Db.SortedSetAddAsync(RedisKeys.ClosedCases, caseId, now.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await redis.Db.SortedSetRemoveRangeByScoreAsync(RedisKeys.ClosedCases, double.NegativeInfinity, (now - RecentlyClosed).ToUnixTimeMilliseconds()).ConfigureAwait(false);
    }

    /// <summary>The ids of the cases opened in [from, to).</summary>
    public async Task<IReadOnlyList<string>> OpenedBetweenAsync(DateTimeOffset from, DateTimeOffset to) =>
        (await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.OpenedCases, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Exclude.Stop).ConfigureAwait(false))
            .Select(v => v.ToString()).ToList();

    /// <summary>Cases closed in the last <see cref="RecentlyClosed"/>, the most recent first.</summary>
    public async Task<IReadOnlyList<CaseRecord>> RecentlyClosedAsync(int max = 100)
    {
        var ids = await redis.Db.SortedSetRangeByRankAsync(RedisKeys.ClosedCases, 0, max - 1, Order.Descending).ConfigureAwait(false);
        return await LoadAsync(ids.Select(i => i.ToString())).ConfigureAwait(false);
    }

    public async Task<CaseRecord?> GetAsync(string caseId)
    {
        if (!Ids.IsWellFormed(caseId)) return null;
        var entries = await redis.Db.HashGetAllAsync(RedisKeys.Case(caseId)).ConfigureAwait(false);
        return entries.Length == 0 ? null : FromHash(caseId, entries);
    }

    /// <summary>
    /// What the bot's answer says of a waiting case (its severity now, when it opened, whether it ranks after others of its
    /// severity), read alone: the whole record is not parsed for it. Null if there is no such case.
    /// </summary>
    public async Task<WaitingCase?> WaitingAsync(string caseId)
    {
        if (!Ids.IsWellFormed(caseId)) return null;
        var f = await redis.Db.HashGetAsync(RedisKeys.Case(caseId), [CaseFields.Status, "severity", "openedAt", CaseFields.SharedNetwork]).ConfigureAwait(false);
        if (f[0].IsNull) return null;
        return new WaitingCase(
            ParseSeverity(f[1]),
            ParseMillis(f[2]),
            f[3] == "1");
    }

    /// <summary>What is kept on the case beside its record (<see cref="CaseFacts"/>); null if there is no such case.</summary>
    public async Task<CaseFacts?> FactsAsync(string caseId)
    {
        if (!Ids.IsWellFormed(caseId)) return null;
        var f = await redis.Db.HashGetAsync(RedisKeys.Case(caseId),
            [CaseFields.Status, CaseFields.Area, CaseFields.CoveredBy, CaseFields.Duress, CaseFields.Escalation, CaseFields.OfferedTo, CaseFields.Offered]).ConfigureAwait(false);
        if (f[0].IsNull) return null;
        return new CaseFacts(
            f[1] == "1",
            (f[2].ToString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            f[3] == "1",
            int.TryParse(f[4].ToString(), out var stage) ? stage : 0,
            NullIfEmpty(f[5].ToString()),
            (f[6].ToString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// What screening found in a message that could name the person, sealed to the team key (<see cref="MessageFacts"/>):
    /// kept under the message's sequence number, for the operator's browser to open.
    /// </summary>
    /// <param name="on">A batch to queue the write on (sent with the caller's other writes), or null for one of its own.</param>
    public Task KeepSealedFactsAsync(string caseId, long sequence, string sealedFacts, IDatabaseAsync? on = null) =>
        (on ?? redis.Db).HashSetAsync(RedisKeys.CaseFacts(caseId), sequence, sealedFacts);

    /// <summary>The case's sealed facts by entry (a sequence number, or <see cref="MessageFacts.Recorded"/>).</summary>
    public async Task<IReadOnlyList<SealedFacts>> SealedFactsAsync(string caseId) =>
        (await redis.Db.HashGetAllAsync(RedisKeys.CaseFacts(caseId)).ConfigureAwait(false))
            .Select(e => new SealedFacts(e.Name.ToString(), e.Value.ToString()))
            .OrderBy(f => long.TryParse(f.Entry, out var seq) ? seq : long.MaxValue).ToList();

    /// <summary>
    /// Screening recognised an area: the first one stays, and with it the units that cover it. True if this one was
    /// kept (the area itself is only in the sealed facts).
    /// </summary>
    public Task<bool> KeepAreaAsync(string caseId, IReadOnlyList<string> coveredBy, string timelineEntry) =>
        MarkOnceAsync(caseId, CaseFields.Area, CaseFields.CoveredBy, string.Join(',', coveredBy), timelineEntry);

    /// <summary>An operator records the area: sealed to the team key (<see cref="MessageFacts.Recorded"/>), with the units that cover it.</summary>
    public async Task RecordAreaAsync(string caseId, string sealedFacts, IReadOnlyList<string> coveredBy)
    {
        await redis.Db.HashSetAsync(RedisKeys.CaseFacts(caseId), MessageFacts.Recorded, sealedFacts).ConfigureAwait(false);
        await redis.Db.HashSetAsync(RedisKeys.Case(caseId), [
            new HashEntry(CaseFields.Area, "1"),
            new HashEntry(CaseFields.CoveredBy, string.Join(',', coveredBy)),
        ]).ConfigureAwait(false);
    }

    /// <summary>Marks the duress signal on the case, with the timeline entry that says so; true the first time.</summary>
    public Task<bool> MarkDuressAsync(string caseId, string timelineEntry) =>
        MarkOnceAsync(caseId, CaseFields.Duress, "", "", timelineEntry);

    private async Task<bool> MarkOnceAsync(string caseId, string flag, string field, string value, string timelineEntry) =>
        (long)await MarkOnce.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId), RedisKeys.CaseTimeline(caseId)], [flag, field, value, timelineEntry]).ConfigureAwait(false) == 1;

    /// <summary>The escalation steps taken so far (0: none).</summary>
    public async Task<int> EscalationStageAsync(string caseId) =>
        (int)await redis.Db.HashGetAsync(RedisKeys.Case(caseId), CaseFields.Escalation).ConfigureAwait(false);

    /// <summary>
    /// Records that the escalation step after <paramref name="taken"/> was taken (its alert already sent), with its timeline
    /// entry, only if <paramref name="taken"/> is still the last step recorded; false if another worker recorded it first.
    /// </summary>
    public async Task<bool> AdvanceEscalationAsync(string caseId, int taken, string timelineEntry) =>
        (long)await AdvanceEscalation.EvaluateAsync(redis.Db, [RedisKeys.Case(caseId), RedisKeys.CaseTimeline(caseId)], [taken, timelineEntry]).ConfigureAwait(false) == 1;

    /// <summary>Who holds the running offer on a waiting case ("" if nobody), for each case in turn.</summary>
    public async Task<IReadOnlyList<string>> OpenOffersAsync(IReadOnlyList<string> caseIds)
    {
        var reads = caseIds.Select(id => redis.Db.HashGetAsync(RedisKeys.Case(id), [CaseFields.Status, CaseFields.OfferedTo])).ToArray();
        var fields = await Task.WhenAll(reads).ConfigureAwait(false);
        return fields.Select(f => f[0] == "open" ? f[1].ToString() ?? "" : "").ToList();
    }

    /// <summary>Marks that no available unit covered the case's area; true the first time.</summary>
    public Task<bool> MarkNoUnitAsync(string caseId) =>
        redis.Db.HashSetAsync(RedisKeys.Case(caseId), CaseFields.NoUnit, "1", When.NotExists);

    /// <summary>Waiting cases in queue order.</summary>
    public async Task<IReadOnlyList<CaseRecord>> QueueAsync(int max = 500)
    {
        var ids = await redis.Db.SortedSetRangeByRankAsync(RedisKeys.Queue, 0, max - 1).ConfigureAwait(false);
        return await LoadAsync(ids.Select(i => i.ToString())).ConfigureAwait(false);
    }

    /// <summary>Every case not closed: waiting ones in queue order, then claimed ones.</summary>
    public async Task<IReadOnlyList<CaseRecord>> ActiveAsync()
    {
        var queued = await QueueAsync().ConfigureAwait(false);
        var all = await redis.Db.SetMembersAsync(RedisKeys.ActiveCases).ConfigureAwait(false);
        var seen = queued.Select(c => c.Id).ToHashSet();
        var rest = await LoadAsync(all.Select(i => i.ToString()).Where(i => !seen.Contains(i))).ConfigureAwait(false);
        return [.. queued, .. rest.Where(c => c.Status != CaseStatus.Closed).OrderBy(c => c.OpenedAt)];
    }

    private async Task<IReadOnlyList<CaseRecord>> LoadAsync(IEnumerable<string> ids)
    {
        var list = new List<CaseRecord>();
        foreach (var id in ids)
        {
            if (await GetAsync(id).ConfigureAwait(false) is { } record) list.Add(record);
        }
        return list;
    }

    private static CaseRecord FromHash(string caseId, HashEntry[] entries)
    {
        var map = RedisFields.ToMap(entries);
        WireNames.TryParseChannel(map.GetValueOrDefault("channel"), out var channel);
        var record = new CaseRecord(
            caseId,
            map.GetValueOrDefault(CaseFields.ConversationId) ?? "",
            ParseSeverity(map.GetValueOrDefault("severity")),
            map.GetValueOrDefault("categories") is { Length: > 0 } c ? c.Split(',') : [],
            WireNames.ParseLanguage(map.GetValueOrDefault("language")),
            channel,
            ParseMillis(map.GetValueOrDefault("openedAt")),
            ParseStatus(map.GetValueOrDefault("status")),
            string.IsNullOrEmpty(map.GetValueOrDefault("holder")) ? null : map["holder"])
        {
            RequestedHuman = map.GetValueOrDefault("requestedHuman") == "1",
            CloseReason = NullIfEmpty(map.GetValueOrDefault(CaseFields.CloseReason)),
            SharedNetwork = map.GetValueOrDefault(CaseFields.SharedNetwork) == "1",
            Opening = ParseOpening(map.GetValueOrDefault(CaseFields.Opening)),
            EscalationStage = int.TryParse(map.GetValueOrDefault(CaseFields.Escalation), out var stage) ? stage : 0,
            HasArea = map.GetValueOrDefault(CaseFields.Area) == "1",
        };
        // Cases opened before the screener's rating was kept apart have only their severity.
        return map.ContainsKey("screenedSeverity")
            ? record with
            {
                ScreenedSeverity = ParseSeverity(map["screenedSeverity"]),
                ScreenedCategories = map.GetValueOrDefault("screenedCategories") is { Length: > 0 } sc ? sc.Split(',') : [],
                CorrectedBy = map.GetValueOrDefault("correctedBy") is { Length: > 0 } by ? by : null,
            }
            : record;
    }

    /// <summary>A severity as the case hash keeps it (its number); none where it is missing or unreadable.</summary>
    private static Severity ParseSeverity(string? wire) => (Severity)(int.TryParse(wire, out var n) ? n : 0);

    /// <summary>A time as the case hash keeps it (Unix milliseconds); the epoch where it is missing or unreadable.</summary>
    private static DateTimeOffset ParseMillis(string? wire) => DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(wire, out var ms) ? ms : 0);

    private static CaseStatus ParseStatus(string? wire) => wire switch { "claimed" => CaseStatus.Claimed, "closed" => CaseStatus.Closed, _ => CaseStatus.Open };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
