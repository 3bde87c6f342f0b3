using System.Collections.Concurrent;
using Hotline.Core.Conversations;
using Hotline.Core.Dispatch;
using Hotline.Core.Notices;
using Hotline.Triage.Dispatch;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Tests.Routing;

/// <summary>
/// A due deadline, dispatch or idle case is never lost with a Triage worker that fails or dies while handling it: it is
/// taken with a lease, falls due again once the lease ends, and is then handled exactly once.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class DueLeaseTests(RedisFixture fixture) : RoutingTest<DueLeaseTests.FailingOnceNotifier>(fixture)
{
    private TimeSpan Lease => services.GetRequiredService<IOptions<RoutingOptions>>().Value.Lease;

    private async Task<List<(string CaseId, int Stage)>> AlertsAsync() =>
        (await NotificationsAsync()).Where(n => n.GetValueOrDefault("type") == "alert").Select(n => (n["caseId"], int.Parse(n["stage"]))).ToList();

    private async Task<int> EscalatedOnTimelineAsync(string caseId) =>
        (await services.GetRequiredService<CaseTimeline>().ReadAsync(caseId)).Count(t => t.Kind == TimelineKind.Escalated);

    [Fact]
    public async Task A_fallback_sms_that_failed_once_is_sent_on_the_first_tick_after_the_lease_exactly_once()
    {
        var record = await services.OpenCaseAsync(Severity.Critical, "trafficking");
        notifier.FailOnce(n => n.Purpose == "escalation");
        clock.Advance(TimeSpan.FromSeconds(61));
        await Clock.TickAsync(default);
        clock.Advance(TimeSpan.FromSeconds(60));
        await Clock.TickAsync(default);
        Assert.Equal(new[] { (record.Id, 1), (record.Id, 2) }, await AlertsAsync());

        // The third step's SMS cannot be queued (the notices stream is unreachable): nothing is recorded as done.
        clock.Advance(TimeSpan.FromSeconds(60));
        await Clock.TickAsync(default);
        Assert.Equal(1, notifier.Failures);
        Assert.Empty(notifier.Sent);
        Assert.Equal(2, await services.GetRequiredService<CaseStore>().EscalationStageAsync(record.Id));
        Assert.Equal(2, await EscalatedOnTimelineAsync(record.Id));

        // Until the lease ends no worker takes it again; on the first tick after, the SMS goes, once.
        clock.Advance(Lease - TimeSpan.FromMilliseconds(1));
        await Clock.TickAsync(default);
        Assert.Empty(notifier.Sent);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Clock.TickAsync(default);
        var sms = Assert.Single(notifier.Sent);
        Assert.Equal((record.Id, "oncall-supervisor"), (sms.CaseId, sms.Recipient));
        Assert.Equal(new[] { (record.Id, 1), (record.Id, 2), (record.Id, 3) }, await AlertsAsync());
        Assert.Equal(3, await services.GetRequiredService<CaseStore>().EscalationStageAsync(record.Id));
        Assert.Equal(3, await EscalatedOnTimelineAsync(record.Id));

        clock.Advance(TimeSpan.FromHours(1));
        await Clock.TickAsync(default);
        Assert.Single(notifier.Sent);
        Assert.Equal(3, (await AlertsAsync()).Count);
        Assert.Equal(0, await redis.Database.SortedSetLengthAsync(RedisKeys.Deadlines));
    }

    [Fact]
    public async Task A_deadline_taken_by_a_worker_that_died_before_handling_it_escalates_once_the_lease_ends()
    {
        var record = await services.OpenCaseAsync(Severity.Critical, "trafficking");
        clock.Advance(TimeSpan.FromSeconds(61));
        // Another worker takes the due deadline, as its tick would, and is killed before it handles it.
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var taken = await services.GetRequiredService<DueLeases>().TakeAsync(RedisKeys.Deadlines, now, now + (long)Lease.TotalMilliseconds, 100);
        Assert.Equal(record.Id, Assert.Single(taken).Member);

        await Clock.TickAsync(default);
        Assert.Empty(await AlertsAsync());
        clock.Advance(Lease);
        await Clock.TickAsync(default);
        await Clock.TickAsync(default);
        Assert.Equal(new[] { (record.Id, 1) }, await AlertsAsync());
        Assert.Equal(1, await EscalatedOnTimelineAsync(record.Id));

        // The ladder goes on from the case's own deadlines, not from when the lease ended.
        clock.Advance(TimeSpan.FromSeconds(60) - Lease);
        await Clock.TickAsync(default);
        Assert.Equal(new[] { (record.Id, 1), (record.Id, 2) }, await AlertsAsync());
    }

    [Fact]
    public async Task A_dispatch_whose_next_unit_or_fallback_alert_failed_is_alerted_after_the_lease_exactly_once()
    {
        var record = await services.OpenCaseAsync(Severity.Critical, "trafficking");
        // Held by the operator who confirmed the dispatch: the case itself does not escalate meanwhile.
        await services.GetRequiredService<CaseStore>().ClaimAsync(record.Id, "demo");
        var units = services.GetRequiredService<MobileUnits>();
        await units.SaveAsync(new MobileUnit("unit-a", ["Durrës"], true));
        await units.SaveAsync(new MobileUnit("unit-b", ["Durrës"], true));
        var dispatches = services.GetRequiredService<DispatchStore>();
        await dispatches.ProposeAsync(record.Id, "unit-a", "trafficking", "critical");
        await dispatches.SetAreaAsync(record.Id, ["unit-a", "unit-b"], new Dictionary<string, string>(), "sealed-to-bot");
        Assert.True(await dispatches.TransitionAsync(record.Id, DispatchStatus.Proposed, DispatchStatus.Confirmed, "confirmedAt"));
        await services.GetRequiredService<DispatchPlanner>().SendConfirmedAsync(record.Id, default);
        Assert.Equal(new[] { "unit-a" }, notifier.Sent.Select(n => n.Recipient));
        var acknowledge = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<RoutingOptions>>().Value.UnitAcknowledgeSeconds);

        // Unit A did not acknowledge; the notice to unit B fails: the dispatch stays with A until the lease ends.
        notifier.FailOnce(n => n.Recipient == "unit-b");
        clock.Advance(acknowledge);
        await Clock.TickAsync(default);
        Assert.Equal(1, notifier.Failures);
        Assert.Equal("unit-a", (await dispatches.GetAsync(record.Id))!.Unit);
        clock.Advance(Lease);
        await Clock.TickAsync(default);
        await Clock.TickAsync(default);
        Assert.Equal(new[] { "unit-a", "unit-b" }, notifier.Sent.Select(n => n.Recipient));
        Assert.Equal(("unit-b", DispatchStatus.Sent), await UnitAndStatusAsync());

        // Unit B did not acknowledge either: the fallback SMS fails once, and the dispatch is not marked as fallen back.
        notifier.FailOnce(n => n.Purpose == "dispatch-fallback");
        clock.Advance(acknowledge);
        await Clock.TickAsync(default);
        Assert.Equal(2, notifier.Failures);
        Assert.Equal(("unit-b", DispatchStatus.Sent), await UnitAndStatusAsync());
        clock.Advance(Lease);
        await Clock.TickAsync(default);
        await Clock.TickAsync(default);
        var fallback = Assert.Single(notifier.Sent, n => n.Purpose == "dispatch-fallback");
        Assert.Equal("oncall-supervisor", fallback.Recipient);
        Assert.Equal(("unit-b", DispatchStatus.Fallback), await UnitAndStatusAsync());
        var timeline = await services.GetRequiredService<CaseTimeline>().ReadAsync(record.Id);
        Assert.Single(timeline, t => t.Kind == TimelineKind.DispatchReassigned);
        Assert.Single(timeline, t => t.Kind == TimelineKind.DispatchFallback);

        clock.Advance(TimeSpan.FromHours(1));
        await Clock.TickAsync(default);
        Assert.Equal(3, notifier.Sent.Count);
        Assert.Equal(0, await redis.Database.SortedSetLengthAsync(RedisKeys.DispatchDeadlines));

        async Task<(string, DispatchStatus)> UnitAndStatusAsync() => (await dispatches.GetAsync(record.Id)) is { } d ? (d.Unit, d.Status) : default;
    }

    [Fact]
    public async Task An_idle_case_taken_by_a_worker_that_died_before_closing_it_closes_once_the_lease_ends()
    {
        var record = await services.OpenCaseAsync(Severity.Low);
        var conversations = services.GetRequiredService<ConversationStore>();
        await conversations.CreateAsync(record.ConversationId, Channel.WebChat, Language.Sq);
        await conversations.LinkCaseAsync(record.ConversationId, record.Id);
        await redis.Database.SortedSetAddAsync(RedisKeys.IdleCases, record.Id, record.OpenedAt.ToUnixTimeMilliseconds());
        var idleClose = services.GetRequiredService<IOptions<RoutingOptions>>().Value.IdleClose;
        clock.Advance(idleClose);
        var idleSince = (clock.GetUtcNow() - idleClose).ToUnixTimeMilliseconds();
        Assert.Single(await services.GetRequiredService<DueLeases>().TakeAsync(RedisKeys.IdleCases, idleSince, idleSince + (long)Lease.TotalMilliseconds, 100));

        await Clock.TickAsync(default);
        Assert.Equal(CaseStatus.Open, (await services.GetRequiredService<CaseStore>().GetAsync(record.Id))!.Status);
        clock.Advance(Lease);
        await Clock.TickAsync(default);
        var closed = (await services.GetRequiredService<CaseStore>().GetAsync(record.Id))!;
        Assert.Equal((CaseStatus.Closed, CloseReasons.Idle), (closed.Status, closed.CloseReason));
        var conversation = (await conversations.GetAsync(record.ConversationId))!;
        Assert.Null(conversation.CaseId);
        Assert.Equal(record.Id, conversation.PreviousCaseId);
        Assert.Equal(0, await redis.Database.SortedSetLengthAsync(RedisKeys.IdleCases));
    }

    [Fact]
    public async Task Two_workers_ticking_at_once_over_the_same_due_deadlines_alert_once_each_step()
    {
        var second = AnotherWorker();
        var opened = new List<CaseRecord>();
        for (var i = 0; i < 12; i++) opened.Add(await services.OpenCaseAsync(Severity.Critical, "trafficking"));
        foreach (var step in new[] { 61, 60, 60 })
        {
            clock.Advance(TimeSpan.FromSeconds(step));
            // Both start together, so each takes the due entries while the other may be taking them too.
            await TickTogetherAsync(services, second);
        }
        var expected = opened.SelectMany(c => new[] { (c.Id, 1), (c.Id, 2), (c.Id, 3) }).Order().ToList();
        Assert.Equal(expected, (await AlertsAsync()).Order().ToList());
        Assert.Equal(opened.Select(c => c.Id).Order(), notifier.Sent.Select(n => n.CaseId!).Order());
        foreach (var record in opened) Assert.Equal(3, await EscalatedOnTimelineAsync(record.Id));
    }

    /// <summary>Collects notices; fails the first one matching a condition as an unreachable Redis would.</summary>
    public sealed class FailingOnceNotifier : IOutboundNotifier
    {
        private Func<OutboundNotice, bool>? failNext;
        private int failures;

        public ConcurrentQueue<OutboundNotice> Sent { get; } = new();

        public int Failures => Volatile.Read(ref failures);

        public void FailOnce(Func<OutboundNotice, bool> when) => Volatile.Write(ref failNext, when);

        public Task SendAsync(OutboundNotice notice, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref failNext) is { } when && when(notice) && Interlocked.CompareExchange(ref failNext, null, when) == when)
            {
                Interlocked.Increment(ref failures);
                throw new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "The notices stream could not be reached", null, CommandStatus.Unknown);
            }
            Sent.Enqueue(notice);
            return Task.CompletedTask;
        }
    }
}
