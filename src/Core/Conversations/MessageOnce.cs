namespace Hotline.Core.Conversations;

/// <summary>
/// A channel's own id of an inbound message (Twilio's MessageSid), taken by the step that stores the message, in a set on
/// the conversation's hash slot (<paramref name="SetKey"/>): a message the channel delivers again is refused by the same
/// atomic step, so it is stored once. The set does not expire: it lives as long as its conversation (the one deletion path
/// deletes it, and hands its ids to the channel, which deletes its own copies of the messages).
/// </summary>
public sealed record MessageOnce(string SetKey, string Id);
