using Hotline.Triage.Retention;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Triage.Tests.Retention;

/// <summary>
/// Cases closed before retention existed, written as an earlier version wrote them (closed, never scheduled): the
/// backfill, run as the Triage worker's own Redis user, schedules each one for its outcome's retention from when it
/// closed, a bounded step at a time, going on from where the last step stopped, and once round it scans nothing again.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class RetentionBackfillTests(RedisFixture redis) : IAsyncLifetime
{
    private static readonly DateTimeOffset ClosedAt = new(2025, 3, 10, 14, 23, 51, TimeSpan.Zero);

    public Task InitializeAsync() => redis.FlushAllAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_backfill_schedules_every_case_closed_before_retention_step_by_step_and_once_round_scans_no_more()
    {
        var options = Options.Create(new RetentionOptions { Days = 30 });
        options.Value.DaysByOutcome["test-or-misuse"] = 2;
        options.Value.DaysByOutcome[CloseReasons.NoContact] = 7;
        // Written the old way: closed, with an outcome recorded by the console or a reason it closed unworked, and not scheduled.
        var legacy = new List<(string Id, TimeSpan Retention)>();
        for (var i = 0; i < 120; i++)
        {
            var id = $"Kold{i:D4}";
            var closedAt = ClosedAt.AddMinutes(i);
            await redis.Database.HashSetAsync(RedisKeys.Case(id), [
                new HashEntry("conversationId", "c-old-" + i), new HashEntry("severity", 3), new HashEntry("status", "closed"),
                new HashEntry("openedAt", closedAt.AddHours(-1).ToUnixTimeMilliseconds()), new HashEntry("closedAt", closedAt.ToUnixTimeMilliseconds()),
                .. i % 3 == 1 ? [new HashEntry("closeReason", CloseReasons.NoContact)] : Array.Empty<HashEntry>(),
            ]);
            if (i % 3 == 0) await redis.Database.StringSetAsync(RedisKeys.CaseRecordFields(id), """{"Outcome":"test-or-misuse","Referrals":[]}""");
            legacy.Add((id, TimeSpan.FromDays(i % 3 == 0 ? 2 : i % 3 == 1 ? 7 : 30)));
        }
        // Not for the backfill: a live case, one deleted already, one already waiting (it keeps its time), other keys.
        await redis.Database.HashSetAsync(RedisKeys.Case("Klive"), [new HashEntry("status", "open"), new HashEntry("openedAt", ClosedAt.ToUnixTimeMilliseconds())]);
        await redis.Database.HashSetAsync(RedisKeys.Case("Kgone"), [new HashEntry("status", "closed"), new HashEntry("closedAt", ClosedAt.ToUnixTimeMilliseconds()), new HashEntry("deletedAt", ClosedAt.ToUnixTimeMilliseconds())]);
        await redis.Database.HashSetAsync(RedisKeys.Case("Kwaits"), [new HashEntry("status", "closed"), new HashEntry("closedAt", ClosedAt.ToUnixTimeMilliseconds())]);
        var waits = ClosedAt.AddDays(400).ToUnixTimeMilliseconds();
        await redis.Database.SortedSetAddAsync(RedisKeys.RetentionDue, "Kwaits", waits);
        for (var i = 0; i < 60; i++) await redis.Database.HashSetAsync(RedisKeys.Conversation("c-other-" + i), "channel", "sms");

        await using var triage = await redis.Server.ConnectAsAsync("triage");
        var hotline = new HotlineRedis(triage);
        var retention = new CaseRetention(hotline, options, TimeProvider.System);
        RetentionBackfill Fresh() => new(hotline, retention, NullLogger<RetentionBackfill>.Instance, pageSize: 10, pagesPerStep: 1);

        // One step looks at a bounded part of the keyspace and leaves its cursor in Redis.
        var first = await Fresh().StepAsync(CancellationToken.None);
        Assert.InRange(first, 0, legacy.Count - 1);
        Assert.False(await Fresh().IsDoneAsync());
        var progress = await redis.Database.HashGetAllAsync(RedisKeys.RetentionBackfill);
        Assert.Contains(progress, e => e.Value != "end" && e.Value != "0");

        // Each later step is a new instance (a restart, or another worker): it goes on from the stored cursor.
        var steps = 1;
        var scheduled = first;
        while (!await Fresh().IsDoneAsync())
        {
            scheduled += await Fresh().StepAsync(CancellationToken.None);
            Assert.True(++steps < 500, "the walk comes round");
        }
        Assert.True(steps > 2, "the walk took several bounded steps");
        Assert.Equal(legacy.Count, scheduled);
        foreach (var (id, period) in legacy)
        {
            var closedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)await redis.Database.HashGetAsync(RedisKeys.Case(id), "closedAt"));
            Assert.Equal(closedAt + period, await retention.DueAsync(id));
        }
        Assert.Null(await retention.DueAsync("Klive"));
        Assert.Null(await retention.DueAsync("Kgone"));
        Assert.Equal(waits, (long)(await redis.Database.SortedSetScoreAsync(RedisKeys.RetentionDue, "Kwaits"))!);

        // Once round, a step reads the flag and scans nothing: a case written the old way now is not found.
        await redis.Database.HashSetAsync(RedisKeys.Case("Klate"), [new HashEntry("status", "closed"), new HashEntry("closedAt", ClosedAt.ToUnixTimeMilliseconds())]);
        Assert.Equal(0, await Fresh().StepAsync(CancellationToken.None));
        Assert.Null(await retention.DueAsync("Klate"));
    }
}
