using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Core.Tests.Storage;

[Collection(RedisFixture.Collection)]
public sealed class StreamGroupWorkerTests(RedisFixture redis)
{
    private sealed class Recorder(HotlineRedis redis, string stream, List<string> seen, Func<StreamEntry, bool> fail)
        : StreamGroupWorker(redis, NullLogger.Instance, TimeProvider.System)
    {
        protected override string Stream => stream;
        protected override string Group => "g";
        protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);

        protected override Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
        {
            if (fail(entry)) throw new InvalidOperationException("handler failed");
            lock (seen) seen.Add(entry["n"].ToString());
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Every_entry_is_handled_once_and_acknowledged_entries_are_trimmed_but_a_failed_one_is_kept()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        var seen = new List<string>();
        var worker = new Recorder(hotline, stream, seen, e => e["n"] == "3");
        await worker.StartAsync(CancellationToken.None);
        for (var i = 0; i < 6; i++) await hotline.PublishAsync(stream, [new NameValueEntry("n", i)]);
        await WaitUntilAsync(() => { lock (seen) return seen.Count == 5; });

        var trimmed = await worker.TrimAcknowledgedAsync();
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(["0", "1", "2", "4", "5"], seen.Order());
        // Entries 0-2 were acknowledged before the failed one: gone. Entry 3 failed and is pending: kept, with all after it.
        Assert.Equal(3, trimmed);
        var left = await redis.Database.StreamRangeAsync(stream);
        Assert.Equal(["3", "4", "5"], left.Select(e => e["n"].ToString()));
    }

    [Fact]
    public async Task Nothing_is_trimmed_that_a_group_has_not_yet_read()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        await redis.Database.StreamCreateConsumerGroupAsync(stream, "slow", "0-0", createStream: true);
        var seen = new List<string>();
        var worker = new Recorder(hotline, stream, seen, _ => false);
        await worker.StartAsync(CancellationToken.None);
        for (var i = 0; i < 4; i++) await hotline.PublishAsync(stream, [new NameValueEntry("n", i)]);
        await WaitUntilAsync(() => { lock (seen) return seen.Count == 4; });

        Assert.Equal(0, await worker.TrimAcknowledgedAsync());
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(4, await redis.Database.StreamLengthAsync(stream));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(20);
        }
    }
}
