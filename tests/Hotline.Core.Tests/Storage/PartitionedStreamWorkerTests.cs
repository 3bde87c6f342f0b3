using Microsoft.Extensions.Logging.Abstractions;

namespace Hotline.Core.Tests.Storage;

[Collection(RedisFixture.Collection)]
public sealed class PartitionedStreamWorkerTests(RedisFixture redis)
{
    /// <summary>Reads group "g" of its stream, four partitions at once; an entry's partition is the first letter of its "n".</summary>
    private abstract class Worker(HotlineRedis redis, string stream) : PartitionedStreamWorker(redis, NullLogger.Instance, TimeProvider.System)
    {
        protected override string Stream => stream;
        protected override string Group => "g";
        protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);
        protected override int Concurrency => 4;

        protected override string PartitionOf(StreamEntry entry) => entry["n"].ToString()[..1];
    }

    private sealed class Recorder(HotlineRedis redis, string stream, List<string> seen, bool holdsBack) : Worker(redis, stream)
    {
        protected override bool HoldsBackPartitionOnFailure => holdsBack;

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

    /// <summary>Handles entries of partition "a" only once the test lets it; the others at once.</summary>
    private sealed class Gated(HotlineRedis redis, string stream, List<string> seen, TaskCompletionSource gate, TimeSpan? claimIdle) : Worker(redis, stream)
    {
        protected override bool ReadsOnWhileHandling => true;
        protected override TimeSpan ClaimIdle => claimIdle ?? base.ClaimIdle;

        protected override async Task HandleAsync(StreamEntry entry, bool redelivered, CancellationToken cancellationToken)
        {
            if (entry["n"].ToString().StartsWith('a')) await gate.Task.WaitAsync(cancellationToken);
            lock (seen) seen.Add(entry["n"].ToString());
        }
    }

    [Fact]
    public async Task A_slow_partition_holds_up_neither_the_next_read_nor_other_partitions_and_its_own_entries_keep_their_order()
    {
        var (hotline, stream, seen, gate, worker) = await StartGatedWithA1Async();
        try
        {
            // Read after a1, which is still being handled: b1 is handled meanwhile, a2 waits for a1.
            await hotline.PublishAsync(stream, [new NameValueEntry("n", "a2")]);
            await hotline.PublishAsync(stream, [new NameValueEntry("n", "b1")]);
            await WaitUntil(() => Count(seen) == 1, "b1 handled while a1 is not");
            await Task.Delay(200);
            Assert.Equal(["b1"], Snapshot(seen));
            gate.SetResult();
            await WaitUntil(() => Count(seen) == 3 && redis.Database.StreamPending(stream, "g").PendingMessageCount == 0, "all handled and acknowledged");
            Assert.Equal(["b1", "a1", "a2"], Snapshot(seen));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_stopping_worker_finishes_the_partitions_still_running_and_acknowledges_them()
    {
        var (_, stream, seen, gate, worker) = await StartGatedWithA1Async();
        var stopping = worker.StopAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(stopping.IsCompleted);
        gate.SetResult();
        await stopping;
        Assert.Equal(["a1"], Snapshot(seen));
        Assert.Equal(0, redis.Database.StreamPending(stream, "g").PendingMessageCount);
    }

    [Fact]
    public async Task An_entry_held_in_a_slow_partition_past_the_claim_idle_time_is_not_claimed_and_handled_again_by_its_own_worker()
    {
        // Idle entries are claimed every 100 ms, those idle 200 ms: a1 is held through several claims.
        var (_, stream, seen, gate, worker) = await StartGatedWithA1Async(claimIdle: TimeSpan.FromMilliseconds(200));
        try
        {
            await Task.Delay(800);
            gate.SetResult();
            await WaitUntil(() => Count(seen) >= 1 && redis.Database.StreamPending(stream, "g").PendingMessageCount == 0, "a1 handled and acknowledged");
            await Task.Delay(300);
            Assert.Equal(["a1"], Snapshot(seen));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A started <see cref="Gated"/> worker that has read a1 and is held handling it.</summary>
    private async Task<(HotlineRedis Hotline, string Stream, List<string> Seen, TaskCompletionSource Gate, Gated Worker)> StartGatedWithA1Async(TimeSpan? claimIdle = null)
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        await redis.Database.StreamCreateConsumerGroupAsync(stream, "g", "0-0", createStream: true);
        var seen = new List<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new Gated(hotline, stream, seen, gate, claimIdle);
        await worker.StartAsync(CancellationToken.None);
        await hotline.PublishAsync(stream, [new NameValueEntry("n", "a1")]);
        await WaitUntil(() => redis.Database.StreamPending(stream, "g").PendingMessageCount == 1, "a1 read");
        return (hotline, stream, seen, gate, worker);
    }

    private static async Task WaitUntil(Func<bool> done, string what)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(20);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < giveUp, "timed out waiting for: " + what);
            await Task.Delay(20);
        }
    }

    private static string[] Snapshot(List<string> seen)
    {
        lock (seen) return [.. seen];
    }

    private static int Count(List<string> seen)
    {
        lock (seen) return seen.Count;
    }
}
