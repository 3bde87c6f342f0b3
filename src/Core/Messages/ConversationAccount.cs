using System.Text.Json.Serialization;

namespace Hotline.Core.Messages;

public sealed record ConversationAccount([property: JsonPropertyName("id")] string Id);
