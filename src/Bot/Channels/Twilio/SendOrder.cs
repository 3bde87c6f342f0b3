using Hotline.Core.Conversations;
using Hotline.Core.Transcripts;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// A conversation's send order: the last turn handed out to a reply (<see cref="QueuedField"/>, a field of its hash), and
/// each turn done (<see cref="DoneMember"/>, a member of its SIDs set, added by the <c>SADD</c> that adds the last part's
/// SID, so marking a turn done costs no command of its own). Its messages reach Twilio in the order they were queued,
/// whichever Bot sends them. Both live and go with the conversation (a tombstone keeps neither), with no lifetime to renew.
/// Earlier versions raised the highest turn done in the hash (<see cref="DoneField"/>), and before that kept the order in
/// a key of its own (<see cref="TwilioKeys.SendOrder"/>, fields <c>queued</c> and <c>sent</c>, 7 days): a turn counts as
/// done by either of them too.
/// </summary>
internal static class SendOrder
{
    public const string QueuedField = "twilioTurn";

    /// <summary>The highest turn done, as earlier versions raised it in the conversation's hash (read, no longer written).</summary>
    public const string DoneField = "twilioDone";

    /// <summary>
    /// A turn done, as a member of the conversation's <see cref="TwilioKeys.MessageSids"/> (a message SID never holds a ':',
    /// so the conversation's deletion hands none of these over to Twilio).
    /// </summary>
    public static string DoneMember(long turn) => "done:" + turn.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Lua: the <see cref="DoneMember"/> of the turn <paramref name="turn"/> (a Lua expression).</summary>
    public static string DoneMemberLua(string turn) => $"'done:' .. {turn}";

    /// <summary>
    /// Lua, the prologue of every script that writes a reply's bookkeeping on the conversation: the local
    /// <paramref name="name"/> is one <c>HMGET</c> of the conversation's hash at <paramref name="key"/>, its first value the
    /// tombstone's <c>deletedAt</c>, then <paramref name="fields"/> (Lua expressions naming fields) from index 2 on. The
    /// script returns <paramref name="gone"/> at once if the conversation is deleted, or, when <paramref name="live"/>, if its
    /// channel (its first field, kept by a tombstone too, read last) is missing: the conversation is not there at all.
    /// Nothing after it can bring a deleted conversation's keys back.
    /// </summary>
    public static string ReadUnlessDeleted(string name, string key, string gone, bool live, params string[] fields)
    {
        var read = string.Join(", ", [$"'{ConversationTombstone.DeletedAtField}'", .. fields, .. live ? new[] { $"'{ConversationStore.ChannelField}'" } : []]);
        var missing = live ? $" or not {name}[{fields.Length + 2}]" : "";
        return $"local {name} = redis.call('HMGET', {key}, {read}) if {name}[1]{missing} then return {gone} end ";
    }

    /// <summary>
    /// Lua: takes the conversation's next turn, the local <c>turn</c>, from <paramref name="queued"/>, the hash's
    /// <see cref="QueuedField"/> as read (or false), and writes it with the other fields and values of the Lua list
    /// <paramref name="alsoSet"/> (a reply's outcome, or nothing) in one <c>HSET</c>.
    /// </summary>
    public static string TakeTurn(string conversationKey, string queued, string earlierKey, string alsoSet) =>
        $"local turn = tonumber({queued} or redis.call('HGET', {earlierKey}, 'queued') or '0') + 1 " +
        $"redis.call('HSET', {conversationKey}, '{QueuedField}', turn, unpack({alsoSet})) ";
}
