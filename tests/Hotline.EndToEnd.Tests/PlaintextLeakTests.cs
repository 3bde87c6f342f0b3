using System.Net.Http.Json;
using System.Text;
using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests;

[Collection(HotlineCollection.Name)]
public sealed class PlaintextLeakTests(HotlineStack stack)
{
    [Fact]
    public async Task No_message_text_or_web_chat_user_id_is_found_in_redis_files_or_logs()
    {
        var inbound = new[]
        {
            "Zanafilla ime: burri po me rreh tani, ka thike ne dore, ndihme Qendresa",
            "He locked me in the flat and took my passport Bardhylka",
            "yes I am alone in Kamza tonight Ermirela",
        };
        const string reply = "Stay on the line with me, Vjollcana, we are sending someone";
        var signedIn = await stack.SignInAsync();
        using var visitor = await stack.StartWebChatAsync();
        foreach (var text in inbound.Take(2)) (await visitor.SayAsync(text)).EnsureSuccessStatusCode();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(signedIn, visitor.ConversationId, TimeSpan.FromSeconds(5))).GetProperty("id").GetString()!;
        (await signedIn.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await signedIn.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = reply })).EnsureSuccessStatusCode();
        await visitor.WaitForBotMessageAsync(t => t == reply, TimeSpan.FromSeconds(5));
        (await visitor.SayAsync(inbound[2])).EnsureSuccessStatusCode();
        await Task.Delay(500);

        var secrets = inbound.Concat([reply, visitor.UserId]).ToList();
        // Distinctive words too, so a text split into pieces or re-encoded is still caught.
        secrets.AddRange(["Qendresa", "Bardhylka", "Ermirela", "Vjollcana"]);

        var findings = new List<string>();
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString + ",allowAdmin=true"))
        {
            await redis.GetServer(stack.Redis.ConnectionString).ExecuteAsync("BGREWRITEAOF");
            var db = redis.GetDatabase();
            foreach (var key in redis.GetServer(stack.Redis.ConnectionString).Keys(pattern: "*"))
            {
                var dump = (byte[]?)await db.KeyDumpAsync(key) ?? [];
                Scan($"redis key {key}", Encoding.UTF8.GetBytes(key.ToString()).Concat(dump).ToArray(), secrets, findings);
                Scan($"redis value {key}", Encoding.UTF8.GetBytes(await ReadableAsync(db, key)), secrets, findings);
            }
        }
        await Task.Delay(500);
        foreach (var folder in new[] { stack.DataDir, stack.Redis.DataDirectory })
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                Scan(file, await File.ReadAllBytesAsync(file), secrets, findings);
            }
        }
        Scan("service logs", Encoding.UTF8.GetBytes(stack.Logs.AllText), secrets, findings);
        Assert.True(stack.Logs.Lines.Count > 0, "the services wrote logs");
        Assert.Empty(findings);
    }

    private static async Task<string> ReadableAsync(IDatabase db, RedisKey key)
    {
        var type = await db.KeyTypeAsync(key);
        return type switch
        {
            RedisType.String => (string?)await db.StringGetAsync(key) ?? "",
            RedisType.Hash => string.Join("\n", (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
            RedisType.List => string.Join("\n", await db.ListRangeAsync(key)),
            RedisType.Set => string.Join("\n", await db.SetMembersAsync(key)),
            RedisType.SortedSet => string.Join("\n", await db.SortedSetRangeByRankAsync(key)),
            RedisType.Stream => string.Join("\n", (await db.StreamRangeAsync(key)).SelectMany(e => e.Values.Select(v => $"{v.Name}={v.Value}"))),
            _ => "",
        };
    }

    private static void Scan(string where, byte[] content, IEnumerable<string> secrets, List<string> findings)
    {
        var text = Encoding.UTF8.GetString(content);
        var latin = Encoding.Latin1.GetString(content);
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.OrdinalIgnoreCase) || latin.Contains(secret, StringComparison.OrdinalIgnoreCase) ||
                text.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), StringComparison.Ordinal) ||
                text.Contains(Uri.EscapeDataString(secret), StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"'{secret}' found in {where}");
            }
        }
    }
}
