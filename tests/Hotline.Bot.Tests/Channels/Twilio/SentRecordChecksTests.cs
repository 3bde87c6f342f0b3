using Hotline.Core.Conversations;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hotline.Bot.Tests.Channels.Twilio;

/// <summary>
/// The records of parts Twilio accepted together, on one Redis, ask a conversation's hash whether it was wiped or deleted
/// only where the deletions' notes name it (every wipe and deletion notes its conversation first): the others are
/// recorded on the notes' one answer, and a wiped or deleted conversation still gets nothing back. A Redis of its own, so
/// that its command counts are this test's.
/// </summary>
public sealed class SentRecordChecksTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static string NewConversation() => "C" + TwilioHotline.NewSid("");

    private Task<long> HashReadsAsync() => CommandCounts.OfAsync(redis.Connection, redis.ConnectionString, "hmget");

    [Fact]
    public async Task Parts_recorded_together_ask_only_the_noted_conversations_and_a_wiped_or_deleted_one_gets_nothing_back()
    {
        var db = redis.Database;
        var live = Enumerable.Range(0, 3).Select(_ => NewConversation()).ToArray();
        var (kept, wiped, deleted) = (NewConversation(), NewConversation(), NewConversation());
        foreach (var c in live.Append(kept).Append(wiped)) await db.HashSetAsync(RedisKeys.Conversation(c), ConversationStore.ChannelField, "sms");
        // Expiry noted one and kept it after all (the person wrote again); a wipe noted and marked one and has not deleted it
        // yet; a deletion noted one and left its tombstone.
        await db.HashSetAsync(RedisKeys.Conversation(wiped), TwilioFields.Wiped, "1");
        await db.HashSetAsync(RedisKeys.Conversation(deleted), ConversationTombstone.DeletedAtField, "1");
        foreach (var c in new[] { kept, wiped, deleted }) await db.SortedSetAddAsync(RedisKeys.ConversationsDeleted, c, 1);

        var states = new MessageStates(new HotlineRedis(redis.Connection), Options.Create(new TwilioOptions()), TimeProvider.System);
        string[] conversations = [.. live, kept, wiped, deleted];
        var sids = conversations.Select(_ => TwilioHotline.NewSid()).ToArray();
        var outgoing = conversations.Select(_ => "1-" + TwilioHotline.NewSid("E")).ToArray();
        var before = await HashReadsAsync();
        var recorded = await Task.WhenAll(conversations.Select((c, i) => states.RecordOutgoingAsync(c, sids[i], "queued", false, outgoing[i], 0, 7)));
        var asked = await HashReadsAsync() - before;

        Assert.Equal([true, true, true, true, false, false], recorded);
        for (var i = 0; i < 4; i++)
        {
            var members = (await db.SetMembersAsync(TwilioKeys.MessageSids(conversations[i]))).Select(m => m.ToString()).ToArray();
            Assert.Contains(sids[i], members);
            Assert.Contains(TwilioKeys.SentPartMember(outgoing[i], 0), members);
            Assert.Contains(SendOrder.DoneMember(7), members);
        }
        // The wiped one gets its turn done and nothing else; the deleted one no set at all. Both are deleted at Twilio.
        Assert.Equal([SendOrder.DoneMember(7)], (await db.SetMembersAsync(TwilioKeys.MessageSids(wiped))).Select(m => m.ToString()));
        Assert.False(await db.KeyExistsAsync(TwilioKeys.MessageSids(deleted)));
        foreach (var i in new[] { 4, 5 })
        {
            Assert.NotNull(await db.SortedSetScoreAsync(TwilioKeys.PendingDeletions, sids[i]));
            Assert.True(await db.KeyExistsAsync(TwilioKeys.SentPart(outgoing[i], 0)));
        }
        // The three noted conversations' hashes were asked; the three others' were not.
        Assert.Equal(3, asked);
    }
}
