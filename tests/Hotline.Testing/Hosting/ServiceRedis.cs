using Hotline.Core.Storage;
using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>A connection as one of the hotline's Redis users, with the store its services build on; disposing closes it.</summary>
public sealed class ServiceRedis(ConnectionMultiplexer connection) : IAsyncDisposable
{
    public HotlineRedis Store { get; } = new(connection);

    public IDatabase Db => connection.GetDatabase();

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
