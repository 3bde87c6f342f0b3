namespace Hotline.Core.Conversations;

/// <summary>A channel and that channel's own conversation id, where replies go.</summary>
public sealed record ConversationRoute(Channel Channel, string ChannelConversationId);
