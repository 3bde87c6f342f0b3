namespace Hotline.Core.Conversations;

/// <summary>
/// A channel's own id of an inbound message (Twilio's MessageSid), taken by the step that stores the message, in a set on
/// the conversation's hash slot (<paramref name="SetKey"/>), kept for <paramref name="Lifetime"/> after the last one: a
/// message the channel delivers again is refused by the same atomic step, so it is stored once.
/// </summary>
public sealed record MessageOnce(string SetKey, string Id, TimeSpan Lifetime);
