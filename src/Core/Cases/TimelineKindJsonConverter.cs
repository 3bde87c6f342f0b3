using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.Core.Cases;

/// <summary>
/// A <see cref="TimelineKind"/> as its wire name in JSON, exactly (<see cref="TimelineKindNames"/>): no numbers, no other
/// spelling; an unknown name is a <see cref="JsonException"/> that names it.
/// </summary>
public sealed class TimelineKindJsonConverter : JsonConverter<TimelineKind>
{
    public override TimelineKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"a timeline kind is a string, not {reader.TokenType}");
        var wire = reader.GetString();
        return TimelineKindNames.TryParse(wire, out var kind) ? kind : throw new JsonException($"'{wire}' is not a timeline kind");
    }

    public override void Write(Utf8JsonWriter writer, TimelineKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToWire());
}
