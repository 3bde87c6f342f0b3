using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Core.Tests.Storage;

[Collection(RedisFixture.Collection)]
public sealed class PartitionedStreamWorkerTests(RedisFixture redis)
{
    private sealed class Recorder(HotlineRedis redis, string stream, List<string> seen, bool holdsBack)
        : PartitionedStreamWorker(redis, NullLogger.Instance, TimeProvider.System)
    {
        protected override string Stream => stream;
        protected override string Group => "g";
        protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);
        protected override int Concurrency => 4;
        protected override bool HoldsBackPartitionOnFailure => holdsBack;

        protected override string PartitionOf(StreamEntry entry) => entry["n"].ToString()[..1];

        protected override Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
        {
            if (entry["n"] == "a1") throw new InvalidOperationException("handler failed");
            lock (seen) seen.Add(entry["n"].ToString());
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(true, new[] { "b1" }, 2)]
    [InlineData(false, new[] { "a2", "b1" }, 1)]
    public async Task A_failed_entry_holds_back_the_later_entries_of_its_partition_only_where_the_worker_keeps_order_over_speed(bool holdsBack, string[] handled, int pending)
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        // All three entries are on the stream before the worker reads, so one read holds them together.
        await redis.Database.StreamCreateConsumerGroupAsync(stream, "g", "0-0", createStream: true);
        foreach (var n in new[] { "a1", "a2", "b1" }) await hotline.PublishAsync(stream, [new NameValueEntry("n", n)]);
        var seen = new List<string>();
        var worker = new Recorder(hotline, stream, seen, holdsBack);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var giveUp = DateTime.UtcNow.AddSeconds(20);
            while (redis.Database.StreamPending(stream, "g").PendingMessageCount != pending || Count(seen) < handled.Length)
            {
                Assert.True(DateTime.UtcNow < giveUp, $"pending {redis.Database.StreamPending(stream, "g").PendingMessageCount}, handled {string.Join(",", seen)}");
                await Task.Delay(50);
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
        Assert.Equal(handled, seen.Order());
    }

    private static int Count(List<string> seen)
    {
        lock (seen) return seen.Count;
    }
}
