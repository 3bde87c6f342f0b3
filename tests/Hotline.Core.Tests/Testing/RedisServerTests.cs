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

[Collection(RedisFixture.Collection)]
public sealed class RedisDumpTests(RedisFixture redis)
{
    [Fact]
    public async Task AllKeysAndValues_includes_every_type_of_key_in_every_database_as_text_and_bytes()
    {
        await redis.FlushAllAsync();
        var db = redis.Database;
        byte[] binary = [0x00, 0xFF, 0x10, 0x80, 0x7F];
        await db.StringSetAsync("t:string", "plain value", TimeSpan.FromMinutes(5));
        await db.StringSetAsync("t:binary", binary);
        await db.HashSetAsync("t:hash", [new("field", "hash value"), new("other", "x")]);
        await db.ListRightPushAsync("t:list", ["first item", "second item"]);
        await db.SetAddAsync("t:set", ["member one", "member two"]);
        await db.SortedSetAddAsync("t:zset", "ranked member", 2.5);
        await db.StreamAddAsync("t:stream", [new("kind", "message"), new("body", "stream value")]);
        await db.StreamCreateConsumerGroupAsync("t:stream", "workers", StreamPosition.Beginning);
        await redis.Connection.GetDatabase(3).StringSetAsync("t:elsewhere", "in database three");

        var dump = await redis.Server.AllKeysAndValuesAsync();

        Assert.Equal(["db3:t:elsewhere", "t:binary", "t:hash", "t:list", "t:set", "t:stream", "t:string", "t:zset"], dump.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("plain value", dump["t:string"]);
        Assert.Contains("field=hash value", dump["t:hash"]);
        Assert.Equal("first item\nsecond item", dump["t:list"]);
        Assert.Contains("member two", dump["t:set"]);
        Assert.Contains("ranked member", dump["t:zset"]);
        Assert.Contains("body=stream value", dump["t:stream"]);
        Assert.Contains("group workers", dump["t:stream"]);
        Assert.Equal("in database three", dump["db3:t:elsewhere"]);
        var binaryEntry = dump.Entries.Single(e => e.Key == "t:binary");
        Assert.Equal(RedisType.String, binaryEntry.Type);
        Assert.Equal(binary, binaryEntry.Parts.Single().Value);
        Assert.True(binaryEntry.Bytes.AsSpan().IndexOf(binary) >= 0, "raw bytes survive the dump");
        Assert.NotNull(dump.Entries.Single(e => e.Key == "t:string").TimeToLive);
        Assert.Contains("hash value", Encoding.UTF8.GetString(dump.Entries.Single(e => e.Key == "t:hash").Bytes));
    }

    [Fact]
    public async Task An_empty_server_dumps_nothing()
    {
        await redis.FlushAllAsync();
        Assert.Empty(await redis.Server.AllKeysAndValuesAsync());
    }
}
