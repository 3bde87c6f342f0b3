using System.Text.Json.Serialization;

namespace Hotline.Core.Messages;

public sealed record ChannelAccount(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("role")] string? Role = null);
