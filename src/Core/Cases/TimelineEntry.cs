using System.Text.Json.Serialization;

namespace Hotline.Core.Cases;

/// <summary>
/// One step in a case's life (opened, raised, offered, escalated, claimed, transferred, dispatched…). Never text. The kind is
/// written as its wire name whatever converters a host adds (the Operator's JSON turns other enums to camel case).
/// </summary>
[JsonConverter(typeof(TimelineEntryJsonConverter))]
public sealed record TimelineEntry(DateTimeOffset At, TimelineKind Kind, string? By, string? Detail)
{
    /// <summary>
    /// For a <see cref="TimelineKind.Unknown"/> entry, the name its kind was read with: the console shows it as it is, and it
    /// is written back unchanged.
    /// </summary>
    public string? UnknownKind { get; init; }
}
