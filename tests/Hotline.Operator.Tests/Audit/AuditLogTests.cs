using Hotline.Operator.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Hotline.Operator.Tests.Audit;

[Collection(RedisFixture.Collection)]
public sealed class AuditLogTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly AuditLog log = new(new HotlineRedis(redis.Connection), TimeProvider.System, NullLogger<AuditLog>.Instance);

    public Task InitializeAsync() => redis.FlushAllAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_entry_carries_the_hash_of_the_one_before_and_the_chain_verifies()
    {
        await log.AppendAsync("demo", "signed in");
        await log.AppendAsync("demo", "GET /api/cases/{id}/transcript", "Kabc", "status 200");
        await log.AppendAsync("lead", "approved: export-transcript requested by demo", "Kabc", "A1");
        var entries = await log.ReadAsync();
        Assert.Equal(3, entries.Count);
        Assert.Equal(AuditLog.Genesis, entries[0].Prev);
        Assert.Equal(entries[0].Hash, entries[1].Prev);
        Assert.Equal(entries[1].Hash, entries[2].Prev);
        Assert.True((await log.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Concurrent_appends_never_fork_the_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => log.AppendAsync("op" + (i % 4), "claim", "K" + i)));
        var result = await log.VerifyAsync();
        Assert.True(result.Intact);
        Assert.Equal(40, result.Entries);
    }

    [Fact]
    public async Task Removing_or_changing_an_entry_is_detected()
    {
        for (var i = 0; i < 5; i++) await log.AppendAsync("demo", "action " + i);
        var db = redis.Database;
        var all = await db.StreamRangeAsync(RedisKeys.AuditLog);
        await db.StreamDeleteAsync(RedisKeys.AuditLog, [all[2].Id]);
        var removed = await log.VerifyAsync();
        Assert.False(removed.Intact);
        Assert.Equal(all[3].Id.ToString(), removed.BrokenAt);

        await redis.FlushAllAsync();
        for (var i = 0; i < 3; i++) await log.AppendAsync("demo", "action " + i);
        var last = (await db.StreamRangeAsync(RedisKeys.AuditLog))[^1];
        await db.StreamDeleteAsync(RedisKeys.AuditLog, [last.Id]);
        Assert.False((await log.VerifyAsync()).Intact); // the head no longer matches the last entry
    }
}
