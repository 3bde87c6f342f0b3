using Hotline.Core.Live;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Dispatch;
using Hotline.Core.Notices;
using Hotline.Core.Storage;
using Hotline.Triage.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hotline.Triage.Dispatch;

/// <summary>
/// Mobile-unit dispatch: proposes one when a case is critical, its area is known and an available unit covers it; sends
/// it once an operator confirms (area, category, urgency and a code — nothing else); and when the unit does not
/// acknowledge in time, alerts the next unit covering the area, or else the fallback. Every step goes on the timeline.
/// Each step is safe to take twice (a worker that died half-way leaves it to another): the unit or the fallback is
/// alerted first, and the dispatch moves on only if it is still as it was read.
/// </summary>
public sealed class DispatchPlanner(
    HotlineRedis redis,
    CaseStore cases,
    DispatchStore dispatches,
    MobileUnits units,
    CaseTimeline timeline,
    IOutboundNotifier notifier,
    ConsoleSignals signals,
    DueLeases leases,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<DispatchPlanner> logger)
{
    /// <param name="known">The case as the caller has just read or written it, so it is not read again.</param>
    public async Task TryProposeAsync(string caseId, CancellationToken cancellationToken, CaseRecord? known = null)
    {
        if ((known ?? await cases.GetAsync(caseId).ConfigureAwait(false)) is not { Severity: Severity.Critical } record || record.Status == CaseStatus.Closed) return;
        // The area itself is sealed: routing knows only that there is one and which units cover it.
        if (await cases.FactsAsync(caseId).ConfigureAwait(false) is not { HasArea: true } facts || await dispatches.GetAsync(caseId).ConfigureAwait(false) is not null) return;
        var covering = await units.AvailableAsync(facts.CoveredBy, []).ConfigureAwait(false);
        if (covering.Count == 0)
        {
            if (await cases.MarkNoUnitAsync(caseId).ConfigureAwait(false))
            {
                await timeline.AppendAsync(caseId, TimelineKind.DispatchUnavailable, detail: "no available unit covers the area").ConfigureAwait(false);
            }
            return;
        }
        var category = record.Categories.FirstOrDefault() ?? "unspecified";
        // The area is added when an operator confirms, from their console, and only sealed to the units and the Bot.
        var (proposal, created) = await dispatches.ProposeAsync(caseId, covering[0].Name, category, record.Severity.ToWire()).ConfigureAwait(false);
        if (!created) return;
        logger.LogInformation("Proposed dispatch {Code} for case {CaseId}", proposal.Code, caseId);
        await timeline.AppendAsync(caseId, TimelineKind.DispatchProposed, detail: $"{proposal.Code}: {proposal.Unit}").ConfigureAwait(false);
        await signals.DispatchAsync(caseId, proposal.Unit).ConfigureAwait(false);
    }

    public async Task SendConfirmedAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await dispatches.GetAsync(caseId).ConfigureAwait(false) is not { Status: DispatchStatus.Confirmed } record) return;
        // The deadline first: a worker that dies after the status changed and before the unit heard of it leaves a dispatch
        // that falls due unacknowledged, and goes to the next unit or the fallback, instead of one nobody watches.
        await redis.Db.SortedSetAddAsync(RedisKeys.DispatchDeadlines, caseId, AcknowledgeBy(time.GetUtcNow())).ConfigureAwait(false);
        if (!await dispatches.TransitionAsync(caseId, DispatchStatus.Confirmed, DispatchStatus.Sent, "sentAt").ConfigureAwait(false)) return;
        await NotifyUnitAsync(record, record.Unit, cancellationToken).ConfigureAwait(false);
        await timeline.AppendAsync(caseId, TimelineKind.DispatchSent, detail: $"{record.Code} to {record.Unit}").ConfigureAwait(false);
        await signals.DispatchAsync(caseId, record.Unit).ConfigureAwait(false);
    }

    /// <summary>
    /// The unit did not acknowledge by its deadline (<paramref name="due"/>, taken by the clock): the next unit, or the
    /// fallback. The alert goes first and the dispatch moves on after, so a worker that dies between the two leaves the
    /// entry to fall due again when its lease ends, and the alert is sent again (twice rather than never).
    /// </summary>
    public async Task AcknowledgeMissedAsync(DueLease due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var caseId = due.Member;
        if (await dispatches.GetAsync(caseId).ConfigureAwait(false) is not { Status: DispatchStatus.Sent } record)
        {
            await leases.FinishAsync(due).ConfigureAwait(false);
            return;
        }
        // Not missed yet: a worker handed it to this unit and died before setting the unit's own deadline.
        if (record.SentAt is { } sentAt && AcknowledgeBy(sentAt) > now.ToUnixTimeMilliseconds())
        {
            await leases.RescheduleAsync(due, AcknowledgeBy(sentAt)).ConfigureAwait(false);
            return;
        }
        var next = (await units.AvailableAsync(record.CoveredBy, record.Tried).ConfigureAwait(false)).FirstOrDefault();
        if (next is not null)
        {
            await NotifyUnitAsync(record, next.Name, cancellationToken).ConfigureAwait(false);
            // The unit acknowledged, or another worker moved it on, since it was read: theirs stands.
            if (!await dispatches.ReassignUnitAsync(caseId, record.Unit, next.Name, [.. record.Tried, next.Name]).ConfigureAwait(false)) return;
            await leases.RescheduleAsync(due, AcknowledgeBy(now)).ConfigureAwait(false);
            await timeline.AppendAsync(caseId, TimelineKind.DispatchReassigned, detail: $"{record.Unit} did not acknowledge in time; {record.Code} sent to {next.Name}").ConfigureAwait(false);
            await signals.DispatchAsync(caseId, next.Name).ConfigureAwait(false);
            return;
        }
        await notifier.SendAsync(new OutboundNotice(options.Value.FallbackRecipient, "dispatch-fallback",
            $"Hotline: dispatch {record.Code} ({record.Urgency}, {record.Category}, {DispatchArea.Placeholder}) was not acknowledged by any unit. Open the console.", caseId,
            SealedArea: record.AreaForBot),
            cancellationToken).ConfigureAwait(false);
        if (!await dispatches.TransitionAsync(caseId, DispatchStatus.Sent, DispatchStatus.Fallback, "fallbackAt").ConfigureAwait(false)) return;
        await leases.FinishAsync(due).ConfigureAwait(false);
        await timeline.AppendAsync(caseId, TimelineKind.DispatchFallback, detail: $"no unit acknowledged {record.Code}; {options.Value.FallbackRecipient} alerted").ConfigureAwait(false);
        await signals.DispatchAsync(caseId, null).ConfigureAwait(false);
    }

    private long AcknowledgeBy(DateTimeOffset sent) => (sent + TimeSpan.FromSeconds(options.Value.UnitAcknowledgeSeconds)).ToUnixTimeMilliseconds();

    /// <summary>The unit's page lists the dispatch, and the unit gets its notice.</summary>
    private async Task NotifyUnitAsync(DispatchRecord record, string unit, CancellationToken cancellationToken)
    {
        await redis.Db.SortedSetAddAsync(RedisKeys.UnitDispatches(unit), record.CaseId, time.GetUtcNow().ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await notifier.SendAsync(new OutboundNotice(unit, "dispatch",
            $"Hotline {record.Code}: {record.Urgency}, {record.Category}, {DispatchArea.Placeholder}. Acknowledge on the unit page.", record.CaseId,
            SealedArea: record.AreaForBot),
            cancellationToken).ConfigureAwait(false);
    }
}
