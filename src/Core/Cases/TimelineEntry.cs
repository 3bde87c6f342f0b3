using System.Text.Json.Serialization;

namespace Hotline.Core.Cases;

/// <summary>
/// One step in a case's life (opened, raised, offered, escalated, claimed, transferred, dispatched…). Never text. The kind is
/// written as its wire name whatever converters a host adds (the Operator's JSON turns other enums to camel case).
/// </summary>
public sealed record TimelineEntry(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("kind"), JsonConverter(typeof(TimelineKindJsonConverter))] TimelineKind Kind,
    [property: JsonPropertyName("by")] string? By,
    [property: JsonPropertyName("detail")] string? Detail);
