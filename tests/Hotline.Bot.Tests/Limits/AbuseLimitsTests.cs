using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Bot.Limits;
using Hotline.Bot.Tests.Channels.Twilio;
using Hotline.Core.Cases;
using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using Hotline.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Bot.Tests.Limits;

/// <summary>
/// The abuse limits on a real Bot (Kestrel on 127.0.0.1, real Redis, the Triage worker in process): refused requests
/// get 429 with Retry-After and leave nothing behind, one address cannot fill the queue with cases, and an SMS sender
/// over its limit is still stored and still reaches its case.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed partial class AbuseLimitsTests(TwilioHotline hotline)
{
    private const string Critical = "burri po me rreh tani, ka thike ne dore, ndihme";

    [Fact]
    public async Task Starts_beyond_an_address_limit_get_429_with_Retry_After_and_store_nothing_while_another_address_is_served()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_STARTS_PER_ADDRESS"] = "4" });
        await using var _ = bot;
        using var here = LoopbackClients.From("127.0.0.1", url);
        using var elsewhere = LoopbackClients.From("127.0.0.2", url);

        for (var i = 0; i < 2; i++)
        {
            var (_, token) = await TokenAsync(here);
            Assert.Equal(HttpStatusCode.Created, (await StartAsync(here, token)).StatusCode);
        }
        var refusedToken = await here.PostAsync("/api/webchat/token", null);
        var (conversationId, otherToken) = await TokenAsync(elsewhere);
        var refusedStart = await StartAsync(here, otherToken);

        foreach (var refused in new[] { refusedToken, refusedStart })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 600 }, "Retry-After in seconds within the window");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Conversation(conversationId)), "a refused start stores no conversation");
        // The same token from its own address starts the conversation: the limit is per address, not per token.
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(elsewhere, otherToken)).StatusCode);
    }

    [Fact]
    public async Task Posts_beyond_a_conversation_limit_get_429_and_are_not_stored()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_POSTS_PER_CONVERSATION"] = "3" });
        await using var _ = bot;
        using var client = LoopbackClients.From("127.0.0.1", url);
        var (conversationId, token) = await TokenAsync(client);
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(client, token)).StatusCode);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, conversationId, token, $"message {i}")).StatusCode);
        var stored = await hotline.Db.ListLengthAsync(RedisKeys.Transcript(conversationId));

        var refused = await PostAsync(client, conversationId, token, "one more, over the limit");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(stored, await hotline.Db.ListLengthAsync(RedisKeys.Transcript(conversationId)));
    }

    [Fact]
    public async Task One_address_writing_100_critical_messages_opens_at_most_its_budget_of_cases_and_another_sender_keeps_its_place_and_reply()
    {
        const int budget = 3;
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_CASES_PER_ADDRESS"] = budget.ToString() });
        await using var _ = bot;
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var conversations = bot.Services.GetRequiredService<ConversationStore>();
        var queuedBefore = (await cases.QueueAsync()).Count;
        using var flooder = LoopbackClients.From("127.0.0.3", url);

        // The issue's attack: one client opening 100 conversations, each with a critical message.
        var flood = new List<string>();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var (conversationId, token) = await TokenAsync(flooder);
                Assert.Equal(HttpStatusCode.Created, (await StartAsync(flooder, token)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(flooder, conversationId, token, Critical)).StatusCode);
                lock (flood) flood.Add(conversationId);
            }
            finally
            {
                gate.Release();
            }
        }));

        // Every message was answered 200, so every one is stored: in its own conversation or in the one it joined.
        var joined = new Dictionary<string, string>();
        foreach (var id in flood) joined[id] = (string?)await hotline.Db.StringGetAsync(RedisKeys.Alias(id)) ?? id;
        var owners = joined.Values.Distinct().ToList();
        Assert.InRange(owners.Count, 1, budget);
        var stored = 0;
        foreach (var owner in owners) stored += (await hotline.TranscriptAsync(owner)).Count(t => t == Critical);
        Assert.Equal(100, stored);
        // The operator of the case they joined is told that other conversations of the same address joined it.
        var notes = 0;
        foreach (var owner in owners) notes += (await hotline.TranscriptAsync(owner)).Count(t => t == CaseBudget.MergedNote);
        Assert.Equal(100 - owners.Count, notes);
        var opened = await WaitForAsync(async () =>
        {
            var ids = new List<string>();
            foreach (var owner in owners) if ((await conversations.GetAsync(owner))?.CaseId is { } caseId) ids.Add(caseId);
            return ids.Count == owners.Count ? ids : null;
        });
        Assert.InRange(opened.Count, 1, budget);
        Assert.All(flood.Except(owners), id => Assert.Null(conversations.GetAsync(id).Result?.CaseId));

        // Someone else, by SMS, asks for a person: their case opens and the bot tells them a place behind at most the budget.
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, can I talk to someone please?"), bot: url)).EnsureSuccessStatusCode();
        var replies = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body?.Contains("in line", StringComparison.Ordinal) == true, 1, TimeSpan.FromSeconds(60));
        var place = int.Parse(PlaceInLine().Match(replies[0].Body!).Groups[1].Value);
        Assert.InRange(place, 1, queuedBefore + budget + 1);
        var own = await WaitForAsync(async () => (await conversations.GetAsync((await hotline.ConversationOfAsync(from))!))?.CaseId);
        Assert.NotNull(await cases.GetAsync(own));
    }

    [Fact]
    public async Task An_sms_sender_over_its_limit_is_stored_in_its_one_case_but_not_answered()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_SMS_PER_SENDER"] = "2" });
        await using var _ = bot;
        var from = TwilioHotline.NewNumber();
        var texts = Enumerable.Range(1, 6).Select(i => $"Dua të pyes diçka, mesazhi {i}").ToList();

        foreach (var text in texts)
        {
            var response = await hotline.PostSignedAsync(TwilioHotline.Sms(from, text), bot: url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var caseId = await WaitForAsync(async () => (await bot.Services.GetRequiredService<ConversationStore>().GetAsync(conversationId))?.CaseId);
        Assert.NotNull(caseId);
        await hotline.WaitUntilSentAsync();
        var transcript = (await hotline.TranscriptAsync(conversationId)).ToList();
        Assert.All(texts, text => Assert.Single(transcript, text));
        // The first two were answered; from the third on, the messages are kept with no answer between or after them.
        Assert.NotEqual(texts[1], transcript[transcript.IndexOf(texts[0]) + 1]);
        Assert.NotEqual(texts[2], transcript[transcript.IndexOf(texts[1]) + 1]);
        Assert.Equal(texts[2..], transcript.Skip(transcript.IndexOf(texts[2])));
        // Nothing went out by SMS that is not one of the bot's entries before the third message.
        var answers = transcript.Take(transcript.IndexOf(texts[2])).Except(texts).ToList();
        Assert.All(hotline.Twilio.Messages.Where(m => m.To == from).Select(m => m.Body!), body => Assert.Contains(answers, a => a.Contains(body.Trim(), StringComparison.Ordinal)));
    }

    private static async Task<(string ConversationId, string Token)> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsync("/api/webchat/token", null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    private static async Task<HttpResponseMessage> StartAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string conversationId, string token, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = JsonContent.Create(new { type = "message", from = new { id = "user" }, text }),
        };
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The Triage worker did not get there within 60 s");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"number (\d+) in line")]
    private static partial Regex PlaceInLine();
}
