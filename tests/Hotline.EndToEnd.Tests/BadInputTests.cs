using System.Text;
using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests;

[Collection(HotlineCollection.Name)]
public sealed class BadInputTests(HotlineStack stack)
{
    [Fact]
    public async Task An_activity_without_text_is_refused_and_nothing_is_stored()
    {
        using var visitor = await stack.StartWebChatAsync();
        var before = await SnapshotAsync(visitor.ConversationId);
        var response = await visitor.Client.PostAsJsonAsync($"/v3/directline/conversations/{visitor.ConversationId}/activities", new { type = "message" });
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "text");
        Assert.Equal(before, await SnapshotAsync(visitor.ConversationId));
    }

    [Fact]
    public async Task A_one_megabyte_body_is_refused_and_nothing_is_stored()
    {
        using var visitor = await stack.StartWebChatAsync();
        var before = await SnapshotAsync(visitor.ConversationId);
        var huge = "{\"type\":\"message\",\"text\":\"" + new string('a', 1024 * 1024) + "\"}";
        // Expect: 100-continue lets the server refuse before the megabyte is sent, so the client always reads the answer.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{visitor.ConversationId}/activities")
        {
            Content = new StringContent(huge, Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        var response = await visitor.Client.SendAsync(request);
        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, "KB");
        Assert.Equal(before, await SnapshotAsync(visitor.ConversationId));
    }

    [Fact]
    public async Task Malformed_json_is_refused_and_nothing_is_stored()
    {
        using var visitor = await stack.StartWebChatAsync();
        var before = await SnapshotAsync(visitor.ConversationId);
        var response = await visitor.Client.PostAsync($"/v3/directline/conversations/{visitor.ConversationId}/activities",
            new StringContent("{\"type\":\"message\",\"text\":\"help", Encoding.UTF8, "application/json"));
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "JSON");
        Assert.Equal(before, await SnapshotAsync(visitor.ConversationId));
    }

    [Fact]
    public async Task An_unknown_conversation_id_is_refused_and_nothing_is_stored()
    {
        // A valid token for a conversation never started, and a started conversation's token used on another id.
        var token = await (await stack.Bot.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        using var unstarted = new WebChatVisitor(stack.BotUrl, token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
        var before = await SnapshotAsync(unstarted.ConversationId);
        await AssertRefusedAsync(await unstarted.SayAsync("help me"), HttpStatusCode.NotFound, "conversation");
        Assert.Equal(before, await SnapshotAsync(unstarted.ConversationId));

        using var visitor = await stack.StartWebChatAsync();
        var response = await visitor.Client.PostAsJsonAsync("/v3/directline/conversations/doesnotexist123/activities", new { type = "message", text = "help me" });
        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "conversation");
        Assert.Equal(0, (await SnapshotAsync("doesnotexist123")).Transcript);
    }

    [Fact]
    public async Task Wrong_or_missing_operator_credentials_get_401_and_change_nothing()
    {
        using var visitor = await stack.StartWebChatAsync();
        (await visitor.SayAsync("they took my passport and lock me in at night, please help")).EnsureSuccessStatusCode();
        var signedIn = await stack.SignInAsync();
        var caseId = (await WebChatToOperatorTests.WaitForCaseAsync(signedIn, visitor.ConversationId, TimeSpan.FromSeconds(30))).GetProperty("id").GetString()!;

        var wrong = await Hotline.Operator.Accounts.ClientKeys.PrepareLoginAsync(stack.Anonymous, "demo", "not the passphrase at all");
        var wrongLogin = await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = "demo", authKey = wrong.AuthKey });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongLogin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Anonymous.GetAsync("/api/cases?status=open")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Anonymous.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode);
        using var forged = new HttpClient { BaseAddress = stack.OperatorUrl };
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "forged-token-forged-token-forged-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsJsonAsync($"/api/cases/{caseId}/messages", new { text = "hi" })).StatusCode);

        var view = await signedIn.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/cases/{caseId}");
        Assert.Equal("open", view.GetProperty("status").GetString());
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode expected, string explanation)
    {
        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(explanation, body, StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Snapshot(long Transcript, long Delivery, long Events);

    private async Task<Snapshot> SnapshotAsync(string conversationId)
    {
        await using var redis = await stack.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        return new Snapshot(
            await db.ListLengthAsync(RedisKeys.Transcript(conversationId)),
            await db.ListLengthAsync(RedisKeys.Delivery(conversationId)),
            await db.KeyExistsAsync(RedisKeys.Events) ? await db.StreamLengthAsync(RedisKeys.Events) : 0);
    }
}
