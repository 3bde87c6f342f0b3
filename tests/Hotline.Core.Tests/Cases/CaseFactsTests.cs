using Hotline.Core.Cases;
using Hotline.Core.Storage;
using Hotline.Testing;

namespace Hotline.Core.Tests.Cases;

[Collection(RedisFixture.Collection)]
public sealed class CaseFactsTests(RedisFixture redis) : IAsyncLifetime
{
    private CaseStore cases = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        cases = new CaseStore(new HotlineRedis(redis.Connection), TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<CaseRecord> OpenAsync(string id) =>
        cases.OpenAsync(id, "C" + id, Severity.High, ["trafficking"], Language.Sq, Channel.Sms, minor: false);

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
        Assert.Equal((null, null, false, 0, null), (facts.Age, facts.Place, facts.Duress, facts.Escalation, facts.OfferedTo));
        Assert.Empty(facts.Offered);
    }

    [Fact]
    public async Task The_latest_age_and_the_first_area_stay_until_an_operator_records_another_area()
    {
        const string id = "Kfacts0000002";
        await OpenAsync(id);
        await cases.KeepAgeAsync(id, 15);
        await cases.KeepAgeAsync(id, 16);
        Assert.True(await cases.KeepPlaceAsync(id, "Durrës"));
        Assert.False(await cases.KeepPlaceAsync(id, "Tiranë"));
        var facts = await cases.FactsAsync(id);
        Assert.Equal(16, facts!.Age);
        Assert.Equal("Durrës", facts.Place);

        Assert.False(await cases.RecordPlaceAsync(id, "Durrës"));
        Assert.True(await cases.RecordPlaceAsync(id, "Shkodër"));
        Assert.Equal("Shkodër", (await cases.FactsAsync(id))!.Place);
    }

    [Fact]
    public async Task Duress_is_marked_once_and_escalation_steps_count_up()
    {
        const string id = "Kfacts0000003";
        await OpenAsync(id);
        Assert.True(await cases.MarkDuressAsync(id));
        Assert.False(await cases.MarkDuressAsync(id));
        Assert.Equal(1, await cases.NextEscalationStageAsync(id));
        Assert.Equal(2, await cases.NextEscalationStageAsync(id));
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
