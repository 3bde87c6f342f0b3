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
        var first = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++) await writer.PublishAsync(stream, [new NameValueEntry("n", i)], gather: TimeSpan.FromMilliseconds(400));

        await WaitUntilAsync(() => wakes.Count >= 1);
        await Task.Delay(600);
        var (message, at) = Assert.Single(wakes);
        Assert.Equal("1", message);
        Assert.True(at - first >= TimeSpan.FromMilliseconds(350), $"woken {at - first} after the first entry");
    }

    [Fact]
    public async Task An_urgent_entry_sends_the_gathering_wake_at_once_and_says_so()
    {
        var stream = "test:stream:" + Guid.NewGuid().ToString("N");
        var wakes = await ListenAsync(stream);
        var writer = new HotlineRedis(redis.Connection);
        var gather = TimeSpan.FromSeconds(2);
        await writer.PublishAsync(stream, [new NameValueEntry("n", "usual")], gather: gather);
        var urgentAt = DateTimeOffset.UtcNow;
        await writer.PublishAsync(stream, [new NameValueEntry("n", "urgent")], urgent: true, gather: gather);

        await WaitUntilAsync(() => wakes.Count >= 1);
        var (message, at) = wakes.First();
        Assert.Equal(StreamGroupWorker.UrgentWake, message);
        Assert.True(at - urgentAt < TimeSpan.FromSeconds(1), $"woken {at - urgentAt} after the urgent entry");
        // The usual entry's wake went with it: none follows when its gathering time is up.
        await Task.Delay(gather + TimeSpan.FromMilliseconds(500));
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
