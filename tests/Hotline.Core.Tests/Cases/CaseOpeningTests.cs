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
    public async Task A_case_read_open_and_not_listed_is_listed_at_its_first_place_from_that_reading_alone()
    {
        const string id = "Kopening00003";
        var (record, _) = await cases.TryOpenAsync(id, "Copening00003", Severity.Critical, [], Language.Sq, Channel.Sms);
        var place = await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, id);
        await redis.Database.SortedSetRemoveAsync(RedisKeys.Queue, id);
        await redis.Database.SetRemoveAsync(RedisKeys.ActiveCases, id);

        clock.Advance(TimeSpan.FromMinutes(3));
        await cases.ListIfUnlistedAsync(record);

        Assert.Equal(place, await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, id));
        Assert.True(await redis.Database.SetContainsAsync(RedisKeys.ActiveCases, id));
        // A case listed already keeps its place; a case no longer open is never listed again.
        await redis.Database.SortedSetAddAsync(RedisKeys.Queue, id, 1);
        await cases.ListIfUnlistedAsync(record);
        Assert.Equal((double?)1, await redis.Database.SortedSetScoreAsync(RedisKeys.Queue, id));
        Assert.Equal(ClaimOutcome.Claimed, await cases.ClaimAsync(id, "ana"));
        await redis.Database.SetRemoveAsync(RedisKeys.ActiveCases, id);
        await cases.ListIfUnlistedAsync((await cases.GetAsync(id))!);
        Assert.False(await redis.Database.SetContainsAsync(RedisKeys.ActiveCases, id));
    }

    [Fact]
    public async Task A_new_case_is_announced_once_with_its_timeline_entries_and_its_opening_is_then_finished()
    {
        const string id = "Kopening00004";
        var (record, _) = await cases.TryOpenAsync(id, "Copening00004", Severity.High, [], Language.Sq, Channel.Sms);
        Assert.Equal(CaseOpening.Written, record.Opening);
        var timeline = new CaseTimeline(new HotlineRedis(redis.Connection), clock);

        Assert.True(await cases.AnnounceOpeningAsync(id, [timeline.Entry(TimelineKind.Opened, detail: "high"), timeline.Entry(TimelineKind.RequestedPerson)]));
        Assert.False(await cases.AnnounceOpeningAsync(id, [timeline.Entry(TimelineKind.Opened, detail: "high")]));

        Assert.Equal(CaseOpening.Announced, (await cases.GetAsync(id))!.Opening);
        Assert.Equal([TimelineKind.Opened, TimelineKind.RequestedPerson], (await timeline.ReadAsync(id)).Select(e => e.Kind));
        await cases.FinishOpeningAsync(id);
        Assert.Null((await cases.GetAsync(id))!.Opening);
        // A case whose opening is finished (or that opened before its steps were kept) is never announced again.
        Assert.False(await cases.AnnounceOpeningAsync(id, [timeline.Entry(TimelineKind.Opened, detail: "high")]));
        Assert.Equal(2, (await timeline.ReadAsync(id)).Count);
    }

    [Fact]
    public async Task A_case_written_with_its_opened_entries_is_announced_in_that_step_and_never_again()
    {
        const string id = "Kopening00005";
        var timeline = new CaseTimeline(new HotlineRedis(redis.Connection), clock);
        string[] opened = [timeline.Entry(TimelineKind.Opened, detail: "medium"), timeline.Entry(TimelineKind.RequestedPerson, detail: "medium")];

        var (record, created) = await cases.TryOpenAsync(id, "Copening00005", Severity.Low, [], Language.Sq, Channel.Sms, requestedHuman: true, announced: opened);

        Assert.True(created);
        Assert.Equal((Severity.Medium, CaseOpening.Announced), (record.Severity, record.Opening));
        Assert.Equal(CaseOpening.Announced, (await cases.GetAsync(id))!.Opening);
        Assert.Equal([TimelineKind.Opened, TimelineKind.RequestedPerson], (await timeline.ReadAsync(id)).Select(e => e.Kind));
        // Neither a later announcement nor the same opening again (a redelivered event) writes the entries twice.
        Assert.False(await cases.AnnounceOpeningAsync(id, [timeline.Entry(TimelineKind.Opened, detail: "medium")]));
        var (again, createdAgain) = await cases.TryOpenAsync(id, "Copening00005", Severity.Low, [], Language.Sq, Channel.Sms, requestedHuman: true, announced: opened);
        Assert.False(createdAgain);
        Assert.Equal(CaseOpening.Announced, again.Opening);
        Assert.Equal(2, (await timeline.ReadAsync(id)).Count);
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
