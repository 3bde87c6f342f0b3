using Hotline.Core.Transcripts;
using StackExchange.Redis;
using Hotline.Bot.Flow;

namespace Hotline.Bot.Tests.Channels.Twilio;

[Collection(TwilioCollection.Name)]
public sealed class TwilioDeliveryTests(TwilioHotline hotline)
{
    private static int GreetingParts => SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4).Count;

    private async Task<string> StartSmsConversationAsync(string from)
    {
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, can we talk?"))).EnsureSuccessStatusCode();
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, GreetingParts + 1);
        await hotline.WaitUntilSentAsync();
        return (await hotline.ConversationOfAsync(from))!;
    }

    [Fact]
    public async Task Retries_on_429_then_delivers()
    {
        var from = TwilioHotline.NewNumber();
        var conversationId = await StartSmsConversationAsync(from);
        hotline.Twilio.AnswerNextSends((429, 20429, 0), (500, null, null), (503, null, null));

        await hotline.OperatorRepliesAsync(conversationId, "We are here. Take your time.");

        var delivered = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == "We are here. Take your time.", 1);
        await hotline.WaitUntilSentAsync();
        Assert.Single(delivered);
        var attempts = hotline.Twilio.Requests.Where(r => r.To == from && r.Body == "We are here. Take your time.").Select(r => r.AnsweredWith).ToList();
        Assert.Equal([429, 500, 503, 201], attempts);
    }

    [Fact]
    public void Back_off_doubles_and_follows_retry_after_within_the_limit()
    {
        var retries = new TwilioOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(500), MaxRetryDelay = TimeSpan.FromSeconds(20) }.Retries;
        Assert.Equal(TimeSpan.FromMilliseconds(500), retries.DelayAfter(1, null));
        Assert.Equal(TimeSpan.FromSeconds(4), retries.DelayAfter(4, null));
        Assert.Equal(TimeSpan.FromSeconds(20), retries.DelayAfter(10, null));
        Assert.Equal(TimeSpan.FromSeconds(3), retries.DelayAfter(1, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(20), retries.DelayAfter(1, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Twilio_unavailable_for_every_attempt_leaves_the_reply_pending_for_a_later_try()
    {
        var from = TwilioHotline.NewNumber();
        var conversationId = await StartSmsConversationAsync(from);
        const string text = "Still here when you are ready.";
        hotline.Twilio.AnswerNextSends(Enumerable.Repeat<(int, int?, int?)>((503, null, null), 5).ToArray());

        await hotline.OperatorRepliesAsync(conversationId, text);

        await hotline.Twilio.WaitForAsync(() => hotline.Twilio.Requests.Where(r => r.Body == text).ToList(), 5);
        var pending = await hotline.Db.StreamPendingAsync("hl:twilio:outgoing", "twilio");
        Assert.Equal(1, pending.PendingMessageCount);
        Assert.DoesNotContain(hotline.Twilio.Messages, m => m.Body == text);
        // The entry is claimed again once idle (30 s): not waited for here; the stream keeps it, sealed.
        await hotline.Db.StreamDeleteAsync("hl:twilio:outgoing", [(await hotline.Db.StreamRangeAsync("hl:twilio:outgoing")).Single().Id]);
        await hotline.Db.StreamAcknowledgeAsync("hl:twilio:outgoing", "twilio", pending.LowestPendingMessageId);
    }

    [Fact]
    public async Task Rejected_message_is_not_retried_and_its_error_code_is_noted_on_the_conversation()
    {
        var from = TwilioHotline.NewNumber();
        var conversationId = await StartSmsConversationAsync(from);
        hotline.Twilio.AnswerNextSends((400, 21610, null));

        await hotline.OperatorRepliesAsync(conversationId, "Message one");
        await hotline.OperatorRepliesAsync(conversationId, "Message two");

        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == "Message two", 1);
        await hotline.WaitUntilSentAsync();
        Assert.Single(hotline.Twilio.Requests, r => r.Body == "Message one");
        Assert.Equal("21610", (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), TwilioFields.LastError));
    }

    [Fact]
    public async Task A_reply_delivered_again_after_only_some_of_its_parts_were_accepted_sends_each_part_once()
    {
        var from = TwilioHotline.NewNumber();
        var conversationId = await StartSmsConversationAsync(from);
        var reply = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"Pjesa {i} e një përgjigjeje të gjatë."));
        var expected = SmsSegments.SplitForSms(reply, 4);
        Assert.True(expected.Count > 1);
        // Twilio takes the first part, then is unavailable for every attempt at the second: the entry stays pending.
        hotline.Twilio.AnswerNextSends([(201, null, null), .. Enumerable.Repeat<(int, int?, int?)>((503, null, null), 5)]);

        await hotline.OperatorRepliesAsync(conversationId, reply);

        await hotline.Twilio.WaitForAsync(() => hotline.Twilio.Requests.Where(r => r.Body == expected[1]).ToList(), 5);
        var pending = await hotline.Db.StreamPendingMessagesAsync(TwilioKeys.Outgoing, TwilioSender.GroupName, 10, RedisValue.Null);
        Assert.Single(pending);
        // Half a minute on, the entry is claimed again (as after a Bot crashed holding it): here it is made that idle at once.
        await hotline.Db.ExecuteAsync("XCLAIM",
            [TwilioKeys.Outgoing, TwilioSender.GroupName, pending[0].ConsumerName.ToString(), 0, pending[0].MessageId.ToString(), "IDLE", 30_000, "JUSTID"]);
        await hotline.Db.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.Wake(TwilioKeys.Outgoing)), StreamGroupWorker.HandedBack);

        var sent = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && reply.Contains(m.Body!, StringComparison.Ordinal), expected.Count);
        await hotline.WaitUntilSentAsync();
        Assert.Equal(expected, sent.Select(m => m.Body));
        Assert.Equal(0, (await hotline.Db.StreamPendingAsync(TwilioKeys.Outgoing, TwilioSender.GroupName)).PendingMessageCount);
        // Each part's SID is the conversation's, for a later deletion at Twilio; what marks a part sent is never handed over as one.
        var deletion = await hotline.Services.GetRequiredService<ConversationDeletion>().DeleteConversationAsync(conversationId);
        Assert.Superset(sent.Select(m => m.Sid!).ToHashSet(), deletion.ChannelMessageIds.ToHashSet());
        Assert.DoesNotContain(deletion.ChannelMessageIds, id => id.Contains(':', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Long_reply_is_split_within_sms_limits()
    {
        var from = TwilioHotline.NewNumber();
        var conversationId = await StartSmsConversationAsync(from);
        var reply = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"Fjalia {i} është e gjatë, por e qartë."));

        await hotline.OperatorRepliesAsync(conversationId, reply);

        var expected = SmsSegments.SplitForSms(reply, 4);
        Assert.True(expected.Count > 3);
        var sent = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && reply.Contains(m.Body!, StringComparison.Ordinal), expected.Count);
        Assert.Equal(expected, sent.Select(m => m.Body));
        Assert.All(sent, m => Assert.True(SmsSegments.Count(m.Body).Segments <= 4));
        Assert.Equal(reply, string.Join(' ', sent.Select(m => m.Body)));
    }

    [Fact]
    public async Task Whatsapp_reply_outside_the_24_hour_window_sends_the_template_holds_the_reply_and_the_console_can_tell()
    {
        var from = "whatsapp:" + TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.WhatsApp(from, "Hello, I need help", "Arta Hoxha", from[10..]))).EnsureSuccessStatusCode();
        var greeting = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, 2);
        Assert.Equal(BotTexts.Greeting, greeting[0].Body);
        Assert.All(greeting, m => Assert.Equal("whatsapp:+14155238886", m.Form["From"]));
        await hotline.WaitUntilSentAsync();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var windows = hotline.Services.GetRequiredService<WhatsAppWindows>();
        var window = await windows.GetAsync(conversationId);
        Assert.True(window.Open);
        Assert.InRange(window.Until!.Value - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));

        // A day passes.
        await hotline.Db.HashSetAsync(RedisKeys.Conversation(conversationId), TwilioFields.WhatsAppWindowUntil, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds());
        Assert.False(await windows.IsOpenAsync(conversationId));
        var before = hotline.Twilio.Messages.Count(m => m.To == from);

        await hotline.OperatorRepliesAsync(conversationId, "First reply after a day");
        var template = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Form.ContainsKey("ContentSid"), 1);
        Assert.Equal(TwilioHotline.TemplateSid, template[0].Form["ContentSid"]);
        Assert.False(template[0].Form.ContainsKey("Body"));
        Assert.Equal("held-template-sent", (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), TwilioFields.LastDelivery));

        await hotline.OperatorRepliesAsync(conversationId, "Second reply after a day");
        await WaitForFieldAsync(conversationId, TwilioFields.LastDelivery, "held");
        await hotline.WaitUntilSentAsync();
        Assert.Equal(before + 1, hotline.Twilio.Messages.Count(m => m.To == from));

        // The person writes again: the window opens and the held replies go out, in order.
        (await hotline.PostSignedAsync(TwilioHotline.WhatsApp(from, "I am back", "Arta Hoxha", from[10..]))).EnsureSuccessStatusCode();
        var released = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body is not null && m.Body.Contains("reply after a day", StringComparison.Ordinal), 2);
        Assert.Equal(["First reply after a day", "Second reply after a day"], released.Select(m => m.Body));
        Assert.True(await windows.IsOpenAsync(conversationId));
    }

    [Fact]
    public async Task Whatsapp_business_scoped_sender_id_is_an_opaque_address()
    {
        const string from = "whatsapp:AL.1A2B3C4D5E6F7A8B9C";
        (await hotline.PostSignedAsync(TwilioHotline.WhatsApp(from, "Hi", "Someone", ""))).EnsureSuccessStatusCode();
        var sent = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, 2);
        Assert.Equal(from, sent[0].To);
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        Assert.Equal("whatsapp", (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "channel"));
    }

    private async Task WaitForFieldAsync(string conversationId, string field, string value)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), field) != value)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{field} never became {value}");
            await Task.Delay(50);
        }
    }
}
