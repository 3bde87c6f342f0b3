using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Hotline.Core.Tests.Testing;

[Collection(RedisFixture.Collection)]
public sealed class LeakScannerRedisTests(RedisFixture redis)
{
    [Fact]
    public async Task Finds_a_secret_in_a_hash_field_a_stream_entry_and_a_key_name_but_not_in_ciphertext()
    {
        await redis.FlushAllAsync();
        const string secret = "he took my passport Bardhylka";
        const string userId = "dl_7f3e9a2b";
        var db = redis.Database;
        await db.HashSetAsync("case:1", "note", "x " + secret);
        await db.StreamAddAsync("events", "payload", Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
        await db.StringSetAsync($"user:{userId}", "1");
        await db.StringSetAsync("sealed", RandomNumberGenerator.GetBytes(512));

        var scanner = new LeakScanner(secret, userId);
        var found = await scanner.ScanRedisAsync(redis.Server);

        Assert.Contains(found, f => f.Secret == secret && f.Where.Contains("case:1") && f.Form == "utf-8");
        Assert.Contains(found, f => f.Secret == secret && f.Where.Contains("events") && f.Form == "base64");
        Assert.Contains(found, f => f.Secret == userId && f.Where.Contains("user:"));
        Assert.DoesNotContain(found, f => f.Where.Contains("sealed"));
    }

    [Fact]
    public async Task Finds_a_secret_in_the_AOF_on_disk()
    {
        const string secret = "aof-visible-secret-Ermirela";
        await redis.Database.StringSetAsync("plain", secret);
        await redis.Database.KeyDeleteAsync("plain");

        var scanner = new LeakScanner(secret);
        Assert.Empty(await scanner.ScanRedisAsync(redis.Server)); // gone from the keyspace...
        Assert.NotEmpty(scanner.ScanDirectory(redis.Server.DataDirectory)); // ...but still in the append-only file
    }
}
