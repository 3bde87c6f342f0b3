namespace Hotline.Core.Conversations;

/// <summary>
/// A message's step refused to store the message in a channel conversation whose alias (the conversation it continues)
/// exists although the caller found none (<see cref="MessageRecorder.RecordOnceAsync"/>, aliasCheck): nothing was stored
/// or taken (not even the message's id); the caller reads the alias and stores the message there.
/// </summary>
public sealed class ConversationMovedException(string channelConversationId)
    : InvalidOperationException("The conversation continues another")
{
    /// <summary>The channel conversation the message came in.</summary>
    public string ChannelConversationId { get; } = channelConversationId;
}
