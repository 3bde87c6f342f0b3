using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.Core.Cases;

/// <summary>
/// A <see cref="TimelineKind"/> as its wire name in JSON, exactly (<see cref="TimelineKindNames"/>): no numbers, no other
/// spelling. Reading is tolerant of a name this version does not know (<see cref="TimelineKind.Unknown"/>, so that a
/// timeline a newer version wrote still reads); writing is strict: Unknown has no name to write.
/// </summary>
public sealed class TimelineKindJsonConverter : JsonConverter<TimelineKind>
{
    public override TimelineKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadWire(ref reader).Kind;

    public override void Write(Utf8JsonWriter writer, TimelineKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToWire());

    /// <summary>The kind and the name it was read with; a kind is a string, anything else is a <see cref="JsonException"/>.</summary>
    internal static (TimelineKind Kind, string Wire) ReadWire(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"a timeline kind is a string, not {reader.TokenType}");
        var wire = reader.GetString()!;
        return (TimelineKindNames.TryParse(wire, out var kind) ? kind : TimelineKind.Unknown, wire);
    }
}
