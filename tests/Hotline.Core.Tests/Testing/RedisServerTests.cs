namespace Hotline.Core.Tests.Testing;

public sealed class RedisServerTests
{
    [Fact]
    public async Task Starts_on_a_free_loopback_port_with_AOF_fsync_always_and_cleans_up_on_dispose()
    {
        var redis = await RedisServer.StartAsync();
        var port = redis.Port;
        var dir = redis.DataDirectory;
        Assert.Equal($"127.0.0.1:{port}", redis.ConnectionString);
        using (var mux = redis.Connect())
        {
            var server = mux.GetServer(redis.ConnectionString);
            Assert.Equal("yes", (await server.ConfigGetAsync("appendonly")).Single().Value);
            Assert.Equal("always", (await server.ConfigGetAsync("appendfsync")).Single().Value);
            Assert.Equal("", (await server.ConfigGetAsync("save")).Single().Value);
            Assert.Equal("127.0.0.1", (await server.ConfigGetAsync("bind")).Single().Value);
            await mux.GetDatabase().StringSetAsync("k", "v");
        }
        Assert.True(Directory.Exists(Path.Combine(dir, "appendonlydir")), "the AOF lives in the data folder");

        await redis.DisposeAsync();

        Assert.False(Directory.Exists(dir));
        Assert.False(FreePort.IsListening(port));
        await redis.DisposeAsync(); // twice is harmless
    }

    [Fact]
    public async Task A_cluster_of_three_primaries_serves_keys_of_every_node_as_each_service_user_and_cleans_up_on_dispose()
    {
        var redis = await RedisServer.StartClusterAsync();
        var ports = redis.Ports;
        var dir = redis.DataDirectory;
        Assert.Equal(3, ports.Distinct().Count());
        Assert.Equal(string.Join(',', ports.Select(p => $"127.0.0.1:{p}")), redis.ConnectionString);
        await using (var bot = await redis.ConnectAsAsync("bot"))
        {
            // Conversations spread over the three primaries; the Bot's user writes and reads each where it lives.
            var ids = Enumerable.Range(0, 30).Select(n => $"cluster-{n}").ToList();
            foreach (var id in ids) await bot.GetDatabase().HashSetAsync(RedisKeys.Conversation(id), "channel", "webchat");
            Assert.Equal(3, ids.Select(id => bot.GetDatabase().IdentifyEndpoint(RedisKeys.Conversation(id))!.ToString()).Distinct().Count());
            foreach (var id in ids) Assert.Equal("webchat", (await bot.GetDatabase().HashGetAsync(RedisKeys.Conversation(id), "channel")).ToString());
        }
        Assert.Equal(30, (await redis.AllKeysAndValuesAsync()).Count);
        Assert.All(ports, p => Assert.True(Directory.Exists(Path.Combine(dir, $"node-{ports.ToList().IndexOf(p) + 1}", "appendonlydir"))));

        await redis.DisposeAsync();

        Assert.False(Directory.Exists(dir));
        Assert.All(ports, p => Assert.False(FreePort.IsListening(p)));
    }

    [Fact]
    public async Task Two_servers_run_side_by_side()
    {
        await using var a = await RedisServer.StartAsync();
        await using var b = await RedisServer.StartAsync();
        Assert.NotEqual(a.Port, b.Port);
        Assert.NotEqual(a.DataDirectory, b.DataDirectory);
    }
}
