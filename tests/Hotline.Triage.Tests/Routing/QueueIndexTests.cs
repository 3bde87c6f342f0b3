using Hotline.Core.Outbox;
using Hotline.Core.Team;
using StackExchange.Redis;

namespace Hotline.Triage.Tests.Routing;

/// <summary>
/// The queue and the holders' counts are kept as cases change instead of read from every case: against a real Redis, they
/// must say exactly what reading every case says, after racing claims, repeated claims, closes and lost index steps.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class QueueIndexTests(RedisFixture fixture) : RoutingTest<CollectingNotifier>(fixture, ("PlaceUpdateMinSeconds", "60"))
{
    private CaseStore Cases => services.GetRequiredService<CaseStore>();

    private TeamLoad Load => services.GetRequiredService<TeamLoad>();

    /// <summary>What reading every case says: each holder's claimed cases, and the open cases in queue order.</summary>
    private async Task<(Dictionary<string, int> Holders, List<string> Waiting)> ReadEveryCaseAsync()
    {
        var all = new List<CaseRecord>();
        foreach (var id in await redis.Database.SortedSetRangeByRankAsync(RedisKeys.OpenedCases))
        {
            if (await Cases.GetAsync(id.ToString()) is { } record) all.Add(record);
        }
        var holders = all.Where(c => c.Status == CaseStatus.Claimed).GroupBy(c => c.Holder!).ToDictionary(g => g.Key, g => g.Count());
        var waiting = all.Where(c => c.Status == CaseStatus.Open)
            .OrderBy(c => CaseStore.QueueScore(c.Severity, c.OpenedAt, c.SharedNetwork)).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.Id).ToList();
        return (holders, waiting);
    }

    private async Task AssertExactAsync()
    {
        var (holders, waiting) = await ReadEveryCaseAsync();
        Assert.Equal(holders.OrderBy(h => h.Key), (await Load.HoldersAsync()).OrderBy(h => h.Key));
        Assert.Equal(waiting, (await redis.Database.SortedSetRangeByRankAsync(RedisKeys.Queue)).Select(v => v.ToString()));
    }

    [Fact]
    public async Task Each_holders_count_follows_claims_repeated_claims_releases_and_closes_exactly()
    {
        var a = await services.OpenCaseAsync(Severity.Critical);
        var b = await services.OpenCaseAsync(Severity.High);
        var c = await services.OpenCaseAsync(Severity.Low);
        Assert.Empty(await Load.HoldersAsync());

        Assert.Equal(ClaimOutcome.Claimed, await Cases.ClaimAsync(a.Id, "ana"));
        Assert.Equal(ClaimOutcome.Claimed, await Cases.ClaimAsync(a.Id, "ana")); // the console retried
        Assert.Equal(ClaimOutcome.AlreadyHeld, await Cases.ClaimAsync(a.Id, "besa"));
        Assert.Equal(ClaimOutcome.Claimed, await Cases.ClaimAsync(b.Id, "ana"));
        Assert.Equal(ClaimOutcome.Claimed, await Cases.ClaimAsync(c.Id, "besa"));
        Assert.Equal(new Dictionary<string, int> { ["ana"] = 2, ["besa"] = 1 }, await Load.HoldersAsync());
        await AssertExactAsync();

        Assert.True(await Cases.ReleaseAsync(a.Id, "ana", CaseOutcomes.Codes[0]));
        Assert.False(await Cases.ReleaseAsync(a.Id, "ana", CaseOutcomes.Codes[0]));
        Assert.True(await Cases.CloseAsync(c.Id, CloseReasons.Test, "closed"));
        Assert.Equal(new Dictionary<string, int> { ["ana"] = 1 }, await Load.HoldersAsync());
        await AssertExactAsync();
    }

    [Fact]
    public async Task Racing_claims_and_closes_from_several_operators_leave_the_counts_and_the_queue_exactly_as_the_cases_say()
    {
        var opened = new List<CaseRecord>();
        for (var i = 0; i < 40; i++)
        {
            opened.Add(await services.OpenCaseAsync((Severity)(i % 5)));
            clock.Advance(TimeSpan.FromMilliseconds(3));
        }
        string[] team = ["ana", "besa", "cara", "dita"];
        // Every operator claims every third case at once (one wins each), some twice; every fifth case is closed meanwhile.
        var races = opened.Where((_, i) => i % 3 != 2).SelectMany(c => team.Select(name => Task.Run(() => Cases.ClaimAsync(c.Id, name))))
            .Concat(opened.Where((_, i) => i % 6 == 0).Select(c => Task.Run(() => Cases.ClaimAsync(c.Id, "ana"))))
            .Concat(opened.Where((_, i) => i % 5 == 0).Select(c => Task.Run(async () => { await Cases.CloseAsync(c.Id, CloseReasons.Test, "closed"); return ClaimOutcome.Closed; })))
            .ToList();
        await Task.WhenAll(races);
        await AssertExactAsync();
        Assert.NotEmpty(await Load.HoldersAsync());

        // Each holder hands back half of what they hold, at once.
        var releases = new List<Task>();
        foreach (var record in opened)
        {
            if (await Cases.GetAsync(record.Id) is { Status: CaseStatus.Claimed, Holder: { } holder } && record.Id.GetHashCode() % 2 == 0)
            {
                releases.Add(Task.Run(() => Cases.ReleaseAsync(record.Id, holder)));
            }
        }
        await Task.WhenAll(releases);
        await AssertExactAsync();
    }

    [Fact]
    public async Task Each_person_is_told_their_exact_place_among_the_urgent_waiting_and_moves_up_when_cases_ahead_are_claimed()
    {
        var opened = new List<CaseRecord>();
        for (var i = 0; i < 6; i++)
        {
            opened.Add(await services.OpenCaseAsync(i % 2 == 0 ? Severity.Critical : Severity.High));
            clock.Advance(TimeSpan.FromMilliseconds(5));
        }
        await services.OpenCaseAsync(Severity.Medium); // not urgent: never counted ahead of an urgent one, never told here
        await services.Clock().TickAsync(default);
        var (_, waiting) = await ReadEveryCaseAsync();
        var first = await PlacesToldAsync();
        Assert.Equal(6, first.Count);
        foreach (var record in opened)
        {
            // The place told is the place the Bot quotes (every case more urgent or as urgent and waiting longer is ahead).
            var place = await Cases.PlaceAsync(record.Severity, record.OpenedAt);
            Assert.Equal(place, waiting.IndexOf(record.Id) + 1);
            Assert.Equal(place, first[record.ConversationId]);
        }

        // The three first in line are claimed: once the interval has passed, each of the others is told a place two or
        // more better, exactly where it now is.
        var ahead = waiting.Take(3).ToList();
        foreach (var id in ahead) await Cases.ClaimAsync(id, "ana");
        clock.Advance(TimeSpan.FromSeconds(61));
        await services.Clock().TickAsync(default);
        var all = await PlacesToldAsync(all: true);
        foreach (var record in opened.Where(r => !ahead.Contains(r.Id)))
        {
            Assert.Equal(await Cases.PlaceAsync(record.Severity, record.OpenedAt), all[record.ConversationId].Last());
            Assert.Equal(first[record.ConversationId] - 3, all[record.ConversationId].Last());
        }
        // Nobody claimed is told anything more, and their told place is gone with them from the queue.
        Assert.All(opened.Where(r => ahead.Contains(r.Id)), r => Assert.Single(all[r.ConversationId]));
        Assert.All(ahead, id => Assert.False(redis.Database.HashExists(RedisKeys.QueueTold, id)));
    }

    /// <summary>The place each conversation was told last (or every place, in order).</summary>
    private async Task<Dictionary<string, int>> PlacesToldAsync() =>
        (await PlacesToldAsync(all: true)).ToDictionary(p => p.Key, p => p.Value.Last());

    private async Task<Dictionary<string, List<int>>> PlacesToldAsync(bool all) =>
        (await redis.Database.StreamRangeAsync(RedisKeys.Outbox)).Select(e => OutboxMessage.FromFields(e.Values)!)
            .Where(m => m.Kind == OutboxKind.QueuePlace)
            .GroupBy(m => m.ConversationId).ToDictionary(g => g.Key, g => g.Select(m => m.Place!.Value).ToList());

    [Fact]
    public async Task Index_steps_that_arrive_out_of_order_leave_what_the_last_change_of_the_case_says()
    {
        var record = await services.OpenCaseAsync(Severity.Critical);
        var now = clock.GetUtcNow();
        // Claimed by ana (change 1), handed to besa (2), closed (3): the steps arrive backwards.
        await CaseQueue.LeaveAsync(redis.Database, record.Id, 3, now);
        await CaseQueue.HoldAsync(redis.Database, record.Id, "besa", 2, now);
        await CaseQueue.HoldAsync(redis.Database, record.Id, "ana", 1, now);
        Assert.Empty(await Load.HoldersAsync());
        Assert.Null(await redis.Database.SortedSetRankAsync(RedisKeys.Queue, record.Id));

        var other = await services.OpenCaseAsync(Severity.High);
        await CaseQueue.HoldAsync(redis.Database, other.Id, "besa", 2, now);
        await CaseQueue.HoldAsync(redis.Database, other.Id, "ana", 1, now);
        await CaseQueue.HoldAsync(redis.Database, other.Id, "besa", 2, now);
        Assert.Equal(new Dictionary<string, int> { ["besa"] = 1 }, await Load.HoldersAsync());
    }

    [Fact]
    public async Task A_claim_or_close_whose_index_step_was_lost_is_mended_on_the_second_pass_that_finds_it()
    {
        var repair = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<QueueRepair>().Single();
        var claimed = await services.OpenCaseAsync(Severity.Critical);
        var closed = await services.OpenCaseAsync(Severity.High);
        var held = await services.OpenCaseAsync(Severity.High);
        await Cases.ClaimAsync(held.Id, "besa");
        // A process died after each case's own write and before its index step: the case says claimed or closed, the queue
        // and the counts do not know.
        await redis.Database.HashSetAsync(RedisKeys.Case(claimed.Id), [new("status", "claimed"), new("holder", "ana"), new(CaseFields.QueueVersion, 1)]);
        await redis.Database.HashSetAsync(RedisKeys.Case(held.Id), [new("status", "closed"), new(CaseFields.QueueVersion, 2)]);
        await redis.Database.HashDeleteAsync(RedisKeys.Case(held.Id), "holder");
        await redis.Database.HashSetAsync(RedisKeys.Case(closed.Id), [new("status", "closed"), new(CaseFields.QueueVersion, 1)]);

        // The first pass only notes them: a claim a moment from its index step looks the same.
        Assert.Equal(0, await repair.RepairAsync());
        Assert.Equal(new Dictionary<string, int> { ["besa"] = 1 }, await Load.HoldersAsync());
        Assert.Equal(3, await repair.RepairAsync());
        await AssertExactAsync();
        Assert.Equal(new Dictionary<string, int> { ["ana"] = 1 }, await Load.HoldersAsync());
        Assert.Equal(0, await repair.RepairAsync());
    }

    [Fact]
    public async Task A_disagreement_that_its_own_index_step_resolves_before_the_next_pass_is_left_alone()
    {
        var repair = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<QueueRepair>().Single();
        var record = await services.OpenCaseAsync(Severity.Critical);
        // Half-way through a claim: the case says claimed, the index step has not run yet.
        await redis.Database.HashSetAsync(RedisKeys.Case(record.Id), [new("status", "claimed"), new("holder", "ana"), new(CaseFields.QueueVersion, 1)]);
        Assert.Equal(0, await repair.RepairAsync());
        // The claim finishes, and then the operator hands the case back: the index is right, and must stay so.
        await CaseQueue.HoldAsync(redis.Database, record.Id, "ana", 1, clock.GetUtcNow());
        Assert.True(await Cases.ReleaseAsync(record.Id, "ana"));
        Assert.Equal(0, await repair.RepairAsync());
        Assert.Empty(await Load.HoldersAsync());
        await AssertExactAsync();
    }
}
