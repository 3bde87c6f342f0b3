using Hotline.Core.Text;

namespace Hotline.Core.Places;

/// <summary>
/// Albania's 61 municipalities (the 2015 reform), the coarse "area" a case, a mobile unit and the services directory share.
/// A place is never finer than a municipality anywhere in the hotline's data.
/// </summary>
public static class Municipalities
{
    /// <summary>Municipality → county (qark).</summary>
    public static readonly IReadOnlyList<(string Name, string County)> All =
    [
        ("Tiranë", "Tiranë"), ("Kamëz", "Tiranë"), ("Vorë", "Tiranë"), ("Kavajë", "Tiranë"), ("Rrogozhinë", "Tiranë"),
        ("Durrës", "Durrës"), ("Shijak", "Durrës"), ("Krujë", "Durrës"),
        ("Elbasan", "Elbasan"), ("Belsh", "Elbasan"), ("Cërrik", "Elbasan"), ("Gramsh", "Elbasan"), ("Librazhd", "Elbasan"), ("Peqin", "Elbasan"), ("Prrenjas", "Elbasan"),
        ("Fier", "Fier"), ("Divjakë", "Fier"), ("Lushnjë", "Fier"), ("Mallakastër", "Fier"), ("Patos", "Fier"), ("Roskovec", "Fier"),
        ("Berat", "Berat"), ("Dimal", "Berat"), ("Kuçovë", "Berat"), ("Poliçan", "Berat"), ("Skrapar", "Berat"),
        ("Dibër", "Dibër"), ("Bulqizë", "Dibër"), ("Mat", "Dibër"), ("Klos", "Dibër"),
        ("Gjirokastër", "Gjirokastër"), ("Dropull", "Gjirokastër"), ("Libohovë", "Gjirokastër"), ("Memaliaj", "Gjirokastër"), ("Përmet", "Gjirokastër"), ("Tepelenë", "Gjirokastër"), ("Këlcyrë", "Gjirokastër"),
        ("Korçë", "Korçë"), ("Devoll", "Korçë"), ("Kolonjë", "Korçë"), ("Maliq", "Korçë"), ("Pogradec", "Korçë"), ("Pustec", "Korçë"),
        ("Kukës", "Kukës"), ("Has", "Kukës"), ("Tropojë", "Kukës"),
        ("Lezhë", "Lezhë"), ("Kurbin", "Lezhë"), ("Mirditë", "Lezhë"),
        ("Shkodër", "Shkodër"), ("Malësi e Madhe", "Shkodër"), ("Pukë", "Shkodër"), ("Fushë-Arrëz", "Shkodër"), ("Vau i Dejës", "Shkodër"),
        ("Vlorë", "Vlorë"), ("Delvinë", "Vlorë"), ("Finiq", "Vlorë"), ("Himarë", "Vlorë"), ("Konispol", "Vlorë"), ("Sarandë", "Vlorë"), ("Selenicë", "Vlorë"),
    ];

    // Names too common as words in English or Albanian ("has", "mat") are left to the operator to set.
    private static readonly HashSet<string> Ambiguous = ["Has", "Mat", "Fier", "Klos", "Patos"];

    private static readonly (string Stem, int Slack, string Name)[] Stems = BuildStems();

    // Looked through for every message: the stems without the ambiguous names, and the names folded, are made once.
    private static readonly (string Stem, int Slack, string Name)[] UnambiguousStems = [.. Stems.Where(s => !Ambiguous.Contains(s.Name))];

    private static readonly string[] FoldedNames = [.. All.Select(m => AccentFolding.Fold(m.Name))];

    /// <summary>The canonical name for a typed name (with or without diacritics, any case), or null.</summary>
    public static string? Canonical(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var folded = AccentFolding.Fold(name.Trim());
        for (var i = 0; i < FoldedNames.Length; i++)
        {
            if (FoldedNames[i] == folded) return All[i].Name;
        }
        return Find(name, includeAmbiguous: true);
    }

    /// <summary>The first municipality named in a text (inflected forms too: "Durrësit", "ne Tirane", "Vlora"), or null.</summary>
    public static string? Find(string text, bool includeAmbiguous = false)
    {
        var folded = AccentFolding.Fold(text);
        var at = 0;
        while (at < folded.Length)
        {
            while (at < folded.Length && !char.IsLetter(folded[at])) at++;
            var start = at;
            while (at < folded.Length && (char.IsLetter(folded[at]) || folded[at] == '-')) at++;
            if (at == start) continue;
            var word = folded.AsSpan(start, at - start);
            foreach (var (stem, slack, name) in includeAmbiguous ? Stems : UnambiguousStems)
            {
                if (word.StartsWith(stem, StringComparison.Ordinal) && word.Length <= stem.Length + slack) return name;
            }
        }
        return null;
    }

    private static (string, int, string)[] BuildStems()
    {
        var stems = new List<(string, int, string)>();
        foreach (var (name, _) in All)
        {
            var first = AccentFolding.Fold(name).Split(' ')[0];
            // Albanian inflects at the end and drops a final ë: "Durrës" → durres, durresit; "Tiranë" → tiran, tirana, tiranes.
            var stem = first.EndsWith('e') && first.Length > 4 ? first[..^1] : first;
            stems.Add((stem, 4, name));
        }
        stems.Add(("tirana", 3, "Tiranë"));
        stems.Add(("kamza", 3, "Kamëz"));
        stems.Add(("durazzo", 0, "Durrës"));
        stems.Add(("scutari", 0, "Shkodër"));
        stems.Add(("shkodra", 3, "Shkodër"));
        stems.Add(("vlora", 3, "Vlorë"));
        stems.Add(("korca", 3, "Korçë"));
        stems.Add(("saranda", 3, "Sarandë"));
        stems.Add(("lezha", 3, "Lezhë"));
        stems.Add(("kukesi", 3, "Kukës"));
        return [.. stems.OrderByDescending(s => s.Item1.Length)];
    }
}
