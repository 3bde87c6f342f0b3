using Hotline.Bot.Limits;
using Hotline.Bot.Tests.Channels.Twilio;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Limits;

/// <summary>
/// A sender's messages over its limit that wait at its gate together are stored together (real Bot on Kestrel, real Redis, the Triage worker in process).
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class FloodBatchTests(TwilioHotline hotline)
{
    [Fact]
    public async Task Messages_over_the_limit_that_wait_together_are_stored_once_each_in_order_with_one_event_that_raises_the_case()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_SMS_PER_SENDER"] = "2" });
        await using var _ = bot;
        var sender = await OverItsLimitAsync(bot, url);
        var caseId = await WaitForAsync(async () => (await bot.Services.GetRequiredService<ConversationStore>().GetAsync(sender.ConversationId))?.CaseId);
        var flood = Enumerable.Range(1, 30).Select(i => i == 15 ? "burri po me rreh tani, ka thike ne dore, ndihme" : $"A më dëgjon? Mesazhi {i}").ToList();
        var forms = flood.Select(text => TwilioHotline.Sms(sender.From, text)).ToList();
        var eventsBefore = await LastEventIdAsync();

        // The fourth comes again while it still waits (Twilio retried it): stored once all the same.
        var responses = await QueuedTogetherAsync(bot, url, sender, [.. forms, forms[3]]);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        // Opened with the team key, the chain and every signature checked: the flood in the order it came, each once.
        var transcript = await hotline.TranscriptAsync(sender.ConversationId);
        Assert.Equal(flood, transcript.Skip(transcript.ToList().IndexOf(flood[0])).Take(flood.Count));
        Assert.All(flood, text => Assert.Single(transcript, text));
        // One event for the batch, at its most severe message's severity, raises the case at once.
        var events = await EventsOfAsync(sender.ConversationId, after: eventsBefore);
        var only = Assert.Single(events);
        Assert.Equal("critical", only["severity"]);
        var cases = hotline.TriageWorker!.Services.GetRequiredService<CaseStore>();
        await WaitForAsync(async () => await cases.GetAsync(caseId) is { Severity: Severity.Critical } c ? c : null);
        // Twilio delivers one again later: not stored again, still answered 200.
        Assert.Equal(HttpStatusCode.OK, (await hotline.PostSignedAsync(forms[7], bot: url)).StatusCode);
        Assert.Single(await hotline.TranscriptAsync(sender.ConversationId), flood[7]);
        await hotline.WaitUntilSentAsync();
        Assert.DoesNotContain(hotline.Twilio.Messages, m => m.To == sender.From && flood.Any(t => (m.Body ?? "").Contains(t, StringComparison.Ordinal)));
        await cases.ClaimAsync(caseId, "test-cleanup");
        await cases.ReleaseAsync(caseId, "test-cleanup");
    }

    [Fact]
    public async Task When_the_step_that_stores_a_batch_fails_no_message_of_it_is_acknowledged_and_Twilios_retries_store_each_once()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_SMS_PER_SENDER"] = "2" });
        await using var _ = bot;
        var sender = await OverItsLimitAsync(bot, url);
        var stored = (await hotline.TranscriptAsync(sender.ConversationId)).Count;
        var forms = Enumerable.Range(1, 5).Select(i => TwilioHotline.Sms(sender.From, $"Mesazhi i vonuar {i}")).ToList();
        // The conversation's set of message ids made unusable: the batch's script fails on it.
        var sids = (RedisKey)TwilioKeys.MessageSids(sender.ConversationId);
        var aside = (RedisKey)(TwilioKeys.MessageSids(sender.ConversationId) + ":aside");
        await hotline.Db.KeyRenameAsync(sids, aside);
        await hotline.Db.StringSetAsync(sids, "not a set");

        var responses = await QueuedTogetherAsync(bot, url, sender, forms);

        Assert.All(responses, response => Assert.True((int)response.StatusCode >= 500, $"{response.StatusCode}"));
        Assert.Equal(stored, (await hotline.TranscriptAsync(sender.ConversationId)).Count);
        await hotline.Db.KeyDeleteAsync(sids);
        await hotline.Db.KeyRenameAsync(aside, sids);
        foreach (var form in forms) Assert.Equal(HttpStatusCode.OK, (await hotline.PostSignedAsync(form, bot: url)).StatusCode);
        var transcript = await hotline.TranscriptAsync(sender.ConversationId);
        Assert.All(forms, form => Assert.Single(transcript, form.First(p => p.Key == "Body").Value));
    }

    private sealed record Sender(string From, string Pseudonym, string ConversationId);

    /// <summary>A new number that wrote within its limit, then once over it: its Bot knows it is over.</summary>
    private async Task<Sender> OverItsLimitAsync(Microsoft.AspNetCore.Builder.WebApplication bot, Uri url)
    {
        var from = TwilioHotline.NewNumber();
        foreach (var text in new[] { "Përshëndetje", "Dua të flas me dikë", "A jeni aty?" })
        {
            Assert.Equal(HttpStatusCode.OK, (await hotline.PostSignedAsync(TwilioHotline.Sms(from, text), bot: url)).StatusCode);
        }
        var pseudonym = await bot.Services.GetRequiredService<TwilioSenders>().PseudonymOfAsync(Channel.Sms, from);
        Assert.True(bot.Services.GetRequiredService<SenderThrottle>().KnownOver(pseudonym), "the Bot knows the sender is over its limit");
        return new Sender(from, pseudonym, (await hotline.ConversationOfAsync(from))!);
    }

    /// <summary>Posts the webhooks one after another while the sender's turn is held, each queued before the next goes, then lets them in.</summary>
    private async Task<HttpResponseMessage[]> QueuedTogetherAsync(Microsoft.AspNetCore.Builder.WebApplication bot, Uri url, Sender sender, IReadOnlyList<List<KeyValuePair<string, string>>> forms)
    {
        var gates = bot.Services.GetRequiredService<SenderGates<QueuedSms>>();
        var webhook = new Uri(url, "/api/twilio/messages");
        var posts = new List<Task<HttpResponseMessage>>();
        using (await gates.EnterAsync(sender.Pseudonym, CancellationToken.None))
        {
            foreach (var form in forms)
            {
                var signature = TwilioSignature.Compute(FakeTwilio.AuthToken, webhook.ToString(),
                    form.Select(p => new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>(p.Key, p.Value)));
                posts.Add(TwilioHotline.PostAsync(hotline.Bot, webhook, form, signature));
                var queued = posts.Count;
                await WaitForAsync(() => Task.FromResult(gates.Waiting(sender.Pseudonym) >= queued ? "queued" : null));
            }
        }
        return await Task.WhenAll(posts);
    }

    private async Task<RedisValue> LastEventIdAsync() =>
        (await hotline.Db.StreamRangeAsync(RedisKeys.Events, "-", "+", count: 1, messageOrder: Order.Descending)) is [var last] ? last.Id : "0-0";

    private async Task<List<Dictionary<string, string>>> EventsOfAsync(string conversationId, RedisValue after) =>
        (await hotline.Db.StreamRangeAsync(RedisKeys.Events, "(" + after, "+"))
            .Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()))
            .Where(e => e.GetValueOrDefault("conversationId") == conversationId)
            .ToList();

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (await probe() is { } found) return found;
        }
        throw new TimeoutException("Not there within 60 s");
    }
}
