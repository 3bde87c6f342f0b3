using Hotline.Core.Outbox;
using Hotline.Core.Team;

namespace Hotline.Triage.Tests.Routing;

/// <summary>The offer round and place updates against a real Redis, on a manual clock.</summary>
[Collection(RedisFixture.Collection)]
public sealed class OfferRoundTests(RedisFixture fixture)
    : RoutingTest<CollectingNotifier>(fixture, ("OfferWindowPercent", "25"), ("PlaceUpdateMinSeconds", "120"))
{
    private CaseOffers Offers => services.GetRequiredService<CaseOffers>();

    private async Task AddOperatorAsync(string name, string languages, PresenceStatus status = PresenceStatus.Online)
    {
        await redis.Database.HashSetAsync(RedisKeys.Operator(name), [new("roles", "Operator"), new("languages", languages), new("capacity", "2")]);
        await redis.Database.SetAddAsync(RedisKeys.Operators, name);
        await OperatorPresence.SetAsync(name, status);
    }

    private Task<CaseRecord> OpenAsync() => services.OpenCaseAsync(Severity.Critical);

    /// <summary>The first offer as the router makes it, once the case's opening is announced (with no timeline entries here).</summary>
    private async Task OfferFirstAsync(CaseRecord record)
    {
        Assert.True(await services.GetRequiredService<CaseStore>().AnnounceOpeningAsync(record.Id, []));
        await Offers.OfferFirstAsync(record, CaseOpening.Announced);
    }

    private async Task<string> OfferedToAsync(string caseId) => (await redis.Database.HashGetAsync(RedisKeys.Case(caseId), CaseFields.OfferedTo)).ToString();

    private async Task<List<string>> TimelineAsync(string caseId) =>
        (await services.GetRequiredService<CaseTimeline>().ReadAsync(caseId)).Select(t => t.Kind.ToWire() + (t.Detail is null ? "" : ": " + t.Detail)).ToList();

    [Fact]
    public async Task An_unclaimed_declined_or_abandoned_offer_moves_to_the_next_best_operator_and_the_deadline_stays()
    {
        await AddOperatorAsync("ana", "sq");
        await AddOperatorAsync("besa", "sq,en");
        await AddOperatorAsync("cara", "en");
        await AddOperatorAsync("dita", "sq");
        var record = await OpenAsync();
        var deadline = await redis.Database.SortedSetScoreAsync(RedisKeys.Deadlines, record.Id);
        await OfferFirstAsync(record);
        Assert.Equal("ana", await OfferedToAsync(record.Id));

        // Within the window (a quarter of 60 s) nothing moves; after it, the next-best.
        clock.Advance(TimeSpan.FromSeconds(14));
        await Clock.TickAsync(default);
        Assert.Equal("ana", await OfferedToAsync(record.Id));
        clock.Advance(TimeSpan.FromSeconds(2));
        await Clock.TickAsync(default);
        await Clock.TickAsync(default);
        Assert.Equal("besa", await OfferedToAsync(record.Id));

        // A decline moves it at once; a repeated one (redelivered event) changes nothing.
        await Offers.MoveOnAsync(record.Id, "besa", OfferEnd.Declined);
        await Offers.MoveOnAsync(record.Id, "besa", OfferEnd.Declined);
        Assert.Equal("dita", await OfferedToAsync(record.Id));

        // The operator offered goes away: the last one not yet offered gets it.
        await OperatorPresence.SetAsync("dita", PresenceStatus.Away);
        await Clock.TickAsync(default);
        Assert.Equal("cara", await OfferedToAsync(record.Id));

        // Everyone has been offered: the lapsed offer stays, and the escalation deadline never moved.
        clock.Advance(TimeSpan.FromSeconds(16));
        await Clock.TickAsync(default);
        Assert.Equal("cara", await OfferedToAsync(record.Id));
        Assert.Equal(deadline, await redis.Database.SortedSetScoreAsync(RedisKeys.Deadlines, record.Id));
        Assert.Equal(
            ["offered: ana", "offer lapsed: ana did not claim within 15 s", "offered: besa", "offered: dita", "offer withdrawn: dita is no longer online",
             "offered: cara", "offer lapsed: cara did not claim within 15 s; no other operator free"],
            await TimelineAsync(record.Id));
        var offers = (await redis.Database.StreamRangeAsync(RedisKeys.Notifications)).Where(e => e["type"] == "offer").Select(e => $"{e["from"]}>{e["to"]}");
        Assert.Equal([">ana", "ana>besa", "besa>dita", "dita>cara"], offers);

        // Someone not yet offered comes online: the waiting case goes to them.
        await AddOperatorAsync("eda", "sq");
        clock.Advance(EscalationClock.SurgeInterval);
        await Clock.TickAsync(default);
        Assert.Equal("eda", await OfferedToAsync(record.Id));
    }

    [Fact]
    public async Task A_case_nobody_was_free_for_is_offered_when_an_operator_comes_online()
    {
        var record = await OpenAsync();
        await OfferFirstAsync(record);
        await Clock.TickAsync(default);
        Assert.Equal("", await OfferedToAsync(record.Id));
        await AddOperatorAsync("ana", "sq");
        clock.Advance(EscalationClock.SurgeInterval);
        await Clock.TickAsync(default);
        clock.Advance(EscalationClock.SurgeInterval);
        await Clock.TickAsync(default);
        Assert.Equal("ana", await OfferedToAsync(record.Id));
        // Alone with nobody free it was a surge: the person was told their place meanwhile.
        Assert.Equal(["waiting: no operator free", "surge: told place 1 in the queue", "offered: ana"], await TimelineAsync(record.Id));
    }

    [Fact]
    public async Task A_claimed_case_is_not_offered_again()
    {
        await AddOperatorAsync("ana", "sq");
        await AddOperatorAsync("besa", "sq");
        var record = await OpenAsync();
        await OfferFirstAsync(record);
        await services.GetRequiredService<CaseStore>().ClaimAsync(record.Id, "ana");
        clock.Advance(TimeSpan.FromSeconds(30));
        await Clock.TickAsync(default);
        Assert.Equal("ana", await OfferedToAsync(record.Id));
        Assert.Equal(0, await redis.Database.SortedSetLengthAsync(RedisKeys.OfferDeadlines));
    }

    [Fact]
    public async Task A_waiting_person_is_told_a_better_place_only_once_the_interval_has_passed()
    {
        var cases = new List<CaseRecord>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await OpenAsync());
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        await Clock.TickAsync(default);
        var last = cases[2];
        async Task<List<int?>> ToldAsync() => (await redis.Database.StreamRangeAsync(RedisKeys.Outbox)).Select(e => OutboxMessage.FromFields(e.Values)!)
            .Where(m => m.Kind == OutboxKind.QueuePlace && m.ConversationId == last.ConversationId).Select(m => m.Place).ToList();
        Assert.Equal([3], await ToldAsync());

        // The two ahead are taken: place 1, but too soon to tell again.
        foreach (var ahead in cases.Take(2)) await services.GetRequiredService<CaseStore>().ClaimAsync(ahead.Id, "someone");
        clock.Advance(TimeSpan.FromSeconds(60));
        await Clock.TickAsync(default);
        Assert.Equal([3], await ToldAsync());
        clock.Advance(TimeSpan.FromSeconds(61));
        await Clock.TickAsync(default);
        await Clock.TickAsync(default);
        Assert.Equal([3, 1], await ToldAsync());
        Assert.Contains("place: told place 1 in the queue (was 3)", await TimelineAsync(last.Id));
    }
}
