using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Cases;

[Collection(RedisFixture.Collection)]
public sealed class ClaimWaitsTests(RedisFixture redis) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);

    private HotlineRedis hotline = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        hotline = new HotlineRedis(redis.Connection);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task ClaimedAsync(DateTimeOffset at, Severity severity, TimeSpan waited) =>
        Metrics.AddAsync(hotline, at, "claim", ("severity", severity.ToWire()), ("waitMs", (long)waited.TotalMilliseconds));

    private Task<TimeSpan?> TypicalAsync(Severity severity) => new ClaimWaits(hotline, new FakeTimeProvider(Now)).TypicalAsync(severity);

    [Fact]
    public async Task Without_enough_recent_claims_there_is_no_figure()
    {
        Assert.Null(await TypicalAsync(Severity.Medium));
        await ClaimedAsync(Now.AddMinutes(-30), Severity.Medium, TimeSpan.FromMinutes(4));
        await ClaimedAsync(Now.AddMinutes(-20), Severity.Medium, TimeSpan.FromMinutes(6));
        // Claims at another severity, and ones older than the window, do not count.
        await ClaimedAsync(Now.AddMinutes(-10), Severity.Critical, TimeSpan.FromSeconds(30));
        await Metrics.AddAsync(hotline, Now.AddMinutes(-5), "queue", ("length", 3));
        Assert.Null(await TypicalAsync(Severity.Medium));
    }

    [Fact]
    public async Task The_typical_wait_is_the_median_of_the_latest_claims_in_the_window()
    {
        await ClaimedAsync(Now.AddDays(-8), Severity.Low, TimeSpan.FromHours(5));
        foreach (var minutes in new[] { 2, 30, 9, 7 }) await ClaimedAsync(Now.AddMinutes(-60 + minutes), Severity.Low, TimeSpan.FromMinutes(minutes));
        for (var i = 0; i < 600; i++) await Metrics.AddAsync(hotline, Now.AddMinutes(-1), "queue", ("length", i));
        Assert.Equal(TimeSpan.FromMinutes(8), await TypicalAsync(Severity.Low));
    }
}
