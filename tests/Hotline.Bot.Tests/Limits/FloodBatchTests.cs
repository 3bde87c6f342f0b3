using Hotline.Bot.Limits;
using Hotline.Core.Outbox;
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
        await using var events = await EventsReader.StartAsync(hotline.Db);

        // The fourth comes again while it still waits (Twilio retried it): stored once all the same.
        var responses = await QueuedTogetherAsync(bot, url, sender, [.. forms, forms[3]]);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        // Opened with the team key, the chain and every signature checked: the flood in the order it came, each once.
        var transcript = await hotline.TranscriptAsync(sender.ConversationId);
        Assert.Equal(flood, transcript.Skip(transcript.ToList().IndexOf(flood[0])).Take(flood.Count));
        Assert.All(flood, text => Assert.Single(transcript, text));
        // One event for the batch, at its most severe message's severity, raises the case at once.
        var only = Assert.Single(await events.OfAsync(sender.ConversationId));
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

    [Fact]
    public async Task A_batch_whose_most_severe_message_names_no_area_still_gives_the_case_the_area_and_age_another_of_its_messages_named()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_SMS_PER_SENDER"] = "2" });
        await using var _ = bot;
        var sender = await OverItsLimitAsync(bot, url);
        var caseId = await WaitForAsync(async () => (await bot.Services.GetRequiredService<ConversationStore>().GetAsync(sender.ConversationId))?.CaseId);
        var forms = new[] { "he has a knife, help", "I'm at my sister's in Fier, I'm 15" }.Select(text => TwilioHotline.Sms(sender.From, text)).ToList();

        var responses = await QueuedTogetherAsync(bot, url, sender, forms);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        // The case as an operator's console opens it: the area and the age the second message named, a minor.
        var cases = hotline.TriageWorker!.Services.GetRequiredService<CaseStore>();
        await WaitForAsync(async () => await cases.GetAsync(caseId) is { Severity: Severity.Critical } c ? c : null);
        var facts = await WaitForAsync(async () => ConsoleFacts(sender.ConversationId, await cases.SealedFactsAsync(caseId)) is { Place: not null } f ? f : null);
        Assert.Equal(("Fier", 15, true), (facts.Place, facts.Age, facts.Minor));
        // The Triage worker knows the case has an area (what routing and a dispatch need).
        Assert.True((await cases.FactsAsync(caseId))?.HasArea);
        await cases.ClaimAsync(caseId, "test-cleanup");
        await cases.ReleaseAsync(caseId, "test-cleanup");
    }

    [Fact]
    public async Task After_the_move_is_confirmed_messages_over_the_limit_reach_the_conversation_continued_also_after_a_batch_was_stored_before_it()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_LIMIT_SMS_PER_SENDER"] = "2" });
        await using var _ = bot;
        var before = TwilioHotline.NewNumber();
        Assert.Equal(HttpStatusCode.OK, (await hotline.PostSignedAsync(TwilioHotline.Sms(before, "he beats me and took my passport, I am scared now"), bot: url)).StatusCode);
        var earlier = (await hotline.ConversationOfAsync(before))!;
        var code = await hotline.CaseCodeSaidInAsync(earlier);
        Assert.False(string.IsNullOrEmpty(code), "an urgent message gets a case code");
        // A new phone: the code, then over the limit; a batch stored in this conversation, its tail kept.
        var sender = await OverItsLimitAsync(bot, url, [code!, "A jeni aty?", "Ju lutem"]);
        var first = new[] { "Mesazhi para lëvizjes 1", "Mesazhi para lëvizjes 2" };
        Assert.All(await QueuedTogetherAsync(bot, url, sender, first.Select(t => TwilioHotline.Sms(sender.From, t)).ToList()), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // Its operator confirms it is the same person (as the console's confirm does, through the outbox).
        await hotline.Db.StreamAddAsync(RedisKeys.Outbox, new OutboxMessage(earlier, OutboxKind.MoveConfirmed, null).ToFields(hotline.ServiceSigningKey(Signers.Operator)));
        await WaitForAsync(async () => (string?)await hotline.Db.StringGetAsync(RedisKeys.Alias(sender.ConversationId)) == earlier ? "moved" : null);

        var after = new[] { "Më gjeti përsëri 1", "Më gjeti përsëri 2" };
        Assert.All(await QueuedTogetherAsync(bot, url, sender, after.Select(t => TwilioHotline.Sms(sender.From, t)).ToList()), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // The operator reads them in the conversation continued, each once; none in the channel's own.
        var there = await hotline.TranscriptAsync(earlier);
        Assert.All(after, text => Assert.Single(there, text));
        var here = await hotline.TranscriptAsync(sender.ConversationId);
        Assert.All(first, text => Assert.Single(here, text));
        Assert.All(after, text => Assert.DoesNotContain(text, here));
    }

    /// <summary>A case's facts as the console reads them (wwwroot/console/facts.js): the latest age, the area recorded or else the first, minor if any says so.</summary>
    private MessageFacts ConsoleFacts(string conversationId, IReadOnlyList<SealedFacts> sealedFacts)
    {
        var (age, place, recorded, minor) = ((int?)null, (string?)null, (string?)null, false);
        foreach (var f in sealedFacts)
        {
            var v = MessageFacts.Open(f.Sealed, hotline.Team!, conversationId, f.Entry);
            if (f.Entry == MessageFacts.Recorded) { recorded = v.Place ?? recorded; continue; }
            age = v.Age ?? age;
            place ??= v.Place;
            minor |= v.Minor;
        }
        return new MessageFacts(age, recorded ?? place, minor, []);
    }

    private sealed record Sender(string From, string Pseudonym, string ConversationId);

    /// <summary>A new number that wrote within its limit, then once over it: its Bot knows it is over.</summary>
    private async Task<Sender> OverItsLimitAsync(Microsoft.AspNetCore.Builder.WebApplication bot, Uri url, IReadOnlyList<string>? texts = null)
    {
        var from = TwilioHotline.NewNumber();
        foreach (var text in texts ?? ["Përshëndetje", "Dua të flas me dikë", "A jeni aty?"])
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

    /// <summary>
    /// The events added to hl:events from its start on, read as another service would: by a consumer group of its own. The
    /// in-process Triage worker trims what every group has acknowledged (StreamGroupWorker.TrimAcknowledgedAsync, every few
    /// seconds), so an event it handled may be gone before a plain range read; one this group has not read yet stays.
    /// </summary>
    private sealed class EventsReader(IDatabase db, string group) : IAsyncDisposable
    {
        public static async Task<EventsReader> StartAsync(IDatabase db)
        {
            var group = "test-" + Guid.NewGuid().ToString("N");
            await db.StreamCreateConsumerGroupAsync(RedisKeys.Events, group, StreamPosition.NewMessages);
            return new EventsReader(db, group);
        }

        public async Task<List<Dictionary<string, string>>> OfAsync(string conversationId) =>
            (await db.StreamReadGroupAsync(RedisKeys.Events, group, "test", ">", count: 100_000))
                .Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()))
                .Where(e => e.GetValueOrDefault("conversationId") == conversationId)
                .ToList();

        public async ValueTask DisposeAsync() => await db.StreamDeleteConsumerGroupAsync(RedisKeys.Events, group);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (await probe() is { } found) return found;
        }
        throw new TimeoutException("Not there within 60 s");
    }
}
