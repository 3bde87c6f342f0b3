using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Cases;

/// <summary>Opening a case writes its record on its own slot, then the lists on others: a process can die in between.</summary>
[Collection(RedisFixture.Collection)]
public sealed class CaseOpeningTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private CaseStore cases = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        cases = new CaseStore(new HotlineRedis(redis.Connection), clock);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Opening_again_a_case_whose_opener_died_before_listing_it_lists_it_at_its_first_place_and_writes_nothing_else()
    {
        const string id = "Kopening00001";
        var (first, created) = await cases.TryOpenAsync(id, "Copening00001", Severity.High, ["trafficking"], Language.Sq, Channel.Sms);
        Assert.True(created);
        var place = await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, id);
        // The process died after the record and before the lists: as if they had never been written.
        await redis.Database.SortedSetRemoveAsync(RedisKeys.Queue, id);
        await redis.Database.SetRemoveAsync(RedisKeys.ActiveCases, id);

        clock.Advance(TimeSpan.FromMinutes(3));
        var (again, createdAgain) = await cases.TryOpenAsync(id, "Copening00001", Severity.Low, [], Language.En, Channel.WebChat);

        Assert.False(createdAgain);
        Assert.Equal((first.Severity, string.Join(',', first.Categories), first.Language, first.Channel, first.OpenedAt),
            (again.Severity, string.Join(',', again.Categories), again.Language, again.Channel, again.OpenedAt));
        Assert.Equal(place, await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, id));
        Assert.True(await redis.Database.SetContainsAsync(RedisKeys.ActiveCases, id));
    }

    [Fact]
    public async Task A_claimed_case_opened_again_is_not_queued_again()
    {
        const string id = "Kopening00002";
        await cases.TryOpenAsync(id, "Copening00002", Severity.Critical, [], Language.Sq, Channel.Sms);
        Assert.Equal(ClaimOutcome.Claimed, await cases.ClaimAsync(id, "ana"));

        var (again, created) = await cases.TryOpenAsync(id, "Copening00002", Severity.Critical, [], Language.Sq, Channel.Sms);

        Assert.False(created);
        Assert.Equal(CaseStatus.Claimed, again.Status);
        Assert.Null(await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, id));
    }
}
