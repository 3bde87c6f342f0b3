using Hotline.Core;

namespace Hotline.Bot.Flow;

/// <summary>
/// A message that arrived on any channel, already stripped of the sender's address. Source: the keyed hash of a web chat
/// client's network address, for its case budget and the limits on guessing case codes. Quiet: stored as any other, but the bot does not answer (a sender over
/// its limit).
/// </summary>
public sealed record InboundMessage(string ConversationId, Channel Channel, string Text, string? Source = null, bool Quiet = false)
{
    /// <summary>What the channel adapter already read of the conversation (with its own reads, in one round trip).</summary>
    public PreloadedConversation? Loaded { get; init; }

    /// <summary>The channel's id of the message, taken by the step that stores it: a redelivery is not stored again.</summary>
    public Hotline.Core.Conversations.MessageOnce? Once { get; init; }
}
