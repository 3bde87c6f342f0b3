using System.Text.Json.Serialization;
using Hotline.Core;

namespace Hotline.Bot.Channels.DirectLine;

public sealed record DirectLineConversation(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl")] string? StreamUrl = null,
    [property: JsonPropertyName("referenceGrammarId")] string? ReferenceGrammarId = null);
