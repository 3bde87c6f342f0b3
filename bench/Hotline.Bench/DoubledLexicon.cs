using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hotline.Screening;

namespace Hotline.Bench;

/// <summary>
/// The embedded lexicon grown to twice its size, built once per benchmark run: so the benchmark shows whether lexicon
/// growth costs speed. Every verb class gets a second lemma for each of its lemmas, generated through the same paradigm
/// tables (<see cref="Morphology"/>); every indicator, immediacy cue, actor, cue, time and idiom gets a second entry with
/// the same phrase structure (the same classes, gaps and optional steps) in new words; every place of the gazetteer a
/// second place; the language word lists a new word for each of theirs. The new words begin with "zx", which no message
/// here contains, so the second half brings the lexicon's size and not new matches (its phrases that use the verb
/// classes are tried wherever a verb is): what it measures is the cost of size itself (a trie, sets, groups and
/// variants twice as large, class sets with twice the forms).
/// </summary>
internal static class DoubledLexicon
{
    private const string Prefix = "zx";

    private static readonly Lazy<Lexicon> lazy = new(Build);

    public static Lexicon Lexicon => lazy.Value;

    /// <summary>The doubled lexicon with the embedded learned opinion, as <see cref="Screener.Default"/> is built.</summary>
    public static Screener Screener(bool opinion = true) => new(Lexicon, opinion ? Opinion.Embedded : null);

    private static readonly string[] Sections = ["immediacy", "actors", "cues", "times", "idioms"];

    private static Lexicon Build()
    {
        var assembly = typeof(Lexicon).Assembly;
        JsonNode root;
        using (var source = assembly.GetManifestResourceStream("Hotline.Screening.Data.lexicon.json")!)
        {
            root = JsonNode.Parse(source, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        }
        if (root["morphology"] is JsonObject morphology)
        {
            foreach (var language in new[] { "sq", "en" })
            {
                if (morphology[language] is not JsonObject classes) continue;
                foreach (var (_, lemmas) in classes)
                {
                    var list = lemmas!.AsArray();
                    foreach (var spec in list.Select(l => l!.GetValue<string>()).ToList()) list.Add(Lemma(spec));
                }
            }
        }
        if (root["indicators"] is JsonObject indicators)
        {
            foreach (var (_, group) in indicators) Double(group!.AsArray());
        }
        foreach (var section in Sections)
        {
            if (root[section] is JsonArray entries) Double(entries);
        }
        if (root["languages"] is JsonObject languages)
        {
            foreach (var (_, words) in languages)
            {
                var list = words!.AsArray();
                foreach (var word in list.Select(w => w!.GetValue<string>()).ToList())
                {
                    if (Letters(word) >= 4) list.Add(Prefix + word);
                }
            }
        }
        JsonNode gazetteer;
        using (var source = assembly.GetManifestResourceStream("Hotline.Screening.Data.places.json")!)
        {
            gazetteer = JsonNode.Parse(source)!;
        }
        foreach (var section in new[] { "municipalities", "abroad" })
        {
            if (gazetteer[section] is not JsonArray list) continue;
            foreach (var place in list.ToList())
            {
                var copy = place!.DeepClone().AsObject();
                foreach (var field in new[] { "name", "forms", "places" })
                {
                    if (copy[field] is null) continue;
                    copy[field] = copy[field] switch
                    {
                        JsonArray names => new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(Prefix + n!.GetValue<string>()))]),
                        JsonValue name => Prefix + name.GetValue<string>(),
                        _ => null,
                    };
                }
                list.Add(copy);
            }
        }
        var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()));
        var places = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(gazetteer.ToJsonString()));
        using var guard = assembly.GetManifestResourceStream("Hotline.Screening.Data.typo-guard.txt")!;
        return Lexicon.Load(json, places, guard);
    }

    /// <summary>Appends to <paramref name="entries"/> a copy of each entry with new content words and a new id.</summary>
    private static void Double(JsonArray entries)
    {
        foreach (var entry in entries.ToList())
        {
            if (entry is not JsonObject original || original["patterns"] is not JsonArray patterns) continue;
            var copy = original.DeepClone().AsObject();
            copy["id"] = original["id"]!.GetValue<string>() + ".x2";
            var copied = patterns.Select(p => Pattern(p!.GetValue<string>())).Where(p => p.Length > 0).ToList();
            if (copied.Count == 0) continue;
            copy["patterns"] = new JsonArray([.. copied.Select(p => (JsonNode)JsonValue.Create(p))]);
            entries.Add(copy);
        }
    }

    private static readonly Regex Marker = new(@"^(~\d+|\||#|@.*)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The same pattern with every word replaced by a new word (classes, numbers, gaps and optional steps kept); a phrase
    /// of classes only is left out, as its copy would match what the original matches.
    /// </summary>
    private static string Pattern(string pattern) => string.Join(" | ", pattern.Split(" | ")
        .Where(phrase => phrase.Split(' ').Any(step => Words(step).Any()))
        .Select(phrase => string.Join(' ', phrase.Split(' ').Select(step =>
        {
            if (!Words(step).Any()) return step;
            var optional = step.EndsWith('?');
            var body = optional ? step[..^1] : step;
            return string.Join('|', body.Split('|').Select(a => IsWord(a) ? Prefix + a : a)) + (optional ? "?" : "");
        }))));

    private static IEnumerable<string> Words(string step) =>
        step.Length == 0 || Marker.IsMatch(step) ? [] : step.TrimEnd('?').Split('|').Where(IsWord);

    private static bool IsWord(string alternative) => alternative.Length > 0 && alternative[0] is not ('@' or '#') && Letters(alternative) > 0;

    /// <summary>A second lemma spec of the same paradigm: every stem written with the new beginning.</summary>
    private static string Lemma(string spec) => string.Join(' ', spec.Split(' ').Select(word =>
        word is "/" or "+" or "-oj" or "-aj" || word.Length == 0 ? word : Prefix + word));

    private static int Letters(string word) => word.Count(char.IsLetter);
}
