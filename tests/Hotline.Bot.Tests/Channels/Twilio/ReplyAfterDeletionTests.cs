using Hotline.Bot.Expiry;
using Hotline.Bot.Tests.Expiry;
using Hotline.Core.Transcripts;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// Whether a queued reply may still go is asked just before it is posted, for the replies going at the same moment
/// together (the conversations deleted lately, then the tombstone of those among them): a conversation that expired while
/// its reply waited gets nothing more on the person's phone, and one that was looked at for deletion and kept gets its
/// reply.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class ReplyAfterDeletionTests(TwilioHotline hotline)
{
    private const string InFlight = "Thank you for writing, we read every message.";
    private const string Queued = "You can write again whenever you want to.";

    [Fact]
    public async Task A_reply_queued_while_its_conversation_expires_at_its_maximum_age_is_never_posted()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "START"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.WaitUntilQuietAsync();
        // Started longer ago than the maximum age: the next pass deletes it, however lately it was written in.
        var lifetime = new ConversationLifetimeOptions();
        await hotline.Db.HashSetAsync(RedisKeys.Conversation(conversationId), "createdAt", DateTimeOffset.UtcNow.AddHours(-lifetime.MaxAgeHours - 1).ToUnixTimeMilliseconds());

        var hold = hotline.Twilio.HoldSendsTo(from);
        try
        {
            // One reply reaches Twilio and waits there for its answer; the next waits behind it, not yet asked about.
            await hotline.OperatorRepliesAsync(conversationId, InFlight);
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(60));
            await hotline.OperatorRepliesAsync(conversationId, Queued);
            await WipeRaceTests.WaitForAsync(async () => (await hotline.Db.StreamRangeAsync(TwilioKeys.Outgoing)).Count(e => e["c"] == conversationId) >= 2,
                "the second reply is queued behind the first");

            await ConversationExpiryTests.ExpiryAt(hotline, DateTimeOffset.UtcNow, lifetime).ExpireAsync(CancellationToken.None);
            Assert.True(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "deletedAt"), "the conversation expired");
        }
        finally
        {
            hold.Release();
        }
        await hotline.WaitUntilSentAsync();

        // The reply Twilio held goes on to the phone (it was posted before the expiry) and is deleted there with the rest;
        // the one still queued is never posted.
        var held = Assert.Single(hotline.Twilio.Messages, m => m.To == from && m.Body == InFlight);
        await hotline.Twilio.WaitForAsync(() => hotline.Twilio.Deletions.Where(d => d.AnsweredWith == 204 && d.Sid == held.Sid).ToList(), 1, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(hotline.Twilio.Requests, r => r.To == from && r.Body == Queued);
    }

    [Fact]
    public async Task A_conversation_looked_at_for_deletion_and_kept_still_gets_its_replies()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, I need to talk to someone"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.WaitUntilQuietAsync();

        // A deletion decided earlier (retention's) finds the person wrote since, and keeps the conversation.
        var deletion = hotline.Services.GetRequiredService<ConversationDeletion>();
        Assert.False((await deletion.DeleteConversationAsync(conversationId, onlyIfEntriesAtMost: 0)).Found);
        Assert.False(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "deletedAt"));

        await hotline.OperatorRepliesAsync(conversationId, Queued);
        await hotline.Twilio.WaitForMessagesAsync(m => m.To == from && m.Body == Queued, 1);
    }
}
