using Hotline.Core.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Notices;

[Collection(RedisFixture.Collection)]
public sealed class NoticeMergingTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 4, 22, 0, 0, TimeSpan.Zero));
    private HotlineRedis hotline = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAllAsync();
        hotline = new HotlineRedis(redis.Connection);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_hundred_critical_escalations_in_a_window_reach_the_supervisor_as_two_notices_saying_how_many()
    {
        var merging = new NoticeMerging(hotline, clock, TimeSpan.FromMinutes(5));
        var notifier = new StreamOutboundNotifier(hotline, merging);
        var flush = new NoticeMergeFlush(merging, notifier, clock, NullLogger<NoticeMergeFlush>.Instance);

        for (var i = 0; i < 100; i++)
        {
            await notifier.SendAsync(new OutboundNotice("oncall-supervisor", NoticePurposes.Escalation, $"Hotline: a critical case (K{i}) has waited", $"K{i}", Critical: i % 4 != 0), CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        // A dispatch to a unit is never merged.
        await notifier.SendAsync(new OutboundNotice("unit-tirana", NoticePurposes.Dispatch, "Hotline D-1: critical, Tiranë", "K0"), CancellationToken.None);
        await flush.FlushAsync();
        Assert.Equal(2, await hotline.Db.StreamLengthAsync(RedisKeys.Notices));

        clock.Advance(TimeSpan.FromMinutes(4));
        await flush.FlushAsync();
        var notices = await hotline.Db.StreamRangeAsync(RedisKeys.Notices);
        Assert.Equal(3, notices.Length);
        Assert.Equal("Hotline: a critical case (K0) has waited", notices[0]["text"].ToString());
        Assert.Equal(NoticeMerging.Summary, notices[2]["purpose"].ToString());
        Assert.Equal("oncall-supervisor", notices[2]["recipient"].ToString());
        Assert.Equal("Hotline: 99 more cases needed you in the last 5 min (75 critical); one notice for all of them. Open the console.", notices[2]["text"].ToString());

        // A quiet window after it ends the merging: the next alert goes out at once again.
        clock.Advance(TimeSpan.FromMinutes(6));
        await flush.FlushAsync();
        await notifier.SendAsync(new OutboundNotice("oncall-supervisor", NoticePurposes.Escalation, "Hotline: a high case (K200) has waited", "K200"), CancellationToken.None);
        Assert.Equal(4, await hotline.Db.StreamLengthAsync(RedisKeys.Notices));
    }

    [Theory]
    [InlineData("five")]
    [InlineData("-1")]
    public void A_mistyped_merge_window_stops_the_service_at_start_naming_it(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HOTLINE_NOTICE_MERGE_SECONDS"] = value }).Build();
        using var services = new ServiceCollection().AddHotlineCore(configuration, "triage").BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NoticeMergingOptions>>().Value);
        Assert.Contains("HOTLINE_NOTICE_MERGE_SECONDS", error.Message, StringComparison.Ordinal);
    }
}
