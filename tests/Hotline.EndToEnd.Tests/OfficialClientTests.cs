namespace Hotline.EndToEnd.Tests;

/// <summary>The hotline's Direct Line checked against Microsoft's own clients, not against our reading of the spec.</summary>
[Collection(HotlineCollection.Name)]
public sealed class OfficialClientTests(HotlineStack stack)
{
    [Fact]
    public async Task Botframework_directlinejs_holds_a_conversation_with_an_operator_take_over_over_websocket()
    {
        const string urgent = "they took my passport and locked me in, I need help now";
        const string operatorReply = "I am a counsellor. Can you tell me where you are?";
        var operatorClient = await stack.SignInAsync();
        var script = Path.Combine(RepoPaths.Root, "tests", "Hotline.EndToEnd.Tests", "Clients", "directline-conversation.cjs");
        await using var node = NodeProcess.Start(script, stack.BotUrl.ToString().TrimEnd('/'), urgent, "in a flat near the port");

        var events = new List<JsonElement>();
        async Task<JsonElement> NextAsync(Func<JsonElement, bool> match)
        {
            while (true)
            {
                var line = await node.ReadLineAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException($"the client ended early: {string.Join('\n', node.Errors)}");
                var e = JsonDocument.Parse(line).RootElement.Clone();
                events.Add(e);
                if (e.GetProperty("event").GetString() is "error" or "timeout") throw new InvalidOperationException($"client: {line}");
                if (match(e)) return e;
            }
        }
        static bool Is(JsonElement e, string name) => e.GetProperty("event").GetString() == name;
        static bool Says(JsonElement e, string role, Func<string, bool> text) =>
            Is(e, "activity") && e.GetProperty("role").GetString() == role && e.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String && text(t.GetString()!);

        var conversation = await NextAsync(e => Is(e, "conversation"));
        Assert.StartsWith("ws://", conversation.GetProperty("streamUrl").GetString());
        var conversationId = conversation.GetProperty("conversationId").GetString()!;

        await NextAsync(e => Says(e, "bot", t => t.Contains("Hello", StringComparison.Ordinal)));
        await NextAsync(e => Says(e, "user", t => t == urgent));
        await NextAsync(e => Says(e, "bot", t => t.Contains("passed your conversation to our counsellors as urgent", StringComparison.Ordinal)));

        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(operatorClient, conversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);
        await NextAsync(e => Says(e, "bot", t => t.Contains("counsellor has joined", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = operatorReply })).StatusCode);
        var reply = await NextAsync(e => Says(e, "bot", t => t == operatorReply));
        Assert.Equal("Counsellor", reply.GetProperty("name").GetString());

        // The person answers; the bot stays silent while the operator holds the conversation.
        await NextAsync(e => Says(e, "user", t => t == "in a flat near the port"));
        await Task.Delay(700);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/cases/{caseId}/release", null)).StatusCode);
        await NextAsync(e => Is(e, "done"));
        Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        var botTextsWhileHeld = events.SkipWhile(e => !Says(e, "user", t => t == "in a flat near the port")).TakeWhile(e => !Says(e, "bot", t => t.Contains("has left", StringComparison.Ordinal)))
            .Where(e => Says(e, "bot", _ => true)).ToList();
        Assert.Empty(botTextsWhileHeld);
    }
}
