using System.Collections.Concurrent;
using Hotline.Core.Live;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Events;
using Hotline.Core.Identity;
using Hotline.Core.Storage;
using Hotline.Core.Telemetry;
using Hotline.Core.Transcripts;
using Hotline.Triage.Dispatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Consumes events: opens a case as soon as the person writes something (not only a greeting, thanks, a stop word or a
/// case code), at its screened severity; raises it when a later message is worse or the person asks for a person,
/// keeps what screening found (indicator positions, age, area, duress) on the case, schedules its claim deadline, offers
/// it to the best available operator (and to the next when one declines: <see cref="CaseOffers"/>), proposes a dispatch for a critical case in a covered area, and tells the consoles.
/// Idempotent: a redelivered event changes nothing twice. The events of a read are handled
/// <see cref="Concurrency"/> conversations at a time, each conversation's in stream order, so one worker keeps up with
/// a busy line instead of waiting for each event's round trips in turn.
/// </summary>
public sealed class CaseRouter(
    HotlineRedis redis,
    CaseStore cases,
    ConversationStore conversations,
    CaseTimeline timeline,
    DispatchPlanner dispatch,
    ConsoleSignals signals,
    CaseOffers offers,
    ConversationDeletion deletion,
    ShownCases shown,
    IOptions<RoutingOptions> options,
    HotlineMetrics metrics,
    ILogger<CaseRouter> logger,
    TimeProvider time) : PartitionedStreamWorker(redis, logger, time)
{
    public const string GroupName = "triage";
    private readonly HotlineRedis redis = redis;

    protected override string Stream => RedisKeys.Events;
    protected override string Group => GroupName;
    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How many conversations' events one worker handles at once: a whole read's (<see cref="StreamGroupWorker"/> reads 64),
    /// so an urgent message waits for no other conversation's round trips.
    /// </summary>
    protected override int Concurrency => 64;

    /// <summary>
    /// A conversation's events start as soon as a slot frees up, and the next read follows at once: an urgent message waits
    /// neither for the slowest conversation of the read before it nor for the read to end, only for its own conversation's
    /// earlier events.
    /// </summary>
    protected override bool ReadsOnWhileHandling => true;

    /// <summary>hl:events holds no text: trimmed once acknowledged, not deleted entry by entry.</summary>
    protected override bool DeletesHandled => false;

    /// <summary>
    /// A failed event does not hold back its conversation's later ones: a critical message after a failed low one must
    /// raise its case now, not after the failed event is claimed again half a minute later. Raises only go up and case
    /// opening goes on from its last step, so the failed event handled later changes nothing the later one did.
    /// </summary>
    protected override bool HoldsBackPartitionOnFailure => false;

    /// <summary>
    /// A message's events in order per conversation, and a conversation's deletion after them (a message event may name
    /// its case without the conversation being read: <see cref="CaseOfAsync"/>); a case's other events per case.
    /// </summary>
    protected override string PartitionOf(StreamEntry entry) =>
        entry["conversationId"] is { IsNullOrEmpty: false } conversation ? conversation.ToString()
        : entry["caseId"] is { IsNullOrEmpty: false } caseId ? caseId.ToString()
        : entry.Id.ToString();

    protected override async Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
    {
        using var activity = HotlineTracing.StartConsumer("hotline.event.handle", entry[HotlineTracing.TraceParentField].ToString());
        activity?.SetTag("hotline.event", entry["type"].ToString());
        if (MessageEvent.FromFields(entry.Values) is { } message)
        {
            await HandleMessageAsync(message, redelivered, cancellationToken).ConfigureAwait(false);
            return;
        }
        switch (CaseEvent.FromFields(entry.Values))
        {
            case CaseEvent.Updated updated:
                await dispatch.TryProposeAsync(updated.CaseId, cancellationToken).ConfigureAwait(false);
                return;
            case CaseEvent.DispatchConfirmed confirmed:
                await dispatch.SendConfirmedAsync(confirmed.CaseId, cancellationToken).ConfigureAwait(false);
                return;
            case CaseEvent.ConversationDeleted deleted:
                if (await deletion.ForgetCaseAsync(deleted.CaseId, null).ConfigureAwait(false)) await signals.CaseChangedAsync(deleted.CaseId).ConfigureAwait(false);
                return;
            case CaseEvent.Declined declined:
                await offers.MoveOnAsync(declined.CaseId, declined.By, OfferEnd.Declined).ConfigureAwait(false);
                return;
            default:
                logger.LogWarning("Skipping malformed event {EntryId}", entry.Id.ToString());
                return;
        }
    }

    /// <param name="redelivered">The event was taken over from a worker that stopped or died before it acknowledged it.</param>
    private async Task HandleMessageAsync(MessageEvent message, bool redelivered, CancellationToken cancellationToken)
    {
        var (conversation, before) = await CaseOfAsync(message, redelivered).ConfigureAwait(false);
        if (conversation is null && before is null) return;

        CaseRecord? changed;
        var opened = false;
        // The consoles' relay reads a signal at once (not gathered with later ones) when this event made the case urgent.
        var madeUrgent = message.Duress;
        // The step of the case's opening this event goes on from: the first offer follows the "opened" timeline entries.
        CaseOpening? opening = null;
        // Whether the consoles' row of the case may have changed (or the event is handled again): else a waiting case's
        // message is signalled only while a console may be showing the case (its transcript).
        var rowChanged = redelivered || message.Duress || message.NamesArea;
        if (before is not null)
        {
            var existing = before.Id;
            if (redelivered && conversation is not null)
            {
                // The worker that had this event may have died while opening the case: what it had not done yet is done
                // now (each step keeps what is there, so a case it had listed and scheduled keeps its place and deadline,
                // and each step of the opening that it had done is not done again).
                await cases.ListIfUnlistedAsync(before).ConfigureAwait(false);
                if (before.Status == CaseStatus.Open) await ScheduleAsync(before, keepScheduled: true).ConfigureAwait(false);
                opening = before.Opening == CaseOpening.Written
                    ? await AnnounceAsync(before, conversation).ConfigureAwait(false) ? CaseOpening.Announced : null
                    : before.Opening;
            }
            changed = await cases.RaiseAsync(existing, message.ConversationSeverity, message.Categories, known: before).ConfigureAwait(false);
            // Nothing to raise answers the case as read: anything else was written.
            rowChanged |= !ReferenceEquals(changed, before);
            if (changed is not null && changed.Severity > before.Severity)
            {
                // Say when the earlier messages made this one urgent, so the operator reads the transcript as a whole.
                var detail = message.RaisedByContext ? $"{changed.Severity.ToWire()} (read with the earlier messages)" : changed.Severity.ToWire();
                madeUrgent |= changed.Severity >= Severity.High;
                await timeline.AppendAsync(changed.Id, TimelineKind.Raised, detail: detail).ConfigureAwait(false);
                if (changed.Status == CaseStatus.Open) await ScheduleAsync(changed).ConfigureAwait(false);
            }
        }
        // Everyone who writes reaches the queue: anything but a greeting, thanks, a stop word or a case code opens a case,
        // at its screened severity. After a case was released or closed, a new one opens at the new message's own severity.
        else if (!message.SmallTalk && conversation is not null)
        {
            var severity = conversation.PreviousCaseId is null ? message.ConversationSeverity : message.MessageSeverity;
            // A conversation linked to a case that was never written: the worker opening it died in between, and the case
            // opens now under that id. Otherwise the conversation is linked first, so two workers open one case.
            var winner = conversation.CaseId ?? await conversations.LinkCaseAsync(message.ConversationId, Ids.New("K", 12)).ConfigureAwait(false);
            // A conversation's first case is written with its "opened" timeline entries in one step; one that continues an
            // earlier case carries that case along first (AnnounceAsync), so that a worker dying in between leaves it to finish.
            var announced = conversation.PreviousCaseId is null
                ? OpeningEntries(CaseStore.OpeningSeverity(severity, message.RequestedHuman), message.RequestedHuman, message.SharedNetwork, previous: null)
                : null;
            (changed, opened) = await cases.TryOpenAsync(winner, message.ConversationId, severity, message.Categories,
                message.Language, message.Channel, message.RequestedHuman, message.SharedNetwork, announced).ConfigureAwait(false);
            // A new case is written and listed: the consoles hear of it now, before its facts and deadline (an urgent one
            // alerts on this); the signal at the end tells them of what those steps added.
            // Counted before the signal's round trip: a worker dying after it leaves the case announced, and the event
            // redelivered to another worker finds nothing left to count.
            if (opened && announced is not null) opening = Opened(changed);
            if (opened) await signals.CaseChangedAsync(changed.Id, urgent: changed.Severity >= Severity.High).ConfigureAwait(false);
            if (opened && announced is null && await AnnounceAsync(changed, conversation).ConfigureAwait(false)) opening = CaseOpening.Announced;
        }
        else
        {
            return;
        }
        if (changed is null) return;

        // Asking for a person makes the case at least medium, whatever screening found (its own rating stays).
        if (message.RequestedHuman && !changed.RequestedHuman && await cases.MarkRequestedHumanAsync(changed.Id).ConfigureAwait(false) is { } marked)
        {
            await timeline.AppendAsync(changed.Id, TimelineKind.RequestedPerson, detail: marked.Severity.ToWire()).ConfigureAwait(false);
            if (!opened && marked.Severity > changed.Severity && marked.Status == CaseStatus.Open) await ScheduleAsync(marked).ConfigureAwait(false);
            changed = marked;
            rowChanged = true;
        }
        // The idle time and the sealed facts in one round trip (nothing reads one before the other is written).
        var batch = redis.Db.CreateBatch();
        var writes = new List<Task>(2);
        var at = message.At.ToUnixTimeMilliseconds();
        var idle = changed.Status == CaseStatus.Open && IdleTimeDue(changed.Id, at);
        if (idle) writes.Add(batch.SortedSetAddAsync(RedisKeys.IdleCases, changed.Id, at, SortedSetWhen.Always));
        if (message.SealedFacts is { } sealedFacts) writes.Add(cases.KeepSealedFactsAsync(changed.Id, message.Sequence, sealedFacts, batch));
        batch.Execute();
        await Task.WhenAll(writes).ConfigureAwait(false);
        if (idle) idleWritten[changed.Id] = at;
        await KeepFactsAsync(changed.Id, message).ConfigureAwait(false);
        // The consoles hear of the change before the deadline, offer and dispatch are worked out. A case this event opened
        // was signalled when it was listed: what its opening added since (timeline, facts) reaches them with the first
        // offer's notice (the consoles read the row again with it), or, with no offer made, with a signal after it; a
        // duress mark (critical at once) is not kept waiting for the offer.
        var later = opened && !message.Duress;
        // A waiting case's message that changed nothing on its row: a page reads something new with it only if it shows the
        // case's transcript (a case nobody opened shows the same row; one opened since gets its signal from ShownCases).
        var seen = opened || rowChanged || changed.Status != CaseStatus.Open || shown.MayBeShown(changed.Id);
        if (!later && seen) await signals.CaseChangedAsync(changed.Id, urgent: madeUrgent).ConfigureAwait(false);
        if (opened) await ScheduleAsync(changed).ConfigureAwait(false);
        var offered = opening is { } step && await offers.OfferFirstAsync(changed, step).ConfigureAwait(false);
        if (later && !offered) await signals.CaseChangedAsync(changed.Id).ConfigureAwait(false);
        // Only a case with a known area can have a dispatch proposed: an area an operator records later comes with an event
        // of its own (CaseEvent.Updated), so a message that names none on a case read without one has nothing to propose.
        if (changed.Severity == Severity.Critical && (changed.HasArea || message.NamesArea))
        {
            await dispatch.TryProposeAsync(changed.Id, cancellationToken, known: changed).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The conversation's case, as the event names it while that case is not closed (it is still the conversation's then: a
    /// case is unlinked only after it closes), without reading the conversation; otherwise the conversation (null: deleted)
    /// and its case as read now (null: none yet). A redelivered event reads the conversation, which finishing an opening needs.
    /// </summary>
    private async Task<(ConversationRecord? Conversation, CaseRecord? Case)> CaseOfAsync(MessageEvent message, bool redelivered)
    {
        if (!redelivered && message.CaseId is { } named
            && await cases.GetAsync(named).ConfigureAwait(false) is { Status: not CaseStatus.Closed } linked
            && linked.ConversationId == message.ConversationId)
        {
            return (null, linked);
        }
        var conversation = await conversations.GetAsync(message.ConversationId).ConfigureAwait(false);
        if (conversation is null) return (null, null);
        var current = conversation.CaseId is { } existing ? await cases.GetAsync(existing).ConfigureAwait(false) : null;
        return (conversation, current);
    }

    /// <summary>
    /// What opening a case writes once its record is listed, when its record was written without it: the earlier case of
    /// the conversation carried along, and the "opened" timeline entries, written once by whichever worker gets there (the
    /// opener, or the one its event went to when it died). True for that worker.
    /// </summary>
    private async Task<bool> AnnounceAsync(CaseRecord record, ConversationRecord conversation)
    {
        // The earlier case is no longer deleted on its own: it goes with this one, when this one's retention ends.
        if (conversation.PreviousCaseId is { } earlier) await cases.ContinueAsync(record.Id, earlier).ConfigureAwait(false);
        var entries = OpeningEntries(record.Severity, record.RequestedHuman, record.SharedNetwork, conversation.PreviousCaseId);
        if (!await cases.AnnounceOpeningAsync(record.Id, entries).ConfigureAwait(false)) return false;
        Opened(record);
        return true;
    }

    /// <summary>The "opened" timeline entries of a case at <paramref name="severity"/>; <paramref name="previous"/>: the case the person wrote in before.</summary>
    private string[] OpeningEntries(Severity severity, bool requestedHuman, bool sharedNetwork, string? previous)
    {
        var detail = previous is not null ? $"{severity.ToWire()}; the person wrote again after case {previous}" : severity.ToWire();
        // The operator sees why this case waits behind others as urgent: not a merge, a separate person perhaps.
        if (sharedNetwork) detail += "; one of many new chats from one network address, listed after the others of its severity";
        return requestedHuman
            ? [timeline.Entry(TimelineKind.Opened, detail: detail), timeline.Entry(TimelineKind.RequestedPerson, detail: severity.ToWire())]
            : [timeline.Entry(TimelineKind.Opened, detail: detail)];
    }

    /// <summary>Counts and logs a case this worker announced; its opening is then at the first offer.</summary>
    private CaseOpening Opened(CaseRecord record)
    {
        metrics.CaseOpened(record.Channel, record.Severity);
        logger.LogInformation("Opened case {CaseId} at {Severity}", record.Id, record.Severity.ToWire());
        return CaseOpening.Announced;
    }

    /// <summary>
    /// What screening concluded besides the sealed facts (kept per transcript entry with the idle time: age, area, minor,
    /// indicator positions, which only the operators' browsers open): the units covering the area, duress.
    /// </summary>
    private async Task KeepFactsAsync(string caseId, MessageEvent message)
    {
        if (message.NamesArea) await cases.KeepAreaAsync(caseId, message.CoveredBy, timeline.Entry(TimelineKind.Area, detail: "recognised by screening")).ConfigureAwait(false);
        if (message.Duress && await cases.MarkDuressAsync(caseId, timeline.Entry(TimelineKind.Duress, detail: "duress phrase or unsafe answer; the bot replied innocently")).ConfigureAwait(false))
        {
            logger.LogWarning("Duress signal on case {CaseId}: critical at once", caseId);
        }
    }

    // When this worker last wrote each case's idle time (the message's time, ms), once the write had succeeded. An entry a
    // window old decides nothing more and is swept out, so a closed case (which gets no more messages) is forgotten
    // within a window or two, whichever service or worker closed it: the map holds the cases that wrote lately.
    private readonly ConcurrentDictionary<string, long> idleWritten = new(StringComparer.Ordinal);

    // The message time of the last sweep of idleWritten (ms).
    private long idleSwept;

    /// <summary>
    /// Whether a message at <paramref name="at"/> writes its case's idle time: not when this worker wrote one for the case
    /// less than a 240th of <see cref="RoutingOptions.IdleClose"/> before it (a minute of the default 4 hours). The time
    /// kept is then at most that much older than the person's last message, so an idle case closes at most that much
    /// early, and a busy conversation costs one write a minute instead of one a message. A new worker writes again.
    /// </summary>
    private bool IdleTimeDue(string caseId, long at)
    {
        var window = (long)(options.Value.IdleClose.TotalMilliseconds / 240);
        if (idleWritten.TryGetValue(caseId, out var last) && at >= last && at - last < window) return false;
        var swept = Interlocked.Read(ref idleSwept);
        if (at - swept >= window && Interlocked.CompareExchange(ref idleSwept, at, swept) == swept)
        {
            foreach (var written in idleWritten)
            {
                if (at - written.Value >= window) idleWritten.TryRemove(written);
            }
        }
        return true;
    }

    /// <summary>
    /// The next escalation step's due time, on the deadline of the case's current severity, after the step the record was
    /// read (or raised, or written) with: not read again. A step the clock took meanwhile only makes this due time early,
    /// and the clock, which reads the step itself, puts it back.
    /// </summary>
    /// <param name="keepScheduled">Only if the case has no deadline yet (or one taken by a worker's lease): it keeps the one it has.</param>
    private async Task ScheduleAsync(CaseRecord record, bool keepScheduled = false)
    {
        if (record.EscalationStage >= RoutingOptions.LastStage) return;
        var due = options.Value.StageDue(record.Severity, record.OpenedAt, record.EscalationStage + 1);
        await redis.Db.SortedSetAddAsync(RedisKeys.Deadlines, record.Id, due.ToUnixTimeMilliseconds(), keepScheduled ? SortedSetWhen.NotExists : SortedSetWhen.Always).ConfigureAwait(false);
    }
}
