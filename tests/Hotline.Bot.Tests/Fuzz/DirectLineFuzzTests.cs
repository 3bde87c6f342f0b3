using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Hotline.Core.Storage;

namespace Hotline.Bot.Tests.Fuzz;

/// <summary>
/// Generated Direct Line requests over real HTTP to a started web chat conversation: activities of every shape, bodies
/// that are not JSON, tokens that are not ours. None gets a 5xx; a refused one gets a 4xx problem and leaves the
/// conversation's transcript and delivery copy as they were; an accepted message is stored.
/// </summary>
public sealed class DirectLineFuzzTests(FuzzHotline hotline) : IClassFixture<FuzzHotline>
{
    private const int Cases = 300;

    private static readonly Gen<JsonNode?> Values = Gen.OneOf(
        FuzzInputs.Text.Select(t => (JsonNode?)JsonValue.Create(t)),
        Gen.Choose(int.MinValue, int.MaxValue).Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Elements<JsonNode?>(null, JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create(1e308)));

    /// <summary>Activities as a client might send them, well formed or not, with any extra fields.</summary>
    private static readonly Gen<string> Activities =
        Gen.Zip(
            Gen.Zip(Gen.OneOf(Gen.Elements<JsonNode?>("message", "typing", "event", "conversationUpdate", "", "MESSAGE"), Values), Gen.OneOf(
                Gen.Elements<JsonNode?>("ndihmë", "", "   ", new string('a', 4001), "kodi mali hena 417 385 902"), Values)),
            Gen.Zip(Gen.Zip(Values, Values), Gen.ArrayOf(Gen.Zip(FuzzInputs.Text, Values)))).Select(input =>
        {
            var ((type, text), ((channelData, value), extra)) = input;
            var activity = new JsonObject { ["type"] = type?.DeepClone(), ["text"] = text?.DeepClone(), ["value"] = value?.DeepClone(), ["name"] = "receipt" };
            activity["channelData"] = channelData is JsonValue v && v.TryGetValue<string>(out var id) ? new JsonObject { ["clientActivityID"] = id } : channelData?.DeepClone();
            foreach (var (name, any) in extra) activity[name] = any?.DeepClone();
            return activity.ToJsonString();
        }).Where(json => Encoding.UTF8.GetByteCount(json) < FuzzInputs.MaxBody);

    [Fact]
    public async Task Any_activity_or_body_gets_a_4xx_or_is_taken_and_a_refused_one_stores_nothing()
    {
        using var visitor = await hotline.StartWebChatAsync();
        await using var redis = await hotline.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var path = $"/v3/directline/conversations/{visitor.ConversationId}/activities";
        var bodies = Gen.OneOf(Activities.Select(Encoding.UTF8.GetBytes), FuzzInputs.Bytes);

        await FuzzInputs.CheckAsync(Gen.Zip(bodies, Gen.Elements("application/json", "text/plain", "application/json; charset=latin1")), Cases, async input =>
        {
            var (body, type) = input;
            var before = await StoredAsync(db, visitor.ConversationId);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            using var response = await visitor.Client.PostAsync(path, content);
            var status = (int)response.StatusCode;
            Assert.True(status is 200 or (>= 400 and < 500), $"{status}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(before, await StoredAsync(db, visitor.ConversationId));
            }
        });
    }

    [Fact]
    public async Task Tokens_that_are_not_ours_get_401_or_403_everywhere_and_change_nothing()
    {
        using var visitor = await hotline.StartWebChatAsync();
        var before = await hotline.SettledAsync();
        var requests = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/v3/directline/tokens/refresh"),
            (HttpMethod.Post, "/v3/directline/conversations"),
            (HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}"),
            (HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}/activities"),
            (HttpMethod.Post, $"/v3/directline/conversations/{visitor.ConversationId}/activities"),
            (HttpMethod.Delete, $"/api/webchat/conversations/{visitor.ConversationId}"),
        };

        await FuzzInputs.CheckAsync(Gen.Zip(Gen.Elements(requests), FuzzInputs.Text), Cases, async input =>
        {
            var ((method, path), token) = input;
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{\"type\":\"message\",\"text\":\"help\"}", Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string(token.Where(c => c is >= ' ' and < (char)0x7F).ToArray()));
            using var response = await hotline.Bot.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
        });

        Assert.Equal(before, await hotline.EverythingAsync());
    }

    /// <summary>What a refused request must leave alone: the conversation's record, transcript and delivery copy.</summary>
    private static async Task<string> StoredAsync(StackExchange.Redis.IDatabase db, string conversationId)
    {
        var conversation = await db.HashGetAllAsync(RedisKeys.Conversation(conversationId));
        return string.Join('|', conversation.OrderBy(e => e.Name.ToString(), StringComparer.Ordinal).Select(e => $"{e.Name}={e.Value}"))
            + $"|transcript={await db.ListLengthAsync(RedisKeys.Transcript(conversationId))}|delivery={await db.ListLengthAsync(RedisKeys.Delivery(conversationId))}";
    }
}
