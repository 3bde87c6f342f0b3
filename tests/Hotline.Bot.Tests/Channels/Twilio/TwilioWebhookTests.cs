using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

[Collection(TwilioCollection.Name)]
public sealed class TwilioWebhookTests(TwilioHotline hotline)
{
    [Fact]
    public async Task Signed_sms_is_stored_answered_with_empty_twiml_and_replied_to_through_the_rest_api()
    {
        var from = TwilioHotline.NewNumber();
        const string text = "Përshëndetje, kam nevojë të flas me dikë";

        var response = await hotline.PostSignedAsync(TwilioHotline.Sms(from, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TwilioApi.EmptyTwiml, await response.Content.ReadAsStringAsync());
        var conversationId = await hotline.ConversationOfAsync(from);
        Assert.NotNull(conversationId);
        Assert.Equal("sms", (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "channel"));

        var greeting = SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4);
        var sent = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, greeting.Count + 1);
        Assert.Equal(greeting, sent.Take(greeting.Count).Select(m => m.Body));
        Assert.All(sent, m =>
        {
            Assert.Equal(TwilioHotline.HotlineNumber, m.Form["From"]);
            Assert.Equal(new Uri(hotline.BotUrl, "/api/twilio/status").ToString(), m.Form["StatusCallback"]);
        });
        var transcript = await hotline.TranscriptAsync(conversationId);
        Assert.Equal([TwilioTexts.NeutralFirstReply, text], transcript.Take(2));
        Assert.Equal(sent.Last().Body, transcript[2]);
    }

    [Fact]
    public async Task First_sms_reply_is_neutral_and_says_how_to_delete_the_thread()
    {
        var neutral = TwilioTexts.NeutralFirstReply;
        Assert.Contains("fshijeni këtë bisedë", neutral);
        Assert.Contains("delete this thread", neutral);
        foreach (var word in new[] { "hotline", "violence", "abuse", "dhun", "abuz", "linja", "këshill", "counsel", "112", "polic" })
        {
            Assert.DoesNotContain(word, neutral, StringComparison.OrdinalIgnoreCase);
        }

        // A deployment words it its own way.
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_SMS_FIRST_REPLY"] = "Mirëdita nga Qendra.\\nGood day from the Centre." });
        await using (bot)
        {
            using var client = new HttpClient();
            var from = TwilioHotline.NewNumber();
            (await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(from, "tungjatjeta"), "/api/twilio/messages", url)).EnsureSuccessStatusCode();
            // Both Bots relay outgoing messages, so the greeting and the answer may reach Twilio in either order:
            // the transcript says which came first.
            var sent = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, 2);
            await hotline.WaitUntilSentAsync();
            var conversationId = (await hotline.ConversationOfAsync(from))!;
            Assert.Equal("Mirëdita nga Qendra.\nGood day from the Centre.", (await hotline.TranscriptAsync(conversationId))[0]);
            Assert.Contains("Mirëdita nga Qendra.\nGood day from the Centre.", sent.Select(m => m.Body));
            Assert.DoesNotContain(sent, m => TwilioTexts.NeutralFirstReply.StartsWith(m.Body!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Duplicate_Twilio_delivery_is_stored_once()
    {
        var from = TwilioHotline.NewNumber();
        var form = TwilioHotline.Sms(from, "A mund të më ndihmoni?");
        var signature = await TwilioNode.SignAsync(new Uri(hotline.BotUrl, "/api/twilio/messages").ToString(), form);
        var url = new Uri(hotline.BotUrl, "/api/twilio/messages");

        // Twilio retrying while the first delivery is still being handled, and again later.
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TwilioHotline.PostAsync(hotline.Bot, url, form, signature)));
        var late = await TwilioHotline.PostAsync(hotline.Bot, url, form, signature);

        Assert.All(responses.Append(late), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var greeting = SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, greeting.Count + 1);
        await hotline.WaitUntilSentAsync();
        await Task.Delay(500);
        // Stored once, screened once, greeted once, answered once.
        var transcript = await hotline.TranscriptAsync(conversationId);
        Assert.Single(transcript, t => t == "A mund të më ndihmoni?");
        Assert.Single(transcript, t => t == TwilioTexts.NeutralFirstReply);
        // Screened once: never two events. The Triage worker trims events it has acknowledged (StreamGroupWorker's
        // TrimAcknowledgedAsync, every few seconds), so the one event may already be gone; the transcript above and the
        // one answer below are what the sender sees.
        var events = await hotline.Db.StreamRangeAsync(RedisKeys.Events);
        Assert.True(events.Count(e => e.Values.Any(v => v.Name == "conversationId" && v.Value == conversationId)) <= 1);
        Assert.Single(hotline.Twilio.Messages, m => m.To == from && m.Body == greeting[0]);
        var answer = SmsSegments.SplitForSms(transcript[transcript.ToList().IndexOf("A mund të më ndihmoni?") + 1], 4);
        Assert.Equal(answer, hotline.Twilio.Messages.Where(m => m.To == from && answer.Contains(m.Body!)).Select(m => m.Body));
    }

    [Fact]
    public async Task Invalid_signature_is_refused_and_nothing_is_stored()
    {
        await hotline.WaitUntilQuietAsync();
        var from = TwilioHotline.NewNumber();
        var form = TwilioHotline.Sms(from, "a secret that must not be kept");
        var url = new Uri(hotline.BotUrl, "/api/twilio/messages");
        var good = await TwilioNode.SignAsync(url.ToString(), form);
        var tampered = form.Select(p => p.Key == "Body" ? new KeyValuePair<string, string>("Body", "something else") : p).ToList();
        var attempts = new (IReadOnlyList<KeyValuePair<string, string>> Form, string? Signature)[]
        {
            (form, null),
            (form, ""),
            (form, await TwilioNode.SignAsync(url.ToString(), form, token: "not-the-auth-token")),
            (form, await TwilioNode.SignAsync(new Uri(hotline.BotUrl, "/api/twilio/other").ToString(), form)),
            (tampered, good),
            (form, (good[0] == 'A' ? "B" : "A") + good[1..]),
        };
        var requestsBefore = hotline.Twilio.Requests.Count;
        var before = await hotline.Redis.AllKeysAndValuesAsync();

        foreach (var (body, signature) in attempts)
        {
            var response = await TwilioHotline.PostAsync(hotline.Bot, url, body, signature);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
        }
        var status = await TwilioHotline.PostAsync(hotline.Bot, new Uri(hotline.BotUrl, "/api/twilio/status"), form, "bad");
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);

        await Task.Delay(300);
        var after = await hotline.Redis.AllKeysAndValuesAsync();
        Assert.Empty(NewKeysOfAConversation(before, after));
        Assert.Null(await hotline.ConversationOfAsync(from));
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.Dedupe("twilio", TwilioHotline.SidOf(form))));
        Assert.DoesNotContain(hotline.Twilio.Requests.Skip(requestsBefore), r => r.To == from);
        Assert.DoesNotContain(from, hotline.Logs.AllText);
    }

    [Fact]
    public async Task Unconfigured_bot_answers_503_and_changes_nothing()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?>
        {
            ["HOTLINE_TWILIO_ACCOUNT_SID"] = null,
            ["HOTLINE_TWILIO_AUTH_TOKEN"] = null,
        });
        await using (bot)
        {
            using var client = new HttpClient();
            var from = TwilioHotline.NewNumber();
            await hotline.WaitUntilQuietAsync();
            var before = await hotline.Redis.AllKeysAndValuesAsync();

            var response = await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(from, "hello"), "/api/twilio/messages", url);
            var status = await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(from, "hello"), "/api/twilio/status", url);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Twilio channel not configured", problem.GetProperty("title").GetString());
            Assert.Contains("HOTLINE_TWILIO_ACCOUNT_SID", problem.GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(url, "/healthz"))).StatusCode);
            var after = await hotline.Redis.AllKeysAndValuesAsync();
            Assert.Empty(NewKeysOfAConversation(before, after));
            Assert.Null(await hotline.ConversationOfAsync(from));
        }
    }

    [Fact]
    public async Task Half_a_twilio_configuration_stops_the_bot_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_TWILIO_AUTH_TOKEN"] = null }));
        Assert.Contains("HOTLINE_TWILIO_AUTH_TOKEN", error.Message);
        error = await Assert.ThrowsAsync<OptionsValidationException>(() => hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_TWILIO_API_BASE"] = "http://api.example.org" }));
        Assert.Contains("HOTLINE_TWILIO_API_BASE", error.Message);
    }

    [Fact]
    public async Task Signature_over_the_public_url_of_a_proxy_is_accepted_with_and_without_the_default_port()
    {
        const string publicUrl = "https://hotline.example.org/sms-gateway";
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_PUBLIC_URL"] = publicUrl });
        await using (bot)
        {
            using var client = new HttpClient();
            const string path = "/api/twilio/messages?deployment=tirana";
            var signedAs = new[]
            {
                "https://hotline.example.org/sms-gateway" + path,
                "https://hotline.example.org:443/sms-gateway" + path,
            };
            foreach (var signed in signedAs)
            {
                var from = TwilioHotline.NewNumber();
                var response = await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(from, "hello"), path, url, signedUrl: signed);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var first = (await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, 1))[0];
                Assert.Equal(publicUrl + "/api/twilio/status", first.Form["StatusCallback"]);
            }

            // Behind the proxy only the public URL counts: a signature over the Bot's own address is refused.
            var direct = await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(TwilioHotline.NewNumber(), "hello"), path, url);
            Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
            await hotline.WaitUntilSentAsync();
        }
    }

    [Fact]
    public async Task Signature_over_the_url_with_the_default_port_is_accepted_when_the_public_url_has_none_and_the_reverse()
    {
        var (bot, url) = await hotline.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_PUBLIC_URL"] = "https://hotline.example.org:443" });
        await using (bot)
        {
            using var client = new HttpClient();
            var response = await TwilioHotline.PostSignedAsync(client, TwilioHotline.Sms(TwilioHotline.NewNumber(), "hello"), "/api/twilio/messages", url,
                signedUrl: "https://hotline.example.org/api/twilio/messages");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await hotline.WaitUntilSentAsync();
        }
        var withPort = await hotline.PostSignedAsync(TwilioHotline.Sms(TwilioHotline.NewNumber(), "hello"),
            signedUrl: $"http://127.0.0.1:{hotline.BotUrl.Port}/api/twilio/messages");
        Assert.Equal(HttpStatusCode.OK, withPort.StatusCode);
    }

    [Fact]
    public async Task Message_through_a_messaging_service_is_answered_through_the_service()
    {
        var from = TwilioHotline.NewNumber();
        var response = await hotline.PostSignedAsync(TwilioHotline.Sms(from, "hello", messagingService: TwilioHotline.ServiceSid));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, 2);
        Assert.All(sent, m =>
        {
            Assert.Equal(TwilioHotline.ServiceSid, m.Form["MessagingServiceSid"]);
            Assert.False(m.Form.ContainsKey("From"));
        });
    }

    [Fact]
    public async Task Media_message_is_answered_that_only_text_is_read_and_the_media_is_never_fetched()
    {
        var from = TwilioHotline.NewNumber();
        var mediaUrl = new Uri(hotline.Twilio.BaseUrl, $"/2010-04-01/Accounts/{FakeTwilio.AccountSid}/Messages/MM00/Media/ME{Guid.NewGuid():N}").ToString();

        var response = await hotline.PostSignedAsync(TwilioHotline.Sms(from, "", mediaUrls: mediaUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var greetingParts = SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4).Count;
        var expected = SmsSegments.SplitForSms(TwilioTexts.MediaNotRead(Hotline.Core.Language.Other), 4);
        var sent = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, greetingParts + expected.Count);
        Assert.Equal(expected, sent.Skip(greetingParts).Select(m => m.Body));
        Assert.DoesNotContain(hotline.Twilio.Requests, r => r.Path.Contains("/Media/", StringComparison.Ordinal));
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        Assert.DoesNotContain(await hotline.TranscriptAsync(conversationId), t => t.Contains("Media", StringComparison.Ordinal));

        // Text with a photo: the text is read, and the person is told the photo is not.
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "I am sending you a photo of the letter he wrote", mediaUrls: mediaUrl))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == TwilioTexts.MediaNotRead(Hotline.Core.Language.En), 1);
        Assert.Contains("I am sending you a photo of the letter he wrote", await hotline.TranscriptAsync(conversationId));
        var dump = await hotline.Redis.AllKeysAndValuesAsync();
        Assert.DoesNotContain(dump.Values, v => v.Contains("/Media/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_message_without_media_is_taken_and_nothing_is_kept()
    {
        var from = TwilioHotline.NewNumber();
        var response = await hotline.PostSignedAsync(TwilioHotline.Sms(from, "   "));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await hotline.ConversationOfAsync(from));
    }

    [Fact]
    public async Task Webhook_without_a_message_sid_or_sender_is_a_clear_400()
    {
        var form = TwilioHotline.Sms(TwilioHotline.NewNumber(), "hello").Where(p => p.Key is not ("MessageSid" or "SmsSid" or "SmsMessageSid")).ToList();
        var response = await hotline.PostSignedAsync(form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Status_callback_moves_the_message_state_forward_only()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "hello"))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, 2);
        await hotline.WaitUntilSentAsync();
        var sid = hotline.Twilio.Messages.First(m => m.To == from).Sid!;
        var states = hotline.Services.GetRequiredService<MessageStates>();
        var conversationId = await hotline.ConversationOfAsync(from);
        Assert.Equal("queued", (await states.GetAsync(sid))!.Status);
        Assert.Equal(conversationId, (await states.GetAsync(sid))!.ConversationId);

        foreach (var (status, expected) in new[] { ("sent", "sent"), ("delivered", "delivered"), ("sent", "delivered") })
        {
            var response = await hotline.PostSignedAsync(StatusCallback(sid, from, status), "/api/twilio/status");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(expected, (await states.GetAsync(sid))!.Status);
        }
        (await hotline.PostSignedAsync(StatusCallback(sid, from, "undelivered", errorCode: "30003"), "/api/twilio/status")).EnsureSuccessStatusCode();
        Assert.Equal("30003", (await states.GetAsync(sid))!.ErrorCode);

        // A SID the hotline never sent is not recorded.
        var unknown = TwilioHotline.NewSid();
        (await hotline.PostSignedAsync(StatusCallback(unknown, from, "delivered"), "/api/twilio/status")).EnsureSuccessStatusCode();
        Assert.Null(await states.GetAsync(unknown));
        var state = (string?)await hotline.Db.StringGetAsync(TwilioKeys.MessageState(sid));
        Assert.NotNull(state);
        Assert.DoesNotContain(from[1..], state, StringComparison.Ordinal);
    }

    /// <summary>
    /// Keys a message would have created: a conversation's (its transcript, which an event would point to), a case's, the
    /// channel's and the dedupe keys. The Triage worker keeps its own keys meanwhile (hl:surge, its trimmed streams), and the
    /// hotline may send to an earlier test's conversation at any moment (a queue place, a word while the person waits, on
    /// its own timers): such a send's guard and its record at Twilio are that conversation's, not this message's.
    /// </summary>
    private IEnumerable<string> NewKeysOfAConversation(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var sends = hotline.Twilio.Messages.Where(m => m.Sid is not null).Select(m => TwilioKeys.MessageState(m.Sid!)).ToHashSet();
        return after.Keys.Except(before.Keys)
            .Where(k => k.StartsWith("hl:twilio", StringComparison.Ordinal) || k.StartsWith("hl:dedupe", StringComparison.Ordinal) ||
                k.StartsWith("hl:{c:", StringComparison.Ordinal) || k.StartsWith("hl:{k:", StringComparison.Ordinal))
            .Where(k => !sends.Contains(k) && !k.StartsWith(RedisKeys.Dedupe("twilio-out", ""), StringComparison.Ordinal));
    }

    internal static List<KeyValuePair<string, string>> StatusCallback(string sid, string to, string status, string? errorCode = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("SmsSid", sid), new("SmsStatus", status), new("MessageStatus", status), new("To", to), new("MessageSid", sid),
            new("AccountSid", FakeTwilio.AccountSid), new("From", TwilioHotline.HotlineNumber), new("ApiVersion", "2010-04-01"),
        };
        if (errorCode is not null) form.Add(new("ErrorCode", errorCode));
        return form;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reply_in_a_conversation_whose_order_an_earlier_version_kept_waits_for_the_turn_still_on_its_way(bool inItsOwnKey)
    {
        // As an earlier version left it, turn 7 queued and still on its way: in the order's own key, or in the conversation's
        // hash with the highest turn done (twilioDone). The next reply takes turn 8 and waits for turn 7, as it would have then.
        const string next = "An operator is reading your messages now.";
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, I need to talk to someone"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.WaitUntilQuietAsync();
        var earlier = $"hl:{{c:{conversationId}}}:twilio:order";
        var conversation = RedisKeys.Conversation(conversationId);
        await hotline.Db.HashDeleteAsync(conversation, ["twilioTurn", "twilioDone"]);
        if (inItsOwnKey) await hotline.Db.HashSetAsync(earlier, [new HashEntry("queued", 7), new HashEntry("sent", 6)]);
        else await hotline.Db.HashSetAsync(conversation, [new HashEntry("twilioTurn", 7), new HashEntry("twilioDone", 6)]);

        await hotline.OperatorRepliesAsync(conversationId, next);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(hotline.Twilio.Requests, r => r.To == from && r.Body == next);

        // The earlier version's Bot finishes turn 7: the reply goes at once, well within the 10 s a turn is waited for.
        if (inItsOwnKey) await hotline.Db.HashSetAsync(earlier, "sent", 7);
        else await hotline.Db.HashSetAsync(conversation, "twilioDone", 7);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == next, 1, TimeSpan.FromSeconds(6));
        await hotline.WaitUntilSentAsync();
        // Turn 8 taken in the hash, and done: its mark is in the conversation's SIDs, which hands no mark over to Twilio.
        Assert.Equal(8, (long)await hotline.Db.HashGetAsync(conversation, "twilioTurn"));
        Assert.True(await hotline.Db.SetContainsAsync($"hl:{{c:{conversationId}}}:twilio:sids", "done:8"));
    }
}
