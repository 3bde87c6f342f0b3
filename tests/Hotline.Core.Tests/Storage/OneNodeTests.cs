using Hotline.Core.Storage;
using Hotline.Testing;
using StackExchange.Redis;

namespace Hotline.Core.Tests.Storage;

/// <summary>
/// <see cref="HotlineRedis.OneNode"/> against real redis-servers: a message's event goes straight onto hl:events only on one
/// Redis. A primary whose replica is down is still one Redis (it holds every key), and is taken for one; a cluster never is.
/// </summary>
public sealed class OneNodeTests
{
    [Fact]
    public async Task A_primary_whose_replica_is_disconnected_is_one_node()
    {
        await using var primary = await RedisServer.StartAsync();
        var replica = await RedisServer.StartAsync();
        try
        {
            var password = primary.Users.Password(RedisUsers.Inspector);
            await using (var setUp = await replica.ConnectAsync())
            {
                var node = setUp.GetServer(replica.ConnectionString);
                // The replica takes the primary's password for the test's user (one connection string for both) and follows it.
                await node.ExecuteAsync("ACL", "SETUSER", RedisUsers.Inspector, ">" + password);
                await node.ExecuteAsync("CONFIG", "SET", "masteruser", RedisUsers.Inspector);
                await node.ExecuteAsync("CONFIG", "SET", "masterauth", password);
                await node.ExecuteAsync("REPLICAOF", "127.0.0.1", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            await using var mux = await ConnectionMultiplexer.ConnectAsync(
                $"{primary.ConnectionString},{replica.ConnectionString},user={RedisUsers.Inspector},password={password},abortConnect=false");
            var replicaServer = mux.GetServer(replica.ConnectionString);
            await UntilAsync(async () =>
            {
                await mux.ConfigureAsync();
                return replicaServer.IsConnected && replicaServer.IsReplica;
            }, "the second server to be seen as the first one's replica");
            Assert.True(new HotlineRedis(mux).OneNode);

            await replica.DisposeAsync();
            await UntilAsync(() => Task.FromResult(!replicaServer.IsConnected), "the replica to be seen disconnected");
            Assert.True(new HotlineRedis(mux).OneNode);
        }
        finally
        {
            await replica.DisposeAsync();
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !await condition(); await Task.Delay(100))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited in vain for {what}");
        }
    }

    [Fact]
    public async Task A_cluster_is_never_one_node()
    {
        await using var cluster = await RedisServer.StartClusterAsync();
        await using var mux = await cluster.ConnectAsync();
        Assert.False(new HotlineRedis(mux).OneNode);
    }
}
