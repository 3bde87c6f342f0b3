using Hotline.Core.Outbox;

namespace Hotline.Triage.Tests.Routing;

/// <summary>Two Triage workers on one Redis (as infra/up --cluster runs them), their clocks ticking at the same moments.</summary>
[Collection(RedisFixture.Collection)]
public sealed class TwoWorkersTests(RedisFixture fixture) : RoutingTest<CollectingNotifier>(fixture)
{
    private async Task TickBothAsync(ServiceProvider second)
    {
        clock.Advance(EscalationClock.SurgeInterval);
        // Both start together, so each reads the surge state before either has written it.
        await TickTogetherAsync(services, second);
    }

    private async Task<List<(bool Active, int Waiting)>> SurgeNoticesAsync() =>
        (await redis.Database.StreamRangeAsync(RedisKeys.Notifications))
            .Where(e => e["type"] == "surge")
            .Select(e => (e["active"] == "1", (int)e["waiting"]))
            .ToList();

    [Fact]
    public async Task With_two_workers_the_consoles_hear_of_a_surge_and_each_change_of_it_once_and_each_person_is_told_their_place_once()
    {
        var second = AnotherWorker();
        var cases = new List<CaseRecord>();
        for (var round = 1; round <= 4; round++)
        {
            // Nobody is online: each new urgent case makes the surge bigger.
            cases.Add(await services.OpenCaseAsync(Severity.Critical));
            await TickBothAsync(second);
            await TickBothAsync(second);
            Assert.Equal(Enumerable.Range(1, round).Select(n => (true, n)), await SurgeNoticesAsync());
        }
        var told = (await redis.Database.StreamRangeAsync(RedisKeys.Outbox)).Select(e => OutboxMessage.FromFields(e.Values)!)
            .Where(m => m.Kind == OutboxKind.QueuePlace).ToList();
        Assert.Equal(cases.Select(c => c.ConversationId).Order(), told.Select(m => m.ConversationId).Order());
        Assert.Equal(Enumerable.Range(1, cases.Count), told.Select(m => m.Place!.Value).Order());

        // Every waiting case is closed: the surge ends, and that too is said once.
        foreach (var record in cases) await services.GetRequiredService<CaseStore>().CloseAsync(record.Id, CloseReasons.Test, "closed");
        await TickBothAsync(second);
        await TickBothAsync(second);
        Assert.Equal((false, 0), (await SurgeNoticesAsync())[^1]);
        Assert.Equal(cases.Count + 1, (await SurgeNoticesAsync()).Count);
    }
}
