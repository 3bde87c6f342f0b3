using System.Text.Json.Serialization;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>The sealed part of a queued reply: whom it goes to and what it says.</summary>
internal sealed record OutgoingPayload(
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("bodies")] IReadOnlyList<string> Bodies,
    [property: JsonPropertyName("contentSid")] string? ContentSid);
