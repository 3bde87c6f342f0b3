namespace Hotline.Core.Tests.Cases;

[Collection(RedisFixture.Collection)]
public sealed class CaseFactsTests(RedisFixture redis) : IAsyncLifetime
{
    private CaseStore cases = null!;
    private CaseTimeline timeline = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        cases = new CaseStore(new HotlineRedis(redis.Connection), TimeProvider.System);
        timeline = new CaseTimeline(new HotlineRedis(redis.Connection), TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<CaseRecord> OpenAsync(string id) =>
        cases.OpenAsync(id, "C" + id, Severity.High, ["trafficking"], Language.Sq, Channel.Sms);

    [Fact]
    public async Task A_case_that_does_not_exist_has_no_facts()
    {
        Assert.Null(await cases.FactsAsync("Kabsent000001"));
        Assert.Null(await cases.FactsAsync("not an id"));
    }

    [Fact]
    public async Task A_new_case_has_no_age_area_duress_escalation_or_offer()
    {
        await OpenAsync("Kfacts0000001");
        var facts = await cases.FactsAsync("Kfacts0000001");
        Assert.NotNull(facts);
        Assert.Equal((false, false, 0, null), (facts.HasArea, facts.Duress, facts.Escalation, facts.OfferedTo));
        Assert.Empty(facts.Offered);
        Assert.Empty(facts.CoveredBy);
        Assert.Empty(await cases.SealedFactsAsync("Kfacts0000001"));
    }

    [Fact]
    public async Task The_first_area_screening_found_stays_with_its_units_until_an_operator_records_one_and_the_area_itself_is_only_sealed()
    {
        const string id = "Kfacts0000002";
        await OpenAsync(id);
        var team = HotlineCrypto.NewKeyPair();
        await cases.KeepSealedFactsAsync(id, 3, new MessageFacts(15, "Durrës", true, []).Seal(team.PublicKey, "C" + id, "3"));
        Assert.True(await cases.KeepAreaAsync(id, ["unit-durres"], timeline.Entry(TimelineKind.Area)));
        Assert.False(await cases.KeepAreaAsync(id, ["unit-tirana"], timeline.Entry(TimelineKind.Area)));
        var facts = await cases.FactsAsync(id);
        Assert.True(facts!.HasArea);
        Assert.Equal(["unit-durres"], facts.CoveredBy);
        Assert.Single(await timeline.ReadAsync(id), e => e.Kind == TimelineKind.Area);

        await cases.RecordAreaAsync(id, (MessageFacts.None with { Place = "Kamëz" }).Seal(team.PublicKey, "C" + id, MessageFacts.Recorded), ["unit-tirana"]);
        Assert.Equal(["unit-tirana"], (await cases.FactsAsync(id))!.CoveredBy);
        var sealedFacts = await cases.SealedFactsAsync(id);
        Assert.Equal(["3", MessageFacts.Recorded], sealedFacts.Select(f => f.Entry));
        Assert.Equal((15, "Durrës", true), MessageFacts.Open(sealedFacts[0].Sealed, team, "C" + id, "3") is var m ? (m.Age, m.Place, m.Minor) : default);
        Assert.Equal("Kamëz", MessageFacts.Open(sealedFacts[1].Sealed, team, "C" + id, MessageFacts.Recorded).Place);

        var hash = await new HotlineRedis(redis.Connection).Db.HashGetAllAsync(RedisKeys.Case(id));
        Assert.DoesNotContain(hash, e => e.Name == "age" || e.Name == "place" || e.Name == "minor" || e.Value == "15" || e.Value.ToString().Contains("Durr") || e.Value.ToString().Contains("Kam"));
    }

    [Fact]
    public async Task Duress_is_marked_once_and_each_escalation_step_is_recorded_once_with_its_timeline_entry()
    {
        const string id = "Kfacts0000003";
        await OpenAsync(id);
        Assert.True(await cases.MarkDuressAsync(id, timeline.Entry(TimelineKind.Duress)));
        Assert.False(await cases.MarkDuressAsync(id, timeline.Entry(TimelineKind.Duress)));
        // The flag and its timeline entry are written together, once.
        Assert.Single(await timeline.ReadAsync(id), e => e.Kind == TimelineKind.Duress);
        Assert.True(await cases.AdvanceEscalationAsync(id, 0, timeline.Entry(TimelineKind.Escalated)));
        // A worker that handles the same step again (the first died after alerting) records nothing more.
        Assert.False(await cases.AdvanceEscalationAsync(id, 0, timeline.Entry(TimelineKind.Escalated)));
        Assert.True(await cases.AdvanceEscalationAsync(id, 1, timeline.Entry(TimelineKind.Escalated)));
        Assert.Equal(2, (await timeline.ReadAsync(id)).Count(e => e.Kind == TimelineKind.Escalated));
        var facts = await cases.FactsAsync(id);
        Assert.True(facts!.Duress);
        Assert.Equal(2, facts.Escalation);
        Assert.Equal(2, await cases.EscalationStageAsync(id));
    }

    [Fact]
    public async Task An_offer_shows_only_while_its_case_waits()
    {
        const string waiting = "Kfacts0000004", held = "Kfacts0000005";
        await OpenAsync(waiting);
        await OpenAsync(held);
        var hotline = new HotlineRedis(redis.Connection);
        foreach (var id in new[] { waiting, held })
        {
            await hotline.Db.HashSetAsync(RedisKeys.Case(id), [new(CaseFields.OfferedTo, "ana"), new(CaseFields.Offered, "besa,ana")]);
        }
        await cases.ClaimAsync(held, "ana");

        Assert.Equal(["ana", ""], await cases.OpenOffersAsync([waiting, held]));
        var facts = await cases.FactsAsync(waiting);
        Assert.Equal("ana", facts!.OfferedTo);
        Assert.Equal(["besa", "ana"], facts.Offered);
    }
}
