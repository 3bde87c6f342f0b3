using Hotline.Core.Conversations;
using Hotline.Core.Transcripts;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>
/// A conversation's send order, two fields of its hash: the last turn handed out to a reply (<see cref="QueuedField"/>) and
/// the highest turn done (<see cref="DoneField"/>). Its messages reach Twilio in the order they were queued, whichever Bot
/// sends them. Being fields of the hash, the order is read and written by the steps that read and write the conversation
/// anyway, has no lifetime of its own to renew, and goes with the conversation (a tombstone keeps neither field).
/// An earlier version kept them in a key of their own (<see cref="TwilioKeys.SendOrder"/>, fields <c>queued</c> and
/// <c>sent</c>, 7 days): while a field is missing, that key is read instead, once.
/// </summary>
internal static class SendOrder
{
    public const string QueuedField = "twilioTurn";

    public const string DoneField = "twilioDone";

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

    /// <summary>Lua: raises the hash's <see cref="DoneField"/> to <paramref name="turn"/> when <paramref name="done"/>, its value (or false), is lower.</summary>
    public static string RaiseDone(string conversationKey, string done, string earlierKey, string turn) =>
        $"if tonumber({done} or redis.call('HGET', {earlierKey}, 'sent') or '0') < tonumber({turn}) then " +
        $"redis.call('HSET', {conversationKey}, '{DoneField}', {turn}) end ";
}
