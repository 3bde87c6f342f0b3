using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Bot.Channels.DirectLine;
using Hotline.Bot.Expiry;
using Hotline.Bot.Secrets;
using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hotline.Bot.Tests.Channels.DirectLine;

/// <summary>Direct Line 3.0 token refresh (POST /v3/directline/tokens/refresh), as the official client calls it.</summary>
[Collection(TwilioCollection.Name)]
public sealed class TokenRefreshTests(TwilioHotline hotline)
{
    private const string Refresh = "/v3/directline/tokens/refresh";

    [Fact]
    public async Task The_official_client_refreshes_its_token_on_its_own_timer_and_writes_on_with_the_new_one()
    {
        // A token given out five minutes ago: the refreshed one differs (a later expiry), so the test sees which is used.
        var (token, grant) = TokensAt(DateTimeOffset.UtcNow.AddMinutes(-5)).Issue();
        const string text = "A jeni aty? Kam nevojë për ndihmë";
        var script = RepoPaths.Combine("tests", "Hotline.Bot.Tests", "Channels", "DirectLine", "directline-refresh.cjs");
        await using var node = NodeProcess.Start(script, hotline.BotUrl.ToString().TrimEnd('/'), token, text);

        var lines = new List<JsonElement>();
        while (true)
        {
            var line = await node.ReadLineAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException($"the client ended early: {string.Join('\n', node.Errors)}");
            var e = JsonDocument.Parse(line).RootElement.Clone();
            lines.Add(e);
            if (e.GetProperty("event").GetString() is "error" or "timeout") throw new InvalidOperationException($"client: {line}");
            if (e.GetProperty("event").GetString() == "done") break;
        }

        var refresh = Assert.Single(lines, e => Event(e) == "request" && e.GetProperty("path").GetString() == Refresh);
        Assert.Equal("POST", refresh.GetProperty("method").GetString());
        Assert.Equal($"Bearer {token}", refresh.GetProperty("authorization").GetString());
        Assert.Equal(200, refresh.GetProperty("status").GetInt32());
        var answer = refresh.GetProperty("response");
        Assert.Equal(grant.ConversationId, answer.GetProperty("conversationId").GetString());
        Assert.Equal(1800, answer.GetProperty("expires_in").GetInt32());
        var renewed = answer.GetProperty("token").GetString()!;
        var renewedGrant = Tokens.Validate(renewed)!;
        Assert.Equal((grant.ConversationId, grant.UserId), (renewedGrant.ConversationId, renewedGrant.UserId));
        Assert.InRange(renewedGrant.ExpiresAt - grant.ExpiresAt, 290, 600);

        // After the refresh the client writes with the new token, and the message is stored in the same conversation.
        var post = Assert.Single(lines, e => Event(e) == "request" && e.GetProperty("path").GetString()!.EndsWith("/activities", StringComparison.Ordinal)
            && e.GetProperty("method").GetString() == "POST");
        Assert.Equal($"Bearer {renewed}", post.GetProperty("authorization").GetString());
        Assert.Equal(200, post.GetProperty("status").GetInt32());
        Assert.Contains(text, await hotline.TranscriptAsync(grant.ConversationId));
    }

    [Fact]
    public async Task A_valid_token_gets_a_new_one_for_the_same_conversation_with_a_fresh_expiry_and_both_open_it()
    {
        using var visitor = await hotline.StartWebChatAsync();
        var (aging, grant) = TokensAt(DateTimeOffset.UtcNow.AddMinutes(-29)).Issue(visitor.ConversationId, visitor.UserId);

        var response = await RefreshAsync(aging);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(visitor.ConversationId, body.GetProperty("conversationId").GetString());
        Assert.Equal(DirectLineTokens.Lifetime.TotalSeconds, body.GetProperty("expires_in").GetInt32());
        var renewed = Tokens.Validate(body.GetProperty("token").GetString())!;
        Assert.Equal((visitor.ConversationId, visitor.UserId), (renewed.ConversationId, renewed.UserId));
        Assert.InRange(renewed.ExpiresAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1790, 1800);
        Assert.True(renewed.ExpiresAt > grant.ExpiresAt + 25 * 60);
        using var reader = new HttpClient { BaseAddress = hotline.BotUrl };
        reader.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v3/directline/conversations/{visitor.ConversationId}/activities")).StatusCode);
    }

    [Fact]
    public async Task Expired_forged_and_foreign_tokens_get_403_with_a_clear_error_and_change_nothing()
    {
        using var visitor = await hotline.StartWebChatAsync();
        var expired = TokensAt(DateTimeOffset.UtcNow.AddMinutes(-31)).Issue(visitor.ConversationId, visitor.UserId).Token;
        var payload = visitor.Token.Split('.');
        var forgedPayload = System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { c = visitor.ConversationId, u = visitor.UserId, e = 4102444800L }));
        var forged = $"{payload[0]}.{forgedPayload}.{payload[2]}";
        var otherSecrets = Path.Combine(Path.GetTempPath(), $"hl-other-{Guid.NewGuid():N}.json");
        var otherKey = new DirectLineTokens(BotSecrets.LoadOrCreate(otherSecrets), TimeProvider.System).Issue(visitor.ConversationId, visitor.UserId).Token;
        File.Delete(otherSecrets);
        var neverStarted = Tokens.Issue().Token;
        using var deleted = await hotline.StartWebChatAsync();
        Assert.Equal(HttpStatusCode.OK, (await deleted.Client.DeleteAsync($"/api/webchat/conversations/{deleted.ConversationId}")).StatusCode);
        var before = await ConversationKeysAsync(visitor.ConversationId, deleted.ConversationId);

        var refused = new Dictionary<string, (string Token, string Title)>
        {
            ["expired"] = (expired, "Token expired"),
            ["forged"] = (forged, "Invalid token"),
            ["signed with another key"] = (otherKey, "Invalid token"),
            ["not a token"] = ("dl1.bm9wZQ.bm9wZQ", "Invalid token"),
            ["never started"] = (neverStarted, "No conversation"),
            ["deleted conversation"] = (deleted.Token, "Conversation deleted"),
        };
        foreach (var (what, (token, title)) in refused)
        {
            var response = await RefreshAsync(token);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(title, problem.GetProperty("title").GetString());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
            Assert.False(problem.TryGetProperty("token", out _));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(null)).StatusCode);

        Assert.Equal(before, await ConversationKeysAsync(visitor.ConversationId, deleted.ConversationId));
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Conversation(Tokens.Validate(neverStarted)!.ConversationId)));
        // The person's own token still works: nothing was revoked or changed for them.
        Assert.Equal(HttpStatusCode.OK, (await visitor.Client.GetAsync($"/v3/directline/conversations/{visitor.ConversationId}/activities")).StatusCode);
    }

    [Fact]
    public async Task A_refreshed_token_never_outlives_the_conversations_maximum_age_and_past_it_none_is_given()
    {
        var maxAge = new ConversationLifetimeOptions().MaxAge;
        using var nearlyOld = await hotline.StartWebChatAsync();
        using var tooOld = await hotline.StartWebChatAsync();
        // One conversation reaches its maximum age in ten minutes, the other reached it a minute ago.
        var now = DateTimeOffset.UtcNow;
        await hotline.Db.HashSetAsync(RedisKeys.Conversation(nearlyOld.ConversationId), "createdAt", (now - maxAge + TimeSpan.FromMinutes(10)).ToUnixTimeMilliseconds());
        await hotline.Db.HashSetAsync(RedisKeys.Conversation(tooOld.ConversationId), "createdAt", (now - maxAge - TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds());

        var renewed = await RefreshAsync(nearlyOld.Token);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var body = await renewed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 1, 600);
        var grant = Tokens.Validate(body.GetProperty("token").GetString())!;
        Assert.InRange(grant.ExpiresAt - now.ToUnixTimeSeconds(), 590, 600);
        // Ten minutes on, that token opens nothing and cannot be refreshed: it has expired with the conversation's age.
        Assert.Equal(TokenState.Expired, TokensAt(now.AddMinutes(11)).Inspect(body.GetProperty("token").GetString()).State);

        var refused = await RefreshAsync(tooOld.Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Conversation too old", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    private DirectLineTokens Tokens => hotline.Services.GetRequiredService<DirectLineTokens>();

    /// <summary>The Bot's own token maker, as if it were this moment: how a token given out earlier looks.</summary>
    private DirectLineTokens TokensAt(DateTimeOffset at) => new(hotline.Services.GetRequiredService<BotSecrets>(), new FakeTimeProvider(at));

    private async Task<HttpResponseMessage> RefreshAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Refresh);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return await hotline.Bot.SendAsync(request);
    }

    /// <summary>The conversations' records and transcripts as stored: what a refresh must not touch.</summary>
    private async Task<string> ConversationKeysAsync(params string[] conversationIds)
    {
        var keys = conversationIds.SelectMany(id => new[] { RedisKeys.Conversation(id), RedisKeys.Transcript(id) }).ToHashSet(StringComparer.Ordinal);
        return string.Join("\n", (await hotline.Redis.AllKeysAndValuesAsync()).Entries.Where(e => keys.Contains(e.Key)).Select(e => $"{e.Key} {e.Text}"));
    }

    private static string? Event(JsonElement e) => e.GetProperty("event").GetString();
}
