namespace Hotline.Core.Tests.Storage;

/// <summary>The wakes another process's consumers of a stream get when entries are added with a gathering time.</summary>
[Collection(RedisFixture.Collection)]
public sealed class StreamWakesTests(RedisFixture redis)
{
    [Fact]
    public async Task Entries_added_within_the_gathering_time_wake_the_consumers_once_after_it()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var wakes = await ListenAsync(stream);
        var writer = new HotlineRedis(redis.Connection);
        // A gathering time far longer than the five entries' one pipelined round trip, even on a loaded machine.
        var gather = TimeSpan.FromSeconds(2);
        var first = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => writer.PublishAsync(stream, [new NameValueEntry("n", i)], gather: gather)));
        var added = DateTimeOffset.UtcNow;

        await WaitUntilAsync(() => !wakes.IsEmpty);
        var (message, at) = wakes.First();
        Assert.Equal("1", message);
        // One wake, once the gathering time is up: after every entry, not before the time (timers may fire a tick early).
        Assert.True(at - first >= gather - TimeSpan.FromMilliseconds(50), $"woken {at - first} after the first entry");
        Assert.True(at >= added, $"woken {added - at} before the last entry was added");
        // No second wake follows, however long one waits for it.
        await Task.Delay(gather + TimeSpan.FromSeconds(1));
        Assert.Single(wakes);
    }

    [Fact]
    public async Task An_urgent_entry_sends_the_gathering_wake_at_once_and_says_so()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var wakes = await ListenAsync(stream);
        var writer = new HotlineRedis(redis.Connection);
        var gather = TimeSpan.FromSeconds(4);
        var usualAt = DateTimeOffset.UtcNow;
        await writer.PublishAsync(stream, [new NameValueEntry("n", "usual")], gather: gather);
        await writer.PublishAsync(stream, [new NameValueEntry("n", "urgent")], urgent: true, gather: gather);

        await WaitUntilAsync(() => !wakes.IsEmpty);
        var (message, at) = wakes.First();
        Assert.Equal(StreamGroupWorker.UrgentWake, message);
        // It did not wait for the usual entry's gathering time (a loaded machine's delays are far shorter than it).
        Assert.True(at - usualAt < gather, $"woken {at - usualAt} after the usual entry, gathering {gather}");
        // The usual entry's wake went with it: none follows when its gathering time is up.
        var gatheredBy = usualAt + gather + TimeSpan.FromSeconds(1);
        if (gatheredBy > DateTimeOffset.UtcNow) await Task.Delay(gatheredBy - DateTimeOffset.UtcNow);
        Assert.Single(wakes);
    }

    /// <summary>The wakes published for the stream: what each said and when it came.</summary>
    private async Task<System.Collections.Concurrent.ConcurrentQueue<(string Message, DateTimeOffset At)>> ListenAsync(string stream)
    {
        var wakes = new System.Collections.Concurrent.ConcurrentQueue<(string, DateTimeOffset)>();
        var channel = await redis.Connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.Wake(stream)));
        channel.OnMessage(m => wakes.Enqueue((m.Message.ToString(), DateTimeOffset.UtcNow)));
        return wakes;
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
