using Hotline.Core.Conversations;
using Hotline.Core.Transcripts;

namespace Hotline.Bot.Flow;

/// <summary>
/// A channel conversation as its adapter read it, in the same round trip as its own reads (<see cref="ConversationFlow.Preload"/>):
/// the conversation it continues, if the person moved there with the case code, and its record (null when it does not exist);
/// its transcript's tail and its sealed risk state, both fields of the record (<see cref="TranscriptTail.Field"/>), read
/// together, so an append that finds the transcript's length as the tail says knows the state is the one read.
/// </summary>
public sealed record PreloadedConversation(string? ContinuedIn, ConversationRecord? Record, TranscriptTail? Tail = null, string? SealedRisk = null);
