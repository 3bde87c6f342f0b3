using System.Text.Json.Serialization;

namespace Hotline.Bot.Channels.Twilio;

/// <summary>The sealed part of a queued reply: whom it goes to and what it says.</summary>
internal sealed record OutgoingPayload(
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("bodies")] IReadOnlyList<string> Bodies,
    [property: JsonPropertyName("contentSid")] string? ContentSid);

/// <summary>
/// The payload's JSON, sealed and opened once for every reply: code generated at build time, with the reflection
/// serializer's default options, so the sealed text is the same as before.
/// </summary>
[JsonSerializable(typeof(OutgoingPayload))]
internal sealed partial class OutgoingPayloadJson : JsonSerializerContext;
