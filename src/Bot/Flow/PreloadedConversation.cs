using Hotline.Core.Conversations;

namespace Hotline.Bot.Flow;

/// <summary>
/// A channel conversation as its adapter read it, in the same round trip as its own reads (<see cref="ConversationFlow.Preload"/>):
/// the conversation it continues, if the person moved there with the case code, and its record (null when it does not exist).
/// </summary>
public sealed record PreloadedConversation(string? ContinuedIn, ConversationRecord? Record);
