using Hotline.Core.Telemetry;
using Hotline.Core.Live;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Hosting;
using Hotline.Core.Notices;
using Hotline.Core.Storage;
using Hotline.Core.Team;
using Hotline.Triage.Dispatch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Routing;

/// <summary>
/// Ticks on the TimeProvider (tests move time): escalates cases whose claim deadline passed (every online operator,
/// then the supervisors, then the fallback), moves offers on, moves dispatches no unit acknowledged, closes idle cases,
/// watches for a surge, and samples the queue for the dashboards. Several workers may tick at once: a due entry is taken
/// with a lease (<see cref="DueLeases"/>), so one worker handles it at a time, and one that dies while handling it leaves
/// it to fall due again once the lease ends. Each handler may therefore run twice: it reads the state, sends the alert,
/// then records the step only if the state is still the one it read.
/// </summary>
public sealed class EscalationClock(
    HotlineRedis redis,
    CaseStore cases,
    ConversationStore conversations,
    CaseTimeline timeline,
    TeamDirectory team,
    PresenceStore presence,
    DispatchPlanner dispatch,
    ConsoleSignals signals,
    TeamLoad load,
    CaseOffers offers,
    QueuePlaces places,
    DueLeases leases,
    IOutboundNotifier notifier,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    HotlineMetrics metrics,
    ILogger<EscalationClock> logger) : BackgroundService
{
    // Records the surge's new state only if it differs from the stored one, in one step: of several workers that see the same
    // change, one records it and tells the consoles (1: counts changed, 2: the surge began or ended); the others find it done.
    private const string RecordSurge =
        "local s = redis.call('HMGET', KEYS[1], 'active', 'waiting', 'free', 'since') " +
        "if (s[1] or '0') == ARGV[1] and (s[2] or '0') == ARGV[2] and (s[3] or '0') == ARGV[3] then return 0 end " +
        "local was = s[1] == '1' " +
        // 'since' is when the surge began, kept while it lasts; '0' otherwise (not the time the counts last changed).
        "local since = '0' if ARGV[1] == '1' then since = was and s[4] or ARGV[4] end " +
        "redis.call('HSET', KEYS[1], 'active', ARGV[1], 'waiting', ARGV[2], 'free', ARGV[3], 'since', since) " +
        "if was ~= (ARGV[1] == '1') then return 2 end return 1";

    /// <summary>How many due entries of each kind one tick takes.</summary>
    private const int TakePerTick = 100;

    private DateTimeOffset lastSample = DateTimeOffset.MinValue;
    private DateTimeOffset lastSurgeCheck = DateTimeOffset.MinValue;

    /// <summary>How often the surge is re-evaluated (it reads the whole team's load).</summary>
    public static readonly TimeSpan SurgeInterval = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(
            TimeSpan.FromMilliseconds(options.Value.TickMilliseconds), time, TickAsync, logger, stoppingToken,
            alsoPassing: e => e is InvalidOperationException);

    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var leaseMs = (long)options.Value.Lease.TotalMilliseconds;
        foreach (var due in await leases.TakeAsync(RedisKeys.Deadlines, nowMs, nowMs + leaseMs, TakePerTick).ConfigureAwait(false))
        {
            await HandleAsync(due, () => EscalateAsync(due, now, cancellationToken)).ConfigureAwait(false);
        }
        foreach (var due in await leases.TakeAsync(RedisKeys.DispatchDeadlines, nowMs, nowMs + leaseMs, TakePerTick).ConfigureAwait(false))
        {
            await HandleAsync(due, () => dispatch.AcknowledgeMissedAsync(due, now, cancellationToken)).ConfigureAwait(false);
        }
        // hl:idle holds when the person last wrote: due once that is IdleClose ago, and leased to fall due a lease from now.
        var idleSince = (now - options.Value.IdleClose).ToUnixTimeMilliseconds();
        foreach (var idle in await leases.TakeAsync(RedisKeys.IdleCases, idleSince, idleSince + leaseMs, TakePerTick).ConfigureAwait(false))
        {
            await HandleAsync(idle, () => CloseIdleAsync(idle, now)).ConfigureAwait(false);
        }
        await offers.WatchAsync(now).ConfigureAwait(false);
        if (now - lastSurgeCheck >= SurgeInterval || now < lastSurgeCheck)
        {
            lastSurgeCheck = now;
            await WatchSurgeAsync(now).ConfigureAwait(false);
        }
        if (now - lastSample >= TimeSpan.FromSeconds(options.Value.MetricsSampleSeconds))
        {
            lastSample = now;
            var queue = await redis.Db.SortedSetLengthAsync(RedisKeys.Queue).ConfigureAwait(false);
            metrics.QueueDepth(queue);
        }
    }

    /// <summary>
    /// One due entry's handling. If Redis or the notifier fails half-way, the entry keeps its lease and is handled again
    /// once the lease ends; the other entries this tick took go on now rather than wait out their leases too.
    /// </summary>
    private async Task HandleAsync(DueLease due, Func<Task> handle)
    {
        try
        {
            await handle().ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsUnavailable(e))
        {
            logger.LogWarning(e, "Handling a due entry of {Key} failed; it is handled again in {Lease}", due.Key.ToString(), options.Value.Lease);
        }
    }

    /// <summary>
    /// The case's next escalation step, if it is due: alerts first, then records the step with its timeline entry only if
    /// no other worker recorded it since this one read it. A worker that dies between the two leaves the step unrecorded
    /// and the entry leased, so the alert goes out again (twice rather than never) once the lease ends.
    /// </summary>
    private async Task EscalateAsync(DueLease due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var caseId = due.Member;
        if (await cases.GetAsync(caseId).ConfigureAwait(false) is not { Status: CaseStatus.Open } record)
        {
            await leases.FinishAsync(due).ConfigureAwait(false);
            return;
        }
        var taken = record.EscalationStage;
        var stage = taken + 1;
        if (stage > RoutingOptions.LastStage)
        {
            await leases.FinishAsync(due).ConfigureAwait(false);
            return;
        }
        // Not due yet: a worker recorded a step and died before scheduling the next, or an operator lowered the severity.
        var stageDue = options.Value.StageDue(record.Severity, record.OpenedAt, stage);
        if (stageDue > now)
        {
            await leases.RescheduleAsync(due, stageDue.ToUnixTimeMilliseconds()).ConfigureAwait(false);
            return;
        }
        var waited = (int)(now - record.OpenedAt).TotalSeconds;
        string detail;
        switch (stage)
        {
            case 1:
                await signals.AlertAsync(caseId, stage, "operators").ConfigureAwait(false);
                detail = $"not claimed after {waited} s: every online operator alerted";
                break;
            case 2:
                await signals.AlertAsync(caseId, stage, "supervisors").ConfigureAwait(false);
                detail = $"not claimed after {waited} s: supervisors alerted";
                break;
            default:
                await notifier.SendAsync(new OutboundNotice(options.Value.FallbackRecipient, "escalation",
                    $"Hotline: a {record.Severity.ToWire()} case ({caseId}) has waited {waited / 60} min without an operator. Open the console.", caseId, record.Severity == Severity.Critical),
                    cancellationToken).ConfigureAwait(false);
                await signals.AlertAsync(caseId, stage, "fallback").ConfigureAwait(false);
                detail = $"not claimed after {waited} s: {options.Value.FallbackRecipient} alerted by SMS";
                break;
        }
        // Another worker recorded this step (this one's lease ran out while it was slow): that worker schedules the next.
        if (!await cases.AdvanceEscalationAsync(caseId, taken, timeline.Entry(TimelineKind.Escalated, detail: detail)).ConfigureAwait(false)) return;
        if (stage == 1) metrics.DeadlineMissed(record.Severity);
        logger.LogWarning("Case {CaseId} escalated to stage {Stage}", caseId, stage);
        if (stage < RoutingOptions.LastStage)
        {
            await leases.RescheduleAsync(due, options.Value.StageDue(record.Severity, record.OpenedAt, stage + 1).ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }
        else
        {
            await leases.FinishAsync(due).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A waiting case nobody claimed, whose person wrote nothing for the idle time, closes with a note on its timeline and
    /// counts as closed idle; the conversation goes back to the bot, and a later message opens a new case. Handled again
    /// after a worker died half-way, a case it closed still has its conversation handed back.
    /// </summary>
    private async Task CloseIdleAsync(DueLease due, DateTimeOffset now)
    {
        var caseId = due.Member;
        var record = await cases.GetAsync(caseId).ConfigureAwait(false);
        if (record is { Status: CaseStatus.Open })
        {
            var entry = timeline.Entry(TimelineKind.Closed, detail: $"{CloseReasons.Idle}: nobody held it and the person wrote nothing for {options.Value.IdleCloseMinutes} min");
            if (await cases.CloseAsync(caseId, CloseReasons.Idle, entry, onlyIfOpen: true).ConfigureAwait(false))
            {
                metrics.CaseClosed(CloseReasons.Idle, record.Severity);
                logger.LogInformation("Case {CaseId} closed: idle", caseId);
            }
            record = await cases.GetAsync(caseId).ConfigureAwait(false);
        }
        if (record is { Status: CaseStatus.Closed, CloseReason: CloseReasons.Idle })
        {
            // Only while the conversation still names this case: the person may have written again and opened a new one.
            await conversations.UnlinkCaseAsync(record.ConversationId, caseId).ConfigureAwait(false);
            await signals.CaseChangedAsync(caseId).ConfigureAwait(false);
        }
        await leases.FinishAsync(due).ConfigureAwait(false);
    }

    /// <summary>
    /// A surge: more urgent cases waiting than operators free to take one. The consoles show it, supervisors are alerted,
    /// and each waiting person is told their place in their language, then again when it improves (<see cref="QueuePlaces"/>);
    /// nobody is dropped from the queue. A waiting case nobody is being offered goes to an operator who has become free.
    /// </summary>
    private async Task WatchSurgeAsync(DateTimeOffset now)
    {
        var urgent = await load.UrgentWaitingAsync().ConfigureAwait(false);
        var candidates = OperatorPicker.Candidates(await team.AllAsync().ConfigureAwait(false), await presence.AllAsync().ConfigureAwait(false),
            await load.HoldersAsync().ConfigureAwait(false));
        var free = candidates.Count(c => c.Free);
        var active = urgent.Count > free;
        var changed = (int)await redis.Db.ScriptEvaluateBySha(RecordSurge, [RedisKeys.Surge],
            [active ? "1" : "0", urgent.Count, free, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        if (changed > 0)
        {
            await signals.SurgeAsync(active, urgent.Count, free).ConfigureAwait(false);
            if (changed == 2) logger.LogWarning("Surge {State}: {Waiting} urgent cases waiting, {Free} operators free", active ? "began" : "ended", urgent.Count, free);
        }
        await places.TellAsync(urgent, active, now).ConfigureAwait(false);
        await offers.OfferWaitingAsync(urgent, candidates).ConfigureAwait(false);
    }
}
