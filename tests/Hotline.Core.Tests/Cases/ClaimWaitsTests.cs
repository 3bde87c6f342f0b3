using System.Diagnostics.Metrics;
using Hotline.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis.Profiling;

namespace Hotline.Core.Tests.Cases;

/// <summary>
/// The typical wait the bot quotes is the claim wait histogram's median, as /metrics has it, over the last days: the
/// Operator service records each claim on the Hotline meter, its history keeps the buckets in Redis, the bot reads them.
/// </summary>
[Collection(RedisFixture.Collection)]
public sealed class ClaimWaitsTests(RedisFixture redis) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);

    // Claims are recorded on one clock, moved forward to each claim's moment in turn, and the wait is read on another, at Now.
    private readonly FakeTimeProvider recorded = new(Now.AddDays(-10));
    private readonly FakeTimeProvider reading = new(Now);
    private HotlineRedis hotline = null!;
    private ConnectionMultiplexer connection = null!;
    private ProfilingSession? profiled;
    private ServiceProvider meters = null!;
    private HotlineMetrics metrics = null!;
    private MetricHistory history = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        // A connection of this test's own: the recorder's fire-and-forget writes and the reads go in order on it, and the
        // reads counted are this test's alone, whatever else runs on the collection's redis-server meanwhile.
        connection = await redis.Server.ConnectAsync();
        connection.RegisterProfiler(() => profiled);
        hotline = new HotlineRedis(connection);
        meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = meters.GetRequiredService<IMeterFactory>();
        metrics = new HotlineMetrics(factory);
        history = new MetricHistory(hotline, factory, recorded);
        await history.StartAsync(default);
    }

    public async Task DisposeAsync()
    {
        await history.StopAsync(default);
        await meters.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>A claim at <paramref name="at"/>, which is not before the one recorded last.</summary>
    private void Claimed(DateTimeOffset at, Severity severity, TimeSpan waited)
    {
        recorded.SetUtcNow(at);
        metrics.Claimed(severity, waited);
    }

    private Task<TimeSpan?> TypicalAsync(Severity severity) =>
        new ClaimWaits(new MetricHistoryReader(hotline), reading).TypicalAsync(severity);

    [Fact]
    public async Task A_band_without_a_figure_is_quoted_as_soon_as_its_claims_are_enough_and_read_lightly_until_then()
    {
        var waits = new ClaimWaits(new MetricHistoryReader(hotline), reading);
        Assert.Null(await waits.TypicalAsync(Severity.High));
        Claimed(Now.AddMinutes(-30), Severity.High, TimeSpan.FromMinutes(4));
        Claimed(Now.AddMinutes(-20), Severity.High, TimeSpan.FromMinutes(6));
        // Two claims are not enough: still no figure, and asking again reads today's hash alone, not the eight days.
        Assert.Null(await waits.TypicalAsync(Severity.High));
        Assert.Equal(1, await HashReadsAsync(async () => Assert.Null(await waits.TypicalAsync(Severity.High))));
        // The third claim is quoted at once, not once a reuse period has passed.
        Claimed(Now.AddMinutes(-10), Severity.High, TimeSpan.FromMinutes(5));
        Assert.NotNull(await waits.TypicalAsync(Severity.High));
    }

    /// <summary>How many hashes <paramref name="asking"/> read: the HGETALLs this test's connection sent meanwhile.</summary>
    private async Task<int> HashReadsAsync(Func<Task> asking)
    {
        var session = profiled = new ProfilingSession();
        try
        {
            await asking();
        }
        finally
        {
            profiled = null;
        }
        return session.FinishProfiling().Count(c => c.Command == "HGETALL");
    }

    [Fact]
    public async Task Without_enough_recent_claims_there_is_no_figure()
    {
        Assert.Null(await TypicalAsync(Severity.Medium));
        // Claims older than the window, and ones at another severity, do not count.
        Claimed(Now.AddDays(-9), Severity.Medium, TimeSpan.FromMinutes(5));
        Claimed(Now.AddMinutes(-30), Severity.Medium, TimeSpan.FromMinutes(4));
        Claimed(Now.AddMinutes(-20), Severity.Medium, TimeSpan.FromMinutes(6));
        Claimed(Now.AddMinutes(-10), Severity.Critical, TimeSpan.FromSeconds(30));
        metrics.QueueDepth(3);
        Assert.Null(await TypicalAsync(Severity.Medium));
    }

    [Fact]
    public async Task The_typical_wait_is_the_median_of_the_claims_in_the_window_as_the_histogram_buckets_give_it()
    {
        Claimed(Now.AddDays(-8), Severity.Low, TimeSpan.FromHours(5));
        foreach (var minutes in new[] { 2, 7, 9, 30 }) Claimed(Now.AddMinutes(-60 + minutes), Severity.Low, TimeSpan.FromMinutes(minutes));
        // Waits of 2, 7, 9 and 30 minutes: the median falls in the bucket 300-420 s, at its top as histogram_quantile reads it
        // (with the 5-hour claim of eight days ago it would be 510 s).
        Assert.Equal(TimeSpan.FromMinutes(7), await TypicalAsync(Severity.Low));
    }
}
