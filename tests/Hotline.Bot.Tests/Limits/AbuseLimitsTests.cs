using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hotline.Bot.Tests.Channels.Twilio;
using Microsoft.AspNetCore.Builder;

namespace Hotline.Bot.Tests.Limits;

/// <summary>
/// The abuse limits on a real Bot (Kestrel on 127.0.0.1, real Redis, the Triage worker in process): refused requests
/// get 429 with Retry-After and leave nothing behind, one address cannot push everyone else back in the queue (yet every
/// conversation of it keeps its own case), and an SMS sender over its limit is still stored and still reaches its case.
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
    public async Task Posts_without_the_conversations_token_do_not_use_up_its_allowance()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_POSTS_PER_CONVERSATION"] = "3" });
        await using var _ = bot;
        using var person = LoopbackClients.From("127.0.0.1", url);
        using var stranger = LoopbackClients.From("127.0.0.2", url);
        var (conversationId, token) = await TokenAsync(person);
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(person, token)).StatusCode);
        var (_, strangersToken) = await TokenAsync(stranger);

        // Someone who learnt the conversation's id posts to it: with no token, a forged one, or another conversation's.
        foreach (var tried in new[] { "none", "forged", strangersToken, strangersToken, strangersToken })
        {
            var refused = await PostAsync(stranger, conversationId, tried, "flood");
            Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{refused.StatusCode}");
        }

        // The person still has the whole allowance.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await PostAsync(person, conversationId, token, $"message {i}")).StatusCode);
    }

    [Fact]
    public async Task Conversations_of_one_address_over_its_case_budget_each_open_their_own_case_ranked_after_others_of_their_severity()
    {
        const int budget = 3, conversations = 30;
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_CASES_PER_ADDRESS"] = budget.ToString() });
        await using var _ = bot;
        // The queue is read (and the cases put away afterwards) as the Triage worker may.
        var cases = hotline.TriageWorker!.Services.GetRequiredService<CaseStore>();
        var store = bot.Services.GetRequiredService<ConversationStore>();
        using var flooder = LoopbackClients.From("127.0.0.3", url);
        var opened = new List<string>();
        try
        {
            // One address (perhaps a carrier's, shared by strangers) opens many conversations, each with a critical message.
            var flood = new List<string>();
            using var gate = new SemaphoreSlim(8);
            await Task.WhenAll(Enumerable.Range(0, conversations).Select(async i =>
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

            // Each is stored in its own conversation and opens its own case; none joins another.
            var caseOf = new Dictionary<string, string>();
            foreach (var id in flood)
            {
                Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Alias(id)), "no conversation is merged into another");
                Assert.Single(await hotline.TranscriptAsync(id), t => t == Critical);
                caseOf[id] = await QueuedCaseOfAsync(store, id);
                opened.Add(caseOf[id]);
            }
            Assert.Equal(conversations, caseOf.Values.Distinct().Count());
            var records = new List<CaseRecord>();
            foreach (var caseId in caseOf.Values) records.Add((await cases.GetAsync(caseId))!);
            Assert.All(records, r => Assert.Equal(Severity.Critical, r.Severity));
            Assert.Equal(budget, records.Count(r => !r.SharedNetwork));

            // Someone else writes something critical by SMS, and another asks for a person.
            var critical = TwilioHotline.NewNumber();
            (await hotline.PostSignedAsync(TwilioHotline.Sms(critical, Critical), bot: url)).EnsureSuccessStatusCode();
            var criticalCase = await QueuedCaseOfAsync(store, (await hotline.ConversationOfAsync(critical))!);
            opened.Add(criticalCase);
            var asks = TwilioHotline.NewNumber();
            (await hotline.PostSignedAsync(TwilioHotline.Sms(asks, "Hello, can I talk to someone please?"), bot: url)).EnsureSuccessStatusCode();
            var asksCase = await QueuedCaseOfAsync(store, (await hotline.ConversationOfAsync(asks))!);
            opened.Add(asksCase);
            var replies = await hotline.Twilio.WaitForMessagesAsync(m => m.To == asks && m.Body?.Contains("in line", StringComparison.Ordinal) == true, 1, TimeSpan.FromSeconds(60));

            // The queue: the other critical sender waits behind the address's first cases only, ahead of every case over
            // its budget; every critical case, over the budget or not, is ahead of the person asking for a person.
            var queue = (await cases.QueueAsync()).Select(c => c.Id).ToList();
            var admitted = records.Where(r => !r.SharedNetwork).Select(r => queue.IndexOf(r.Id)).ToList();
            var over = records.Where(r => r.SharedNetwork).Select(r => queue.IndexOf(r.Id)).ToList();
            Assert.All(admitted.Concat(over), index => Assert.True(index >= 0, "every flood case waits in the queue"));
            Assert.All(admitted, index => Assert.True(index < queue.IndexOf(criticalCase), "the address's first cases were opened earlier"));
            Assert.All(over, index => Assert.True(queue.IndexOf(criticalCase) < index, "another sender's critical case ranks before those over the budget"));
            Assert.All(over, index => Assert.True(index < queue.IndexOf(asksCase), "critical cases over the budget still rank above a medium one"));
            // The bot told the person asking for a person the place the queue gave their case then (nothing was queued since).
            Assert.Equal(queue.IndexOf(asksCase) + 1, int.Parse(PlaceInLine().Match(replies[0].Body!).Groups[1].Value));
        }
        finally
        {
            // Leave no waiting case behind for the next test.
            foreach (var caseId in opened)
            {
                await cases.ClaimAsync(caseId, "test-cleanup");
                await cases.ReleaseAsync(caseId, "test-cleanup");
            }
        }
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

    [Fact]
    public async Task A_flood_from_one_number_is_stored_once_each_raises_its_case_on_an_urgent_word_and_leaves_the_answers_others_are_owed()
    {
        // Three answers a second over all senders: a number flooding past its own limit must not take them from others.
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?>
        {
            ["HOTLINE_LIMIT_SMS_PER_SENDER"] = "2",
            ["HOTLINE_LIMIT_SMS_PER_SECOND"] = "3",
        });
        await using var _ = bot;
        var from = TwilioHotline.NewNumber();
        var first = new[] { "Përshëndetje", "Dua të flas me dikë" };
        foreach (var text in first) Assert.Equal(HttpStatusCode.OK, (await hotline.PostSignedAsync(TwilioHotline.Sms(from, text), bot: url)).StatusCode);
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var store = bot.Services.GetRequiredService<ConversationStore>();
        var caseId = await WaitForAsync(async () => (await store.GetAsync(conversationId))?.CaseId);

        // Then 40 at once, one of them urgent, while someone else writes for the first time.
        var flood = Enumerable.Range(1, 40).Select(i => i == 20 ? Critical : $"A më dëgjon? Mesazhi {i}").ToList();
        // Signed here (the twilio library's own signature is tested elsewhere), so all 40 go out together.
        var webhook = new Uri(url, "/api/twilio/messages");
        var signed = flood.Select(text => TwilioHotline.Sms(from, text)).Select(form => (form, Signature: TwilioSignature.Compute(FakeTwilio.AuthToken, webhook.ToString(),
            form.Select(p => new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>(p.Key, p.Value))))).ToList();
        var posts = signed.Select(s => TwilioHotline.PostAsync(hotline.Bot, webhook, s.form, s.Signature)).ToList();
        var other = TwilioHotline.NewNumber();
        const string OtherText = "Kam nevojë për një këshillë";
        Assert.Equal(HttpStatusCode.OK, (await hotline.PostSignedAsync(TwilioHotline.Sms(other, OtherText), bot: url)).StatusCode);
        Assert.All(await Task.WhenAll(posts), response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));

        // The other sender gets its first reply and the bot's answer, which the flood did not use up.
        var otherConversation = (await hotline.ConversationOfAsync(other))!;
        var otherTranscript = await hotline.TranscriptAsync(otherConversation);
        var answer = otherTranscript[otherTranscript.ToList().IndexOf(OtherText) + 1];
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == other && m.Body?.Trim() == answer.Trim(), 1, TimeSpan.FromSeconds(60));

        // Every message of the flood is in its transcript once, none answered; the urgent one raised its one case.
        var transcript = await hotline.TranscriptAsync(conversationId);
        Assert.All(first.Concat(flood), text => Assert.Single(transcript, text));
        var floodStarts = transcript.ToList().FindIndex(flood.Contains);
        // Nothing answers the flood; a place in line told during a surge (other tests' urgent cases may still wait) is no answer.
        Assert.All(transcript.Skip(floodStarts).Where(entry => !IsPlaceInLine(entry)), entry => Assert.Contains(entry, flood));
        var cases = hotline.TriageWorker!.Services.GetRequiredService<CaseStore>();
        var raised = await WaitForAsync(async () => await cases.GetAsync(caseId) is { Severity: Severity.Critical } c ? c : null);
        Assert.Equal(conversationId, raised.ConversationId);
        Assert.Equal(caseId, (await store.GetAsync(conversationId))?.CaseId);
        await hotline.WaitUntilSentAsync();
        Assert.DoesNotContain(hotline.Twilio.Messages, m => m.To == from && flood.Any(t => (m.Body ?? "").Contains(t, StringComparison.Ordinal)));
        var placesTold = (await hotline.TranscriptAsync(conversationId)).Where(IsPlaceInLine);
        var answers = transcript.Take(floodStarts).Except(first).Concat(placesTold).ToList();
        Assert.All(hotline.Twilio.Messages.Where(m => m.To == from).Select(m => m.Body!), body => Assert.Contains(answers, a => a.Contains(body.Trim(), StringComparison.Ordinal)));
        await cases.ClaimAsync(caseId, "test-cleanup");
        await cases.ReleaseAsync(caseId, "test-cleanup");
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

    /// <summary>
    /// The conversation's case once it waits in the queue. The Triage worker links the conversation to the case's id before
    /// it writes the case and queues it: a case id on the conversation does not yet mean a case in the queue.
    /// </summary>
    private async Task<string> QueuedCaseOfAsync(ConversationStore store, string conversationId) =>
        await WaitForAsync(async () => (await store.GetAsync(conversationId))?.CaseId is { } caseId
            && await hotline.Db.SortedSetScoreAsync(RedisKeys.Queue, caseId) is not null ? caseId : null);

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

    private static bool IsPlaceInLine(string entry) => new[] { Hotline.Core.Language.Sq, Hotline.Core.Language.En }.Any(language =>
        Regex.IsMatch(entry, "^" + Regex.Escape(Hotline.Bot.Flow.BotTexts.QueuePlace(language, 0)).Replace("0", @"\d+") + "$"));
}
