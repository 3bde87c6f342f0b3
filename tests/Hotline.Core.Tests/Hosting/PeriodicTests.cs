using System.Threading.Channels;
using Hotline.Core.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Core.Tests.Hosting;

/// <summary>
/// The loop every periodic background service runs: a tick each period on the service's clock, the first at start or
/// one period in; a tick that finds Redis unavailable is logged and the next one runs; any other failure stops the service.
/// </summary>
public sealed class PeriodicTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider time = new();
    private readonly CapturedLogs logs = new();
    private readonly Channel<DateTimeOffset> ticks = System.Threading.Channels.Channel.CreateUnbounded<DateTimeOffset>();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_first_tick_runs_at_start_only_when_asked_and_then_one_each_period(bool atStart)
    {
        var start = time.GetUtcNow();
        using var stop = new CancellationTokenSource();
        var run = Periodic.RunAsync(Period, time, _ => Tick(), logs.CreateLogger("service"), stop.Token, atStart);
        try
        {
            // Until the clock moves, the loop is where it stopped synchronously: the tick at start was run or not.
            Assert.Equal(atStart ? 1 : 0, ticks.Reader.Count);
            time.Advance(Period);
            if (atStart) Assert.Equal(start, await NextTickAsync());
            Assert.Equal(start + Period, await NextTickAsync());
            time.Advance(Period);
            Assert.Equal(start + 2 * Period, await NextTickAsync());
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(Patience);
        }
    }

    [Fact]
    public async Task A_tick_that_finds_Redis_unavailable_is_logged_as_a_warning_and_the_next_tick_runs()
    {
        var failed = false;
        using var stop = new CancellationTokenSource();
        var run = Periodic.RunAsync(Period, time, _ =>
        {
            if (failed) return Tick();
            failed = true;
            throw new RedisException("Redis is down");
        }, logs.CreateLogger("service"), stop.Token, atStart: true);
        try
        {
            Assert.Contains(logs.Lines, line => line.StartsWith("Warning service: ", StringComparison.Ordinal) && line.Contains("Redis is down", StringComparison.Ordinal));
            time.Advance(Period);
            Assert.Equal(time.GetUtcNow(), await NextTickAsync());
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(Patience);
        }
        Assert.True(run.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failure_the_service_names_as_passing_is_logged_and_any_other_stops_the_loop()
    {
        using var stop = new CancellationTokenSource();
        var fails = new Queue<Exception>([new InvalidOperationException("no team key yet"), new ArgumentException("a bug")]);
        var run = Periodic.RunAsync(Period, time, _ => throw fails.Dequeue(), logs.CreateLogger("service"), stop.Token,
            atStart: true, alsoPassing: e => e is InvalidOperationException);
        try
        {
            Assert.Contains(logs.Lines, line => line.StartsWith("Warning service: ", StringComparison.Ordinal) && line.Contains("no team key yet", StringComparison.Ordinal));
            time.Advance(Period);
            var stopped = await Assert.ThrowsAsync<ArgumentException>(() => run.WaitAsync(Patience));
            Assert.Equal("a bug", stopped.Message);
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private Task Tick()
    {
        Assert.True(ticks.Writer.TryWrite(time.GetUtcNow()));
        return Task.CompletedTask;
    }

    private async Task<DateTimeOffset> NextTickAsync() => await ticks.Reader.ReadAsync().AsTask().WaitAsync(Patience);
}
