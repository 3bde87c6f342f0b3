using Hotline.Core.Storage;
using Hotline.Operator.Accounts;
using Hotline.Testing;

namespace Hotline.Operator.Tests.Accounts;

[Collection(RedisFixture.Collection)]
public sealed class SessionsAndLockoutTests(RedisFixture redis)
{
    [Fact]
    public async Task A_session_ends_after_its_lifetime_even_when_used()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var sessions = new Sessions(new HotlineRedis(redis.Connection), clock);
        var token = await sessions.StartAsync("demo");
        Assert.Equal("demo", await sessions.FindAsync(token));
        clock.Now += Sessions.Lifetime - TimeSpan.FromMinutes(1);
        Assert.Equal("demo", await sessions.FindAsync(token));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Null(await sessions.FindAsync(token));
        Assert.Null(await sessions.FindAsync(token));
    }

    [Fact]
    public async Task An_idle_session_expires_in_redis_and_only_its_hash_is_stored()
    {
        var sessions = new Sessions(new HotlineRedis(redis.Connection), TimeProvider.System);
        var token = await sessions.StartAsync("nightshift");
        var dump = await redis.Server.AllKeysAndValuesAsync();
        Assert.DoesNotContain(dump.Keys, k => k.Contains(token, StringComparison.Ordinal));
        var key = dump.Entries.Single(e => e.Key.StartsWith("hl:session:", StringComparison.Ordinal) && dump[e.Key].StartsWith("nightshift|", StringComparison.Ordinal));
        Assert.NotNull(key.TimeToLive);
        Assert.True(key.TimeToLive <= Sessions.IdleTimeout);
        await sessions.EndAsync(token);
        Assert.Null(await sessions.FindAsync(token));
    }

    [Fact]
    public async Task Five_failures_lock_a_name_for_the_window_and_success_clears_the_count()
    {
        var lockout = new SignInLockout(new HotlineRedis(redis.Connection));
        for (var i = 0; i < SignInLockout.MaxFailures - 1; i++) Assert.False(await lockout.FailedAsync("Someone"));
        Assert.False(await lockout.IsLockedAsync("someone"));
        await lockout.ClearAsync("someone");
        for (var i = 0; i < SignInLockout.MaxFailures - 1; i++) await lockout.FailedAsync("someone");
        Assert.True(await lockout.FailedAsync("someone"));
        Assert.True(await lockout.IsLockedAsync("SOMEONE"));
    }
}
