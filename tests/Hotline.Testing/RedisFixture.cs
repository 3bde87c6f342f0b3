using Xunit;
using StackExchange.Redis;

namespace Hotline.Testing;

/// <summary>
/// One redis-server shared by the tests of a collection. xunit finds collection definitions only in the test assembly itself,
/// so each test project declares:
/// <code>[CollectionDefinition(RedisFixture.Collection)] public sealed class RedisCollection : ICollectionFixture&lt;RedisFixture&gt;;</code>
/// and marks its classes <c>[Collection(RedisFixture.Collection)]</c> (or uses <c>IClassFixture&lt;RedisFixture&gt;</c> for one per class).
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public const string Collection = "redis";

    private RedisServer? server;
    private ConnectionMultiplexer? connection;

    public RedisServer Server => server ?? throw new InvalidOperationException("RedisFixture is not initialised");

    public string ConnectionString => Server.ConnectionString;

    /// <summary>HOTLINE_SECRETS_DIR for a host: its service's Redis password is there.</summary>
    public string SecretsDirectory => Server.SecretsDirectory;

    /// <summary>One connection shared by the collection's tests (admin commands allowed); disposed with the fixture.</summary>
    public ConnectionMultiplexer Connection => connection ?? throw new InvalidOperationException("RedisFixture is not initialised");

    public IDatabase Database => Connection.GetDatabase();

    /// <summary>Empties every database, for a test that needs to start from nothing.</summary>
    public Task FlushAllAsync() => Connection.GetServer(ConnectionString).FlushAllDatabasesAsync();

    public async Task InitializeAsync()
    {
        server = await RedisServer.StartAsync();
        connection = await server.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync();
        if (server is not null) await server.DisposeAsync();
    }
}
