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
        // Handled entries are acknowledged together a moment later; the failed one stays pending.
        await WaitUntilAsync(() => redis.Database.StreamPending(stream, "g").PendingMessageCount == 1);

        var trimmed = await worker.TrimAcknowledgedAsync();
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(["0", "1", "2", "4", "5"], seen.Order());
        // Entries 0-2 were acknowledged before the failed one: gone. Entry 3 failed and is pending: kept, with all after it.
        Assert.Equal(3, trimmed);
        var left = await redis.Database.StreamRangeAsync(stream);
        Assert.Equal(["3", "4", "5"], left.Select(e => e["n"].ToString()));
    }

    [Fact]
    public async Task Once_every_entry_is_acknowledged_the_stream_keeps_none_not_even_the_last()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        var seen = new List<string>();
        var worker = new Recorder(hotline, stream, seen, _ => false);
        await worker.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++) await hotline.PublishAsync(stream, [new NameValueEntry("n", i)]);
        await WaitUntilAsync(() => { lock (seen) return seen.Count == 3; });
        await WaitUntilAsync(() => redis.Database.StreamPending(stream, "g").PendingMessageCount == 0);

        Assert.Equal(3, await worker.TrimAcknowledgedAsync());
        // Its id was the exact time it was written: a quiet stream keeps none. What comes next is still read.
        Assert.Equal(0, await redis.Database.StreamLengthAsync(stream));
        await hotline.PublishAsync(stream, [new NameValueEntry("n", 3)]);
        await WaitUntilAsync(() => { lock (seen) return seen.Count == 4; });
        await worker.StopAsync(CancellationToken.None);
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

    /// <summary>A worker whose handler waits for the test to let it finish, as a send to a slow API does.</summary>
    private sealed class Gated(HotlineRedis redis, string stream, List<string> seen, TaskCompletionSource started, Task finish)
        : StreamGroupWorker(redis, NullLogger.Instance, TimeProvider.System)
    {
        protected override string Stream => stream;
        protected override string Group => "g";
        protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);

        protected override async Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
        {
            started.TrySetResult();
            await finish.WaitAsync(cancellationToken);
            lock (seen) seen.Add(entry["n"].ToString());
        }
    }

    [Fact]
    public async Task A_worker_stopped_while_it_handles_an_entry_finishes_it_instead_of_leaving_it_pending()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        var seen = new List<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var worker = new Gated(hotline, stream, seen, started, finish.Task);
        await worker.StartAsync(CancellationToken.None);
        await hotline.PublishAsync(stream, [new NameValueEntry("n", "in hand")]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = worker.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted, "the stop waits for the entry in hand");
        finish.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["in hand"], seen);
        Assert.Equal(0, (await redis.Database.StreamPendingAsync(stream, "g")).PendingMessageCount);
        // A consumer that stopped with nothing pending leaves the group, so consumers do not pile up across restarts.
        Assert.Empty(await redis.Database.StreamConsumerInfoAsync(stream, "g"));
    }

    [Fact]
    public async Task Entries_a_worker_cannot_finish_before_the_shutdown_timeout_are_handed_back_and_another_worker_takes_them_at_once()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stuck = new Gated(hotline, stream, [], started, new TaskCompletionSource().Task);
        await stuck.StartAsync(CancellationToken.None);
        await hotline.PublishAsync(stream, [new NameValueEntry("n", "in hand")]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The survivor starts only now, so the entry is certainly the stuck worker's.
        var seen = new List<string>();
        using var survivor = new Recorder(hotline, stream, seen, _ => false);
        await survivor.StartAsync(CancellationToken.None);
        try
        {
            using var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await stuck.StopAsync(shutdownTimeout.Token);

            // Well before the half minute after which a crashed consumer's entries are claimed.
            await WaitUntilAsync(() => { lock (seen) return seen.Count == 1; });
            Assert.Equal(["in hand"], seen);
            await WaitUntilAsync(() => redis.Database.StreamPending(stream, "g").PendingMessageCount == 0);
        }
        finally
        {
            await survivor.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Marks a read's entries handled from a task of its own, as a partition still running does, and finishes the mark only
    /// once the worker has acknowledged them: the mark's time is set after its entries were taken off the queue. Counts the
    /// turns of its wait (each reads <see cref="PollInterval"/>).
    /// </summary>
    private sealed class LateMarker(HotlineRedis redis, string stream) : StreamGroupWorker(redis, NullLogger.Instance, TimeProvider.System)
    {
        private readonly TaskCompletionSource acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int turns;

        public int Turns => Volatile.Read(ref turns);
        public Task? Marking { get; private set; }

        protected override string Stream => stream;
        protected override string Group => "g";

        protected override TimeSpan PollInterval
        {
            get
            {
                Interlocked.Increment(ref turns);
                return TimeSpan.FromMilliseconds(200);
            }
        }

        protected override Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

        protected override async Task HandleBatchAsync(StreamEntry[] entries, bool redelivered, CancellationToken cancellationToken)
        {
            if (entries.Length == 0) return;
            var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Marking = Task.Run(() => Handled(QueuedThenAcknowledged(entries, queued)), CancellationToken.None);
            await queued.Task;
        }

        private IEnumerable<StreamEntry> QueuedThenAcknowledged(StreamEntry[] entries, TaskCompletionSource queued)
        {
            foreach (var entry in entries) yield return entry;
            queued.SetResult();
            acknowledged.Task.Wait();
        }

        protected override async Task AcknowledgeAsync(RedisValue[] ids)
        {
            await base.AcknowledgeAsync(ids);
            acknowledged.TrySetResult();
        }
    }

    [Fact]
    public async Task A_worker_whose_entries_were_marked_handled_while_it_acknowledged_them_waits_quietly_instead_of_spinning()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        using var worker = new LateMarker(hotline, stream);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await hotline.PublishAsync(stream, [new NameValueEntry("n", "1")]);
            await WaitUntilAsync(() => worker.Marking is { IsCompleted: true } && redis.Database.StreamPending(stream, "g").PendingMessageCount == 0);
            await Task.Delay(300);
            var before = worker.Turns;
            await Task.Delay(1000);
            // A quiet second is five polls of 200 ms, a few turns each; a worker spinning on a due acknowledgement with
            // nothing to acknowledge turns without end and holds a core.
            Assert.InRange(worker.Turns - before, 0, 50);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A worker that reads at most once in half a minute while woken (polling only once a minute).</summary>
    private sealed class Gatherer(HotlineRedis redis, string stream, List<string> seen) : StreamGroupWorker(redis, NullLogger.Instance, TimeProvider.System)
    {
        protected override string Stream => stream;
        protected override string Group => "g";
        protected override TimeSpan PollInterval => TimeSpan.FromMinutes(1);
        protected override TimeSpan GatherDelay => TimeSpan.FromSeconds(30);

        protected override Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
        {
            lock (seen) seen.Add(entry["n"].ToString());
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_worker_gathering_its_reads_reads_an_urgent_entry_at_once_with_those_it_was_gathering(bool fromAnotherProcess)
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var hotline = new HotlineRedis(redis.Connection);
        // Another process's wakes are PUBLISHed; this process's wake a waiting worker directly.
        var writer = fromAnotherProcess ? new HotlineRedis(redis.Connection) : hotline;
        var seen = new List<string>();
        var worker = new Gatherer(hotline, stream, seen);
        await worker.StartAsync(CancellationToken.None);
        // A first entry, urgent so that it is read at once whenever the worker is up (a fixed wait lost the race on a loaded
        // machine: an entry added before the worker's first read is taken by that read, with nothing to gather yet).
        await writer.PublishAsync(stream, [new NameValueEntry("n", "first")], urgent: true);
        await WaitUntilAsync(() => { lock (seen) return seen.Remove("first"); });

        // Woken within the gathering time of its last read: it waits, gathering.
        await writer.PublishAsync(stream, [new NameValueEntry("n", "usual")]);
        await Task.Delay(1000);
        lock (seen) Assert.Empty(seen);
        // An urgent entry is read at once, with the one gathered before it.
        await writer.PublishAsync(stream, [new NameValueEntry("n", "urgent")], urgent: true);
        await WaitUntilAsync(() => { lock (seen) return seen.Count == 2; });
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(["usual", "urgent"], seen);
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
