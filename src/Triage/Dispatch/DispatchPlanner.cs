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
/// </summary>
public sealed class DispatchPlanner(
    HotlineRedis redis,
    CaseStore cases,
    DispatchStore dispatches,
    MobileUnits units,
    CaseTimeline timeline,
    IOutboundNotifier notifier,
    ConsoleSignals signals,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<DispatchPlanner> logger)
{
    public async Task TryProposeAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId).ConfigureAwait(false) is not { Severity: Severity.Critical } record || record.Status == CaseStatus.Closed) return;
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
        if (!await dispatches.TransitionAsync(caseId, DispatchStatus.Confirmed, DispatchStatus.Sent, "sentAt").ConfigureAwait(false)) return;
        await SendToUnitAsync(record, record.Unit, cancellationToken).ConfigureAwait(false);
        await timeline.AppendAsync(caseId, TimelineKind.DispatchSent, detail: $"{record.Code} to {record.Unit}").ConfigureAwait(false);
        await signals.DispatchAsync(caseId, record.Unit).ConfigureAwait(false);
    }

    /// <summary>The unit did not acknowledge by its deadline: the next unit, or the fallback.</summary>
    public async Task AcknowledgeMissedAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await dispatches.GetAsync(caseId).ConfigureAwait(false) is not { Status: DispatchStatus.Sent } record) return;
        var next = (await units.AvailableAsync(record.CoveredBy, record.Tried).ConfigureAwait(false)).FirstOrDefault();
        if (next is not null)
        {
            await dispatches.ReassignUnitAsync(caseId, next.Name, [.. record.Tried, next.Name]).ConfigureAwait(false);
            await SendToUnitAsync(record, next.Name, cancellationToken).ConfigureAwait(false);
            await timeline.AppendAsync(caseId, TimelineKind.DispatchReassigned, detail: $"{record.Unit} did not acknowledge in time; {record.Code} sent to {next.Name}").ConfigureAwait(false);
            await signals.DispatchAsync(caseId, next.Name).ConfigureAwait(false);
            return;
        }
        if (!await dispatches.TransitionAsync(caseId, DispatchStatus.Sent, DispatchStatus.Fallback, "fallbackAt").ConfigureAwait(false)) return;
        await notifier.SendAsync(new OutboundNotice(options.Value.FallbackRecipient, "dispatch-fallback",
            $"Hotline: dispatch {record.Code} ({record.Urgency}, {record.Category}, {DispatchArea.Placeholder}) was not acknowledged by any unit. Open the console.", caseId,
            SealedArea: record.AreaForBot),
            cancellationToken).ConfigureAwait(false);
        await timeline.AppendAsync(caseId, TimelineKind.DispatchFallback, detail: $"no unit acknowledged {record.Code}; {options.Value.FallbackRecipient} alerted").ConfigureAwait(false);
        await signals.DispatchAsync(caseId, null).ConfigureAwait(false);
    }

    private async Task SendToUnitAsync(DispatchRecord record, string unit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await redis.Db.SortedSetAddAsync(RedisKeys.UnitDispatches(unit), record.CaseId, now.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await redis.Db.SortedSetAddAsync(RedisKeys.DispatchDeadlines, record.CaseId,
            (now + TimeSpan.FromSeconds(options.Value.UnitAcknowledgeSeconds)).ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await notifier.SendAsync(new OutboundNotice(unit, "dispatch",
            $"Hotline {record.Code}: {record.Urgency}, {record.Category}, {DispatchArea.Placeholder}. Acknowledge on the unit page.", record.CaseId,
            SealedArea: record.AreaForBot),
            cancellationToken).ConfigureAwait(false);
    }
}
