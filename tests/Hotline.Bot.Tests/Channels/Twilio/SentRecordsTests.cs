using Hotline.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// The records of parts Twilio accepted for several conversations at the same moment go to Redis together: each is still
/// its own conversation's step, so a conversation wiped meanwhile gets nothing back while the others get their SIDs, sent
/// marks and turns done.
/// </summary>
[Collection(TwilioCollection.Name)]
public sealed class SentRecordsTests(TwilioHotline hotline)
{
    [Fact]
    public async Task Parts_sent_together_are_each_recorded_in_their_own_conversation_and_a_wiped_one_gets_nothing_back()
    {
        var people = Enumerable.Range(0, 6).Select(_ => TwilioHotline.NewNumber()).ToArray();
        foreach (var from in people) (await hotline.PostSignedAsync(TwilioHotline.Sms(from, "Hello, can we talk?"))).EnsureSuccessStatusCode();
        var conversations = new string[people.Length];
        for (var i = 0; i < people.Length; i++) conversations[i] = (await hotline.ConversationOfAsync(people[i]))!;
        await hotline.WaitUntilSentAsync();
        // The last person wipes the conversation: a part whose record comes after it must not bring its keys back.
        var wiped = conversations[^1];
        (await hotline.PostSignedAsync(TwilioHotline.Sms(people[^1], "fshi"))).EnsureSuccessStatusCode();
        for (var until = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < until && !await hotline.Db.HashExistsAsync(RedisKeys.Conversation(wiped), "deletedAt");)
        {
            await Task.Delay(20);
        }
        Assert.True(await hotline.Db.HashExistsAsync(RedisKeys.Conversation(wiped), "deletedAt"));

        var states = hotline.Services.GetRequiredService<MessageStates>();
        var sids = conversations.Select(_ => TwilioHotline.NewSid()).ToArray();
        var outgoing = conversations.Select(_ => "1-" + TwilioHotline.NewSid("E")).ToArray();
        var kept = await Task.WhenAll(conversations.Select((c, i) => states.RecordOutgoingAsync(c, sids[i], "queued", false, outgoing[i], 0, 1000 + i)));

        for (var i = 0; i < conversations.Length - 1; i++)
        {
            Assert.True(kept[i]);
            var members = await hotline.Db.SetMembersAsync(TwilioKeys.MessageSids(conversations[i]));
            Assert.Contains(sids[i], members.Select(m => m.ToString()));
            Assert.Contains(TwilioKeys.SentPartMember(outgoing[i], 0), members.Select(m => m.ToString()));
            Assert.Contains(SendOrder.DoneMember(1000 + i), members.Select(m => m.ToString()));
            // Nothing of another conversation's part.
            Assert.DoesNotContain(members, m => sids.Where((_, j) => j != i).Contains(m.ToString()));
            Assert.Equal(conversations[i], (await states.GetAsync(sids[i]))!.ConversationId);
        }
        Assert.False(kept[^1]);
        Assert.False(await hotline.Db.KeyExistsAsync(TwilioKeys.MessageSids(wiped)));
        // Marked sent on its own key (a redelivery does not send it again), and deleted at Twilio.
        Assert.True(await hotline.Db.KeyExistsAsync(TwilioKeys.SentPart(outgoing[^1], 0)));
        Assert.True(await hotline.Db.SortedSetScoreAsync(TwilioKeys.PendingDeletions, sids[^1]) is not null
            || hotline.Twilio.Deletions.Any(d => d.Sid == sids[^1] || d.Path.EndsWith(sids[^1] + ".json", StringComparison.Ordinal)));
    }
}
