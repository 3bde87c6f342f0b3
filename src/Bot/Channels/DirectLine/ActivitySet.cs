using System.Text.Json.Serialization;
using Hotline.Core;
using Hotline.Core.Messages;

namespace Hotline.Bot.Channels.DirectLine;

public sealed record ActivitySet(
    [property: JsonPropertyName("activities")] IReadOnlyList<Activity> Activities,
    [property: JsonPropertyName("watermark")] string Watermark);
