using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

[Collection(TwilioCollection.Name)]
public sealed class EventRelayFailureTests(TwilioHotline hotline)
{
    [Fact]
    public async Task A_message_whose_event_cannot_be_relayed_is_answered_stored_once_and_its_event_follows_by_the_sweep()
    {
        var from = TwilioHotline.NewNumber();
        Assert.Equal(HttpStatusCode.OK, (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Përshëndetje"))).StatusCode);
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, 2);
        await hotline.WaitUntilSentAsync();
        const string text = "A mund të më ndihmoni?";

        // The bot may no longer write hl:events: the message's step succeeds, the relay after it fails.
        await using var admin = await hotline.Redis.ConnectAsync();
        var servers = hotline.Redis.Servers(admin);
        var keys = ((RedisResult[])(await servers[0].ExecuteAsync("ACL", "GETUSER", "bot"))!)
            .Chunk(2).Single(p => (string?)p[0] == "keys")[1].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        HttpResponseMessage response;
        try
        {
            foreach (var server in servers) await server.ExecuteAsync("ACL", ["SETUSER", "bot", "resetkeys", .. keys.Where(k => k != "~hl:events")]);
            response = await hotline.PostSignedAsync(TwilioHotline.Sms(from, text));
        }
        finally
        {
            foreach (var server in servers) await server.ExecuteAsync("ACL", ["SETUSER", "bot", "resetkeys", .. keys]);
        }

        // What the person and the team observe: the request is taken, the answer arrives, the message is kept once.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var transcript = await hotline.TranscriptAsync(conversationId);
        Assert.Single(transcript, t => t == text);
        var answer = SmsSegments.SplitForSms(transcript[transcript.ToList().IndexOf(text) + 1], 4);
        var sent = await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && answer.Contains(m.Body!), answer.Count);
        Assert.Equal(answer, sent.Select(m => m.Body));
        // The event stayed in the conversation's outbox; the sweep puts it on hl:events and empties the outbox.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await hotline.Db.ListLengthAsync(RedisKeys.EventOutbox(conversationId)) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The stored message's event was never relayed from its outbox");
            await Task.Delay(200);
        }
    }
}
