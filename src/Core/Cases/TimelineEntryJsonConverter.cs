using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotline.Core.Cases;

/// <summary>
/// A <see cref="TimelineEntry"/> as {"at","kind","by","detail"}, in that order, whatever naming a host's options use. An entry
/// of a kind this version does not know reads as <see cref="TimelineKind.Unknown"/> keeping its name, and is written back
/// with that name unchanged; an Unknown entry without one is refused.
/// </summary>
public sealed class TimelineEntryJsonConverter : JsonConverter<TimelineEntry>
{
    public override TimelineEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"a timeline entry is an object, not {reader.TokenType}");
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        DateTimeOffset at = default;
        (TimelineKind Kind, string Wire)? kind = null;
        string? by = null, detail = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "at", comparison)) at = JsonSerializer.Deserialize<DateTimeOffset>(ref reader, options);
            else if (string.Equals(name, "kind", comparison)) kind = TimelineKindJsonConverter.ReadWire(ref reader);
            else if (string.Equals(name, "by", comparison)) by = reader.GetString();
            else if (string.Equals(name, "detail", comparison)) detail = reader.GetString();
            else reader.Skip();
        }
        if (kind is not { } known) throw new JsonException("a timeline entry has a kind");
        return new TimelineEntry(at, known.Kind, by, detail) { UnknownKind = known.Kind == TimelineKind.Unknown ? known.Wire : null };
    }

    public override void Write(Utf8JsonWriter writer, TimelineEntry value, JsonSerializerOptions options)
    {
        var kind = value.Kind == TimelineKind.Unknown
            ? value.UnknownKind ?? throw new JsonException("an entry of an unknown timeline kind is written only as it was read")
            : value.Kind.ToWire();
        writer.WriteStartObject();
        writer.WritePropertyName("at");
        JsonSerializer.Serialize(writer, value.At, options);
        writer.WriteString("kind", kind);
        WriteText(writer, "by", value.By, options);
        WriteText(writer, "detail", value.Detail, options);
        writer.WriteEndObject();
    }

    /// <summary>A null is written as null, or left out where the host's options leave nulls out.</summary>
    private static void WriteText(Utf8JsonWriter writer, string name, string? value, JsonSerializerOptions options)
    {
        if (value is not null) writer.WriteString(name, value);
        else if (options.DefaultIgnoreCondition is not (JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)) writer.WriteNull(name);
    }
}
