using System.Text;
using Hotline.Core.Transcripts;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// The wipe word arrives while operators' replies are still on their way to Twilio: one already posted and waiting for
/// Twilio's answer, one queued behind it. The deletion happens first, then the sender's steps run; the conversation stays
/// deleted (no key of it comes back), the reply Twilio took is deleted at Twilio, and the queued one is never sent.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class WipeRaceTests(TwilioHotline hotline)
{
    private const string InFlight = "We are here, take your time and write when you can.";
    private const string Queued = "Are you safe to talk right now?";

    [Fact]
    public async Task Replies_racing_the_wipe_word_bring_back_no_key_of_the_conversation_and_none_stays_at_twilio()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, I need to talk to someone"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.WaitUntilQuietAsync();
        var tag = "{c:" + conversationId + "}";

        var hold = hotline.Twilio.HoldSendsTo(from);
        try
        {
            // The first reply reaches Twilio and waits there for its answer; the second is queued behind it.
            await hotline.OperatorRepliesAsync(conversationId, InFlight);
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(60));
            await hotline.OperatorRepliesAsync(conversationId, Queued);
            await WaitForAsync(async () => (await hotline.Db.StreamRangeAsync("hl:twilio:outgoing")).Count(e => e["c"] == conversationId) >= 2,
                "the second reply is queued behind the first");

            // The wipe word: the conversation is deleted while Twilio still holds the first reply.
            (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "fshi"))).EnsureSuccessStatusCode();
            Assert.True(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "deletedAt"));
            Assert.False(await hotline.Db.KeyExistsAsync($"hl:{tag}:twilio:order"));
            Assert.False(await hotline.Db.KeyExistsAsync($"hl:{tag}:twilio:sids"));
        }
        finally
        {
            // Twilio answers now: the sender's steps after the send run against the deleted conversation.
            hold.Release();
        }
        await hotline.WaitUntilSentAsync();

        var held = Assert.Single(hotline.Twilio.Messages, m => m.To == from && m.Body == InFlight);
        Assert.DoesNotContain(hotline.Twilio.Requests, r => r.Body == Queued);
        // The reply Twilio took after the wipe is deleted there like every other message of the conversation.
        await hotline.Twilio.WaitForAsync(() => hotline.Twilio.Deletions.Where(d => d.AnsweredWith == 204 && d.Sid == held.Sid).ToList(), 1, TimeSpan.FromSeconds(60));
        await WaitForAsync(async () => !await hotline.Db.KeyExistsAsync(TwilioKeys.MessageState(held.Sid!)), "the Bot forgets the message once Twilio deleted it");
        await hotline.WaitUntilQuietAsync();

        var dump = await hotline.Redis.AllKeysAndValuesAsync();
        var own = dump.Entries.Where(e => e.Key.Contains(tag, StringComparison.Ordinal)).ToList();
        var tombstone = Assert.Single(own);
        Assert.Equal(RedisKeys.Conversation(conversationId), tombstone.Key);
        Assert.All(tombstone.Parts, p => Assert.Contains(Encoding.UTF8.GetString(p.Name!), ConversationDeletion.TombstoneFields));
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.ReplyHandle(TwilioSender.StatusHandle(held.Sid!))), "nothing points back at the deleted conversation's reply");
        Assert.False(await hotline.Db.KeyExistsAsync(RedisKeys.ReplyStates(conversationId)));
    }

    [Fact]
    public async Task A_long_reply_whose_first_part_races_the_wipe_word_sends_none_of_its_later_parts()
    {
        var from = TwilioHotline.NewNumber();
        (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, I need to talk to someone"))).EnsureSuccessStatusCode();
        var conversationId = (await hotline.ConversationOfAsync(from))!;
        await hotline.WaitUntilQuietAsync();
        // Long enough for several SMS of four segments each.
        var advice = string.Join(' ', Enumerable.Range(1, 60).Select(n => $"Step {n}: keep your phone charged and note where the exits are."));
        var sentBefore = hotline.Twilio.Requests.Count(r => r.To == from);

        var hold = hotline.Twilio.HoldSendsTo(from);
        try
        {
            // The reply's first part reaches Twilio and waits there; the person sends the wipe word meanwhile.
            await hotline.OperatorRepliesAsync(conversationId, advice);
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(60));
            (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "fshi"))).EnsureSuccessStatusCode();
            Assert.True(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(conversationId), "deletedAt"));
        }
        finally
        {
            hold.Release();
        }
        await hotline.WaitUntilSentAsync();
        await hotline.WaitUntilQuietAsync();

        var posted = hotline.Twilio.Requests.Where(r => r.To == from).Skip(sentBefore).Select(r => r.Body ?? "").ToList();
        var parts = posted.Where(body => body.Length > 0 && advice.Contains(body, StringComparison.Ordinal)).ToList();
        Assert.True(advice.Length > parts.Single().Length, "the reply was long enough to be sent in several parts");
        Assert.StartsWith(parts.Single(), advice, StringComparison.Ordinal);
        Assert.Contains(posted, body => !advice.Contains(body, StringComparison.Ordinal));
    }

    /// <summary>Until <paramref name="condition"/> holds, for at most 60 s.</summary>
    internal static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); !await condition(); await Task.Delay(50))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited 60 s: {what}");
        }
    }
}
