using System.Text.Json;
using Hotline.Core;

namespace Hotline.Screening;

/// <summary>One labelled message, as in screening-dev.jsonl.</summary>
public sealed record LabelledMessage(string Id, string Text, Severity Severity, IReadOnlyList<string> Categories, bool Minor, Language? Language)
{
    /// <summary>Reads one JSONL line: {"id","lang","text","severity","categories","minor"}; null with a reason if it is not one.</summary>
    public static LabelledMessage? Parse(string line, out string? error)
    {
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { error = "not a JSON object"; return null; }
            var id = root.TryGetProperty("id", out var i) ? i.ToString() : "";
            if (!root.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String) { error = $"{id}: no text"; return null; }
            if (!root.TryGetProperty("severity", out var s) || !WireNames.TryParseSeverity(s.GetString(), out var severity)) { error = $"{id}: no severity"; return null; }
            var categories = root.TryGetProperty("categories", out var c) && c.ValueKind == JsonValueKind.Array
                ? c.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToArray()
                : [];
            var minor = root.TryGetProperty("minor", out var m) && m.ValueKind == JsonValueKind.True;
            Language? language = root.TryGetProperty("lang", out var l) && l.ValueKind == JsonValueKind.String ? WireNames.ParseLanguage(l.GetString()) : null;
            return new LabelledMessage(id, t.GetString()!, severity, categories, minor, language);
        }
        catch (JsonException e)
        {
            error = "not valid JSON: " + e.Message;
            return null;
        }
    }
}
