using System.Text.Json.Serialization;

namespace Hotline.Bot.Channels.DirectLine;

/// <summary>What a Direct Line token grants: one conversation, for one anonymous user, until it expires.</summary>
public sealed record DirectLineGrant(
    [property: JsonPropertyName("c")] string ConversationId,
    [property: JsonPropertyName("u")] string UserId,
    [property: JsonPropertyName("e")] long ExpiresAt);
