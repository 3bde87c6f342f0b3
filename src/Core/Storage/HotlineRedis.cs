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

    private readonly StreamWakes wakes = new(multiplexer);

    private bool? oneNode;

    /// <summary>
    /// Whether every key is on one Redis (not a cluster, once connected): a script may then write keys of several hash
    /// slots, such as a message's event straight onto <see cref="RedisKeys.Events"/> with the message. False until known.
    /// Decided by the nodes connected: a replica that is down holds no keys of its own, so one primary with its replica
    /// disconnected is still one node; a cluster shows itself in whichever of its nodes is connected.
    /// </summary>
    public bool OneNode
    {
        get
        {
            if (oneNode is { } known) return known;
            var connected = Array.FindAll(Multiplexer.GetServers(), s => s.IsConnected);
            if (!Array.Exists(connected, s => !s.IsReplica)) return false;
            return (oneNode = Array.TrueForAll(connected, s => s.ServerType == ServerType.Standalone)).Value;
        }
    }

    /// <summary>
    /// Appends to a stream and wakes its consumers (without waiting for the wake: <see cref="Wake"/>); <paramref name="urgent"/>:
    /// a consumer that gathers its reads reads this one at once; <paramref name="gather"/>: a wake that is not urgent waits
    /// that long for others to go with it.
    /// </summary>
    public async Task<RedisValue> PublishAsync(string stream, NameValueEntry[] fields, bool urgent = false, TimeSpan gather = default)
    {
        var id = await Db.StreamAddAsync(stream, fields).ConfigureAwait(false);
        Wake(stream, urgent, gather);
        return id;
    }

    /// <summary>
    /// Wakes the consumers of <paramref name="stream"/>, once what was appended to it is there: one PUBLISH, merged with
    /// the others of this process asked for while it is in flight, or while it gathers them (<see cref="StreamWakes"/>).
    /// </summary>
    public void Wake(string stream, bool urgent = false, TimeSpan gather = default) => wakes.Wake(stream, urgent, gather);

    /// <summary>A consumer of <paramref name="stream"/> in this process, woken directly while it waits (<see cref="StreamWakes.Listen"/>).</summary>
    internal IDisposable ListenForWakes(string stream, StreamWakes.Listener listener) => wakes.Listen(stream, listener);
}
