using Hotline.Core.Outbox;
using Hotline.Core.Team;

namespace Hotline.Triage.Tests.Routing;

[Collection(RedisFixture.Collection)]
public sealed class EscalationClockTests(RedisFixture fixture) : RoutingTest<CollectingNotifier>(fixture)
{
    private Task<CaseRecord> OpenAsync(Severity severity) => services.OpenCaseAsync(severity, "trafficking");

    [Fact]
    public async Task A_critical_case_escalates_at_its_deadline_to_operators_then_supervisors_then_the_fallback()
    {
        var record = await OpenAsync(Severity.Critical);
        clock.Advance(TimeSpan.FromSeconds(59));
        await Clock.TickAsync(default);
        Assert.DoesNotContain(await NotificationsAsync(), n => n.GetValueOrDefault("type") == "alert");

        clock.Advance(TimeSpan.FromSeconds(2));
        await Clock.TickAsync(default);
        await Clock.TickAsync(default); // a second tick at the same time changes nothing
        var alerts = (await NotificationsAsync()).Where(n => n.GetValueOrDefault("type") == "alert").ToList();
        Assert.Single(alerts);
        Assert.Equal("operators", alerts[0]["audience"]);

        clock.Advance(TimeSpan.FromSeconds(60));
        await Clock.TickAsync(default);
        Assert.Contains(await NotificationsAsync(), n => n.GetValueOrDefault("audience") == "supervisors" && n["caseId"] == record.Id);
        Assert.Empty(notifier.Sent);

        clock.Advance(TimeSpan.FromSeconds(60));
        await Clock.TickAsync(default);
        var sms = Assert.Single(notifier.Sent);
        Assert.Equal("oncall-supervisor", sms.Recipient);
        Assert.Equal(record.Id, sms.CaseId);

        clock.Advance(TimeSpan.FromHours(1));
        await Clock.TickAsync(default);
        Assert.Single(notifier.Sent);
        var timeline = await services.GetRequiredService<CaseTimeline>().ReadAsync(record.Id);
        Assert.Equal(3, timeline.Count(t => t.Kind == TimelineKind.Escalated));
    }

    [Fact]
    public async Task A_claimed_case_does_not_escalate_and_a_high_case_waits_its_own_longer_deadline()
    {
        var claimed = await OpenAsync(Severity.Critical);
        await services.GetRequiredService<CaseStore>().ClaimAsync(claimed.Id, "demo");
        var high = await OpenAsync(Severity.High);
        clock.Advance(TimeSpan.FromSeconds(200));
        await Clock.TickAsync(default);
        Assert.DoesNotContain(await NotificationsAsync(), n => n.GetValueOrDefault("type") == "alert");
        clock.Advance(TimeSpan.FromSeconds(101));
        await Clock.TickAsync(default);
        var alert = Assert.Single(await NotificationsAsync(), n => n.GetValueOrDefault("type") == "alert");
        Assert.Equal(high.Id, alert["caseId"]);
    }

    [Fact]
    public async Task In_a_surge_each_waiting_person_is_told_their_place_once_and_nobody_is_dropped()
    {
        var first = await OpenAsync(Severity.Critical);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        var second = await OpenAsync(Severity.High);
        await Clock.TickAsync(default);
        var surge = await redis.Database.HashGetAsync(RedisKeys.Surge, "active");
        Assert.Equal("1", surge.ToString());
        clock.Advance(TimeSpan.FromSeconds(2));
        await Clock.TickAsync(default);
        var told = (await redis.Database.StreamRangeAsync(RedisKeys.Outbox)).Select(e => OutboxMessage.FromFields(e.Values)!).Where(m => m.Kind == OutboxKind.QueuePlace).ToList();
        Assert.Equal(2, told.Count);
        Assert.Equal(1, told.Single(m => m.ConversationId == first.ConversationId).Place);
        Assert.Equal(2, told.Single(m => m.ConversationId == second.ConversationId).Place);
        Assert.Equal(2, await redis.Database.SortedSetLengthAsync(RedisKeys.Queue));

        // An operator comes online and claims the first; one more free operator for the second: the surge ends.
        foreach (var name in new[] { "demo", "nightshift" })
        {
            await redis.Database.HashSetAsync(RedisKeys.Operator(name), [new("roles", "Operator"), new("capacity", "1")]);
            await redis.Database.SetAddAsync(RedisKeys.Operators, name);
            await OperatorPresence.SetAsync(name, PresenceStatus.Online);
        }
        await services.GetRequiredService<CaseStore>().ClaimAsync(first.Id, "demo");
        clock.Advance(TimeSpan.FromSeconds(2));
        await Clock.TickAsync(default);
        Assert.Equal("0", (await redis.Database.HashGetAsync(RedisKeys.Surge, "active")).ToString());
    }
}
