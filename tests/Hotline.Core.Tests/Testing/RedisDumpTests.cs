namespace Hotline.Core.Tests.Testing;

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
