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
/// then the supervisors, then the fallback), moves offers on, moves dispatches no unit acknowledged, watches for a surge, and samples the
/// queue for the dashboards. Several workers may tick at once: removing a due entry from its sorted set is the lock.
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
        "local since = ARGV[4] if was and ARGV[1] ~= '1' then since = '0' elseif was then since = s[4] or ARGV[4] end " +
        "redis.call('HSET', KEYS[1], 'active', ARGV[1], 'waiting', ARGV[2], 'free', ARGV[3], 'since', since) " +
        "if was ~= (ARGV[1] == '1') then return 2 end return 1";

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
        foreach (var due in await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.Deadlines, double.NegativeInfinity, nowMs, take: 100).ConfigureAwait(false))
        {
            if (!await redis.Db.SortedSetRemoveAsync(RedisKeys.Deadlines, due).ConfigureAwait(false)) continue;
            await EscalateAsync(due.ToString(), cancellationToken).ConfigureAwait(false);
        }
        foreach (var due in await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.DispatchDeadlines, double.NegativeInfinity, nowMs, take: 100).ConfigureAwait(false))
        {
            if (!await redis.Db.SortedSetRemoveAsync(RedisKeys.DispatchDeadlines, due).ConfigureAwait(false)) continue;
            await dispatch.AcknowledgeMissedAsync(due.ToString(), cancellationToken).ConfigureAwait(false);
        }
        var idleSince = (now - options.Value.IdleClose).ToUnixTimeMilliseconds();
        foreach (var idle in await redis.Db.SortedSetRangeByScoreAsync(RedisKeys.IdleCases, double.NegativeInfinity, idleSince, take: 100).ConfigureAwait(false))
        {
            if (!await redis.Db.SortedSetRemoveAsync(RedisKeys.IdleCases, idle).ConfigureAwait(false)) continue;
            await CloseIdleAsync(idle.ToString(), now).ConfigureAwait(false);
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

    private async Task EscalateAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId).ConfigureAwait(false) is not { Status: CaseStatus.Open } record) return;
        var stage = await cases.NextEscalationStageAsync(caseId).ConfigureAwait(false);
        if (stage > RoutingOptions.LastStage) return;
        var waited = (int)(time.GetUtcNow() - record.OpenedAt).TotalSeconds;
        switch (stage)
        {
            case 1:
                metrics.DeadlineMissed(record.Severity);
                await timeline.AppendAsync(caseId, TimelineKind.Escalated, detail: $"not claimed after {waited} s: every online operator alerted").ConfigureAwait(false);
                await signals.AlertAsync(caseId, stage, "operators").ConfigureAwait(false);
                break;
            case 2:
                await timeline.AppendAsync(caseId, TimelineKind.Escalated, detail: $"not claimed after {waited} s: supervisors alerted").ConfigureAwait(false);
                await signals.AlertAsync(caseId, stage, "supervisors").ConfigureAwait(false);
                break;
            default:
                await notifier.SendAsync(new OutboundNotice(options.Value.FallbackRecipient, "escalation",
                    $"Hotline: a {record.Severity.ToWire()} case ({caseId}) has waited {waited / 60} min without an operator. Open the console.", caseId, record.Severity == Severity.Critical),
                    cancellationToken).ConfigureAwait(false);
                await timeline.AppendAsync(caseId, TimelineKind.Escalated, detail: $"not claimed after {waited} s: {options.Value.FallbackRecipient} alerted by SMS").ConfigureAwait(false);
                await signals.AlertAsync(caseId, stage, "fallback").ConfigureAwait(false);
                break;
        }
        logger.LogWarning("Case {CaseId} escalated to stage {Stage}", caseId, stage);
        if (stage < RoutingOptions.LastStage)
        {
            var due = options.Value.StageDue(record.Severity, record.OpenedAt, stage + 1);
            await redis.Db.SortedSetAddAsync(RedisKeys.Deadlines, caseId, due.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A waiting case nobody claimed, whose person wrote nothing for the idle time, closes with a note on its timeline and
    /// counts as closed idle; the conversation goes back to the bot, and a later message opens a new case.
    /// </summary>
    private async Task CloseIdleAsync(string caseId, DateTimeOffset now)
    {
        if (await cases.GetAsync(caseId).ConfigureAwait(false) is not { Status: CaseStatus.Open } record) return;
        var entry = timeline.Entry(TimelineKind.Closed, detail: $"{CloseReasons.Idle}: nobody held it and the person wrote nothing for {options.Value.IdleCloseMinutes} min");
        if (!await cases.CloseAsync(caseId, CloseReasons.Idle, entry, onlyIfOpen: true).ConfigureAwait(false)) return;
        await conversations.UnlinkCaseAsync(record.ConversationId).ConfigureAwait(false);
        metrics.CaseClosed(CloseReasons.Idle, record.Severity);
        await signals.CaseChangedAsync(caseId).ConfigureAwait(false);
        logger.LogInformation("Case {CaseId} closed: idle", caseId);
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
        var changed = (int)await redis.Db.ScriptEvaluateAsync(RecordSurge, [RedisKeys.Surge],
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
