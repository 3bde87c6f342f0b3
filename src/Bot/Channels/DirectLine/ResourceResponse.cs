using System.Text.Json.Serialization;
using Hotline.Core;

namespace Hotline.Bot.Channels.DirectLine;

public sealed record ResourceResponse([property: JsonPropertyName("id")] string Id);
