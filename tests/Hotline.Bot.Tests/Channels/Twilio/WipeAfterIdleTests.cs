using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// A conversation's message SIDs are kept as long as the conversation, not for the lifetime of the messages' delivery
/// records (30 days by default): the wipe word after a longer silence still has Twilio delete every message, as its reply says.
/// </summary>
[Collection(ShortRecordsCollection.Name)]
public sealed class WipeAfterIdleTests(ShortRecordsHotline hotline)
{
    [Fact]
    public async Task Wipe_word_after_the_conversation_was_idle_past_the_message_record_lifetime_deletes_every_message_at_twilio()
    {
        var from = TwilioHotline.NewNumber();
        var first = TwilioHotline.Sms(from, "Hello, I need to talk to someone");
        (await hotline.PostSignedAsync(first)).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        var greeting = SmsSegments.SplitForSms(TwilioTexts.NeutralFirstReply, 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from, greeting.Count + 1);
        await hotline.WaitUntilSentAsync();
        // Everyone who writes reaches the queue: the reply will say the case is being closed.
        string? caseId = null;
        for (var until = DateTime.UtcNow.AddSeconds(30); caseId is null && DateTime.UtcNow < until; await Task.Delay(100))
        {
            caseId = (string?)await hotline.Db.HashGetAsync(RedisKeys.Conversation(conversationId), "caseId");
        }
        Assert.NotNull(caseId);
        var sids = $"hl:{{c:{conversationId}}}:twilio:sids";
        Assert.True(await hotline.Db.KeyExistsAsync(sids));
        Assert.Null(await hotline.Db.KeyTimeToLiveAsync(sids));

        // Silence, longer than the records' lifetime by Redis's own clock: every message's delivery record has expired
        // (including any the bot sent meanwhile, such as a place in the queue).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await hotline.Db.CountExistingAsync(hotline.Twilio.Messages.Where(m => m.To == from).Select(m => (RedisKey)TwilioKeys.MessageState(m.Sid!))) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the messages' delivery records did not expire within 60 s");
            await Task.Delay(200);
        }
        Assert.True(await hotline.Db.KeyExistsAsync(sids), "the conversation's message SIDs are kept as long as the conversation");
        Assert.Null(await hotline.Db.KeyTimeToLiveAsync(sids));

        var wipe = TwilioHotline.Sms(from, "fshi");
        (await hotline.PostSignedAsync(wipe)).EnsureSuccessStatusCode();

        // The reply says only what was done, Twilio deleting its copies among it; and Twilio is asked to delete every one.
        var expected = SmsSegments.SplitForSms(TwilioTexts.Wiped(Language.En, new ConversationDeletionResult(true, caseId, false)), 4);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && expected.Contains(m.Body!), expected.Count);
        await hotline.WaitUntilDeletedAtTwilioAsync([from], first, wipe);
        Assert.False(await hotline.Db.KeyExistsAsync(sids));
    }
}
