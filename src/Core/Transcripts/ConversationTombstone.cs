namespace Hotline.Core.Transcripts;

/// <summary>
/// What is left of a deleted conversation (<see cref="ConversationDeletion"/>): its hash keeps only
/// <see cref="ConversationDeletion.TombstoneFields"/>, among them <see cref="DeletedAtField"/>, which marks it deleted.
/// </summary>
public static class ConversationTombstone
{
    /// <summary>The conversation's hash field that marks it deleted (when, unix ms, to the hour).</summary>
    public const string DeletedAtField = "deletedAt";

    /// <summary>
    /// The first line of a script that writes on a conversation's slot: it returns 0, writing nothing, once the conversation
    /// is deleted (its hash, KEYS[<paramref name="conversationKey"/>], is a tombstone), so a write racing the deletion (a
    /// reply finishing, a receipt arriving just after the wipe word) cannot bring the conversation's keys back.
    /// </summary>
    public static string NothingOnceDeleted(int conversationKey) =>
        $"if redis.call('HEXISTS', KEYS[{conversationKey}], '{DeletedAtField}') == 1 then return 0 end ";
}
