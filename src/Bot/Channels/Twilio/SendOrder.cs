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

    /// <summary>Lua: the local <c>turn</c>, the conversation's next turn, from <paramref name="queued"/>, the hash's <see cref="QueuedField"/> (or false).</summary>
    public static string NextTurn(string queued, string earlierKey) =>
        $"local turn = tonumber({queued} or redis.call('HGET', {earlierKey}, 'queued') or '0') + 1 ";

    /// <summary>Lua: raises the hash's <see cref="DoneField"/> to <paramref name="turn"/> when <paramref name="done"/>, its value (or false), is lower.</summary>
    public static string RaiseDone(string conversationKey, string done, string earlierKey, string turn) =>
        $"if tonumber({done} or redis.call('HGET', {earlierKey}, 'sent') or '0') < tonumber({turn}) then " +
        $"redis.call('HSET', {conversationKey}, '{DoneField}', {turn}) end ";
}
