namespace Hotline.Core.Tests.Transcripts;

/// <summary>
/// Deletion's script deletes every key it is given (KEYS generically): on a Redis Cluster that is allowed only when they
/// all hash to one slot, so every key KeysOf names must carry the conversation's hash tag.
/// </summary>
public sealed class DeletionSlotTests
{
    [Fact]
    public async Task Every_key_a_conversation_deletion_removes_is_on_the_slot_of_the_conversation()
    {
        await using var redis = await RedisServer.StartClusterAsync();
        await using var mux = await redis.ConnectAsync();
        foreach (var id in new[] { "c-1", "abc123def456", "note-Kxyz" })
        {
            var slot = mux.HashSlot(RedisKeys.Conversation(id));
            Assert.All(ConversationDeletion.KeysOf(id), key => Assert.Equal(slot, mux.HashSlot(key)));
            Assert.Equal(slot, mux.HashSlot(RedisKeys.DeletionRemainder(id)));
        }
    }
}
