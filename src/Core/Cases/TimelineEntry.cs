using System.Text.Json.Serialization;

namespace Hotline.Core.Cases;

/// <summary>One step in a case's life (opened, raised, offered, escalated, claimed, transferred, dispatched…). Never text.</summary>
public sealed record TimelineEntry(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("by")] string? By,
    [property: JsonPropertyName("detail")] string? Detail);
