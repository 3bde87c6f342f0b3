using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests;

[Collection(HotlineCollection.Name)]
public sealed class PlaintextLeakTests(HotlineStack stack)
{
    [Fact]
    public async Task No_message_text_web_chat_user_id_or_case_code_is_found_in_redis_files_or_logs()
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
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(signedIn, visitor.ConversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;
        (await signedIn.PostAsync($"/api/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        (await signedIn.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = reply })).EnsureSuccessStatusCode();
        await visitor.WaitForBotMessageAsync(t => t == reply, TimeSpan.FromSeconds(30));
        (await visitor.SayAsync(inbound[2])).EnsureSuccessStatusCode();
        await Task.Delay(500);

        // The first message is urgent: the bot gave a case code, which would let whoever reads it continue the conversation.
        var code = visitor.BotTexts().Select(t => System.Text.RegularExpressions.Regex.Match(t, "[a-z]+-[a-z]+-[0-9]{3}-[0-9]{3}-[0-9]{3}")).First(m => m.Success).Value;
        var secrets = inbound.Concat([reply, visitor.UserId, code]).ToList();
        // Distinctive words too, so a text split into pieces or re-encoded is still caught.
        secrets.AddRange(["Qendresa", "Bardhylka", "Ermirela", "Vjollcana"]);

        // Rewrite the AOF so it holds the live data in its own format too, then scan everything at rest and every log line.
        await using (var redis = await stack.Redis.ConnectAsync())
        {
            foreach (var server in stack.Redis.Servers(redis)) await server.ExecuteAsync("BGREWRITEAOF");
        }
        await Task.Delay(500);
        var scanner = new LeakScanner(secrets);
        await scanner.ScanRedisAsync(stack.Redis);
        scanner.ScanDirectory(stack.DataDir);
        scanner.ScanDirectory(stack.Redis.DataDirectory);
        scanner.ScanText("service logs", stack.Logs.AllText);
        Assert.True(stack.Logs.Lines.Count > 0, "the services wrote logs");
        scanner.AssertNoLeaks();
    }
}
