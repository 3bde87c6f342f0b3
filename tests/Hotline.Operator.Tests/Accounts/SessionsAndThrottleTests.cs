using Microsoft.Extensions.Time.Testing;

namespace Hotline.Operator.Tests.Accounts;

[Collection(RedisFixture.Collection)]
public sealed class SessionsAndThrottleTests(RedisFixture redis)
{
    [Fact]
    public async Task A_session_ends_after_its_lifetime_even_when_used()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sessions = new Sessions(new HotlineRedis(redis.Connection), clock);
        var token = await sessions.StartAsync("demo");
        Assert.Equal("demo", await sessions.FindAsync(token, renew: true));
        for (var used = TimeSpan.Zero; used < Sessions.Lifetime - TimeSpan.FromMinutes(20); used += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal("demo", await sessions.FindAsync(token, renew: true));
        }
        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Null(await sessions.FindAsync(token, renew: true));
        Assert.Null(await sessions.FindAsync(token, renew: true));
    }

    [Fact]
    public async Task Polling_does_not_keep_an_idle_session_alive_but_activity_does()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sessions = new Sessions(new HotlineRedis(redis.Connection), clock);
        var polled = await sessions.StartAsync("demo");
        var used = await sessions.StartAsync("demo");
        for (var minute = 0; minute < 29; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal("demo", await sessions.FindAsync(polled, renew: false));
            Assert.Equal("demo", await sessions.FindAsync(used, renew: minute == 20));
        }
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await sessions.FindAsync(polled, renew: false));
        Assert.Equal("demo", await sessions.FindAsync(used, renew: false));
    }

    [Fact]
    public async Task Only_the_hash_of_a_session_token_is_stored_and_the_key_expires()
    {
        var sessions = new Sessions(new HotlineRedis(redis.Connection), TimeProvider.System);
        var token = await sessions.StartAsync("nightshift");
        var dump = await redis.Server.AllKeysAndValuesAsync();
        Assert.DoesNotContain(dump.Keys, k => k.Contains(token, StringComparison.Ordinal));
        var key = dump.Entries.Single(e => e.Key.StartsWith("hl:session:", StringComparison.Ordinal) && dump[e.Key].StartsWith("nightshift|", StringComparison.Ordinal));
        Assert.NotNull(key.TimeToLive);
        Assert.True(key.TimeToLive <= Sessions.Lifetime);
        await sessions.EndAsync(token);
        Assert.Null(await sessions.FindAsync(token, renew: false));
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_address_wait_longer_each_time_and_never_lock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var db = new HotlineRedis(redis.Connection);
        var throttle = new SignInThrottle(db, new ServerSecret(db), clock);
        var address = "192.0.2." + Random.Shared.Next(1, 250);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 14; i++)
        {
            Assert.Equal(TimeSpan.Zero, await throttle.WaitAsync(address));
            waits.Add(await throttle.FailedAsync(address));
            // Stored to the millisecond.
            Assert.InRange(await throttle.WaitAsync(address), waits[^1] - TimeSpan.FromMilliseconds(1), waits[^1]);
            clock.Advance(waits[^1]);
        }
        Assert.All(waits.Take(SignInThrottle.FreeFailures), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300], waits.Skip(SignInThrottle.FreeFailures).Select(w => w.TotalSeconds));
        Assert.Equal(TimeSpan.Zero, await throttle.WaitAsync("198.51.100.7"));
        await throttle.ClearAsync(address);
        Assert.Equal(TimeSpan.Zero, await throttle.WaitAsync(address));
        Assert.Equal(TimeSpan.Zero, await throttle.FailedAsync(address));
    }

    [Fact]
    public async Task The_throttle_stores_no_address()
    {
        var db = new HotlineRedis(redis.Connection);
        var throttle = new SignInThrottle(db, new ServerSecret(db), TimeProvider.System);
        await throttle.FailedAsync("203.0.113.77");
        var dump = await redis.Server.AllKeysAndValuesAsync();
        Assert.DoesNotContain(dump.Entries, e => e.Key.Contains("203.0.113.77", StringComparison.Ordinal) || dump[e.Key].Contains("203.0.113.77", StringComparison.Ordinal));
    }
}
