using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>The shared connection. One multiplexer per process, as StackExchange.Redis intends.</summary>
public sealed class HotlineRedis(IConnectionMultiplexer multiplexer)
{
    public IConnectionMultiplexer Multiplexer { get; } = multiplexer;
    public IDatabase Db => Multiplexer.GetDatabase();
    public ISubscriber Subscriber => Multiplexer.GetSubscriber();

    /// <summary>The primaries to walk when a sweep must see every key of a kind: each primary of a cluster holds its own slots' keys.</summary>
    public IEnumerable<IServer> Primaries => Multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica);

    /// <summary>Appends to a stream and wakes its consumers.</summary>
    public async Task<RedisValue> PublishAsync(string stream, NameValueEntry[] fields)
    {
        var id = await Db.StreamAddAsync(stream, fields).ConfigureAwait(false);
        await Subscriber.PublishAsync(RedisChannel.Literal(RedisKeys.Wake(stream)), id).ConfigureAwait(false);
        return id;
    }
}
