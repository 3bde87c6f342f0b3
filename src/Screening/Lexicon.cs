using System.Text.Json;

namespace Hotline.Screening;

/// <summary>
/// The screening lexicon (Data/lexicon.json) and gazetteer (Data/places.json), compiled into a token trie and
/// pattern variants. Loaded once; immutable.
/// </summary>
internal sealed class Lexicon
{
    public const byte Albanian = 1;
    public const byte English = 2;
    public const byte OtherLanguage = 4;

    private static readonly Lazy<Lexicon> embedded = new(() => LoadEmbedded());

    /// <summary>Compiles the lexicon and gazetteer embedded in this assembly (<see cref="Embedded"/> is compiled once).</summary>
    internal static Lexicon LoadEmbedded(bool rareSteps = true)
    {
        var assembly = typeof(Lexicon).Assembly;
        using var lexicon = assembly.GetManifestResourceStream("Hotline.Screening.Data.lexicon.json")
            ?? throw new InvalidOperationException("embedded lexicon.json missing");
        using var places = assembly.GetManifestResourceStream("Hotline.Screening.Data.places.json")
            ?? throw new InvalidOperationException("embedded places.json missing");
        using var guard = assembly.GetManifestResourceStream("Hotline.Screening.Data.typo-guard.txt")
            ?? throw new InvalidOperationException("embedded typo-guard.txt missing");
        return Load(lexicon, places, guard, rareSteps);
    }

    public static Lexicon Embedded => embedded.Value;

    public required string Version { get; init; }
    public required string PlacesVersion { get; init; }
    public required TokenTrie Trie { get; init; }
    /// <summary>One-edit typo tolerance over the lexicon's words of six letters or more.</summary>
    public required TypoIndex Typos { get; init; }
    public required RewriteTable Rewrites { get; init; }
    public required Entry[] Entries { get; init; }
    /// <summary>Variant v's steps are StepSets/StepGaps[VariantStart[v] .. VariantStart[v+1]).</summary>
    public required int[] VariantStart { get; init; }
    public required int[] VariantEntry { get; init; }
    public required int[] StepSets { get; init; }
    public required int[] StepGaps { get; init; }
    /// <summary>Per first set, groups of variants sharing their second step (set and gap; -1 for one-step variants), flat: set
    /// s's groups are Groups[GroupStart[s] .. GroupStart[s+1]).</summary>
    public required MatchGroup[] Groups { get; init; }
    public required int[] GroupStart { get; init; }
    /// <summary>Groups anchored on a second step (see LexiconCompiler.Anchored): set s's are AnchoredGroups[AnchoredStart[s] ..
    /// AnchoredStart[s+1]); a group's Second is the first step's set, its Gap the gap before the anchor; its variants are
    /// AnchoredVariants[VariantsFrom .. VariantsFrom + VariantCount).</summary>
    public required MatchGroup[] AnchoredGroups { get; init; }
    public required int[] AnchoredStart { get; init; }
    public required int[] AnchoredVariants { get; init; }
    /// <summary>Variants of all groups, flat: a group's are FlatVariants[VariantsFrom .. VariantsFrom + VariantCount).</summary>
    public required int[] FlatVariants { get; init; }
    /// <summary>Per variant, the later step it is found from (see LexiconCompiler.RareAnchors), or 0: found from its first or second step.</summary>
    public required int[] RareAnchor { get; init; }
    public required int NumberSet { get; init; }
    /// <summary>Every set that has '#' (any number) among its members: a number token hits them all.</summary>
    public required int[] NumberSets { get; init; }
    public required int SetCount { get; init; }
    /// <summary>Sets [0, QueriedSetCount) are read token by token and get a bit per token; the rest only start patterns.</summary>
    public required int QueriedSetCount { get; init; }
    public required Combination[] Combinations { get; init; }
    /// <summary>Sets of classes the rules consult directly (negators, first person, ...), by class name.</summary>
    public required IReadOnlyDictionary<string, int> ClassSets { get; init; }
    /// <summary>Number words (fifteen, pesëmbëdhjetë) by canonical form.</summary>
    public required WordMap<int> NumberWords { get; init; }
    /// <summary>Every indicator's, immediacy cue's and combination's label, by id.</summary>
    public required IReadOnlyDictionary<string, IndicatorLabel> Labels { get; init; }

    public int ClassSet(string name) => ClassSets.TryGetValue(name, out var set) ? set : -1;

    /// <param name="typoGuard">Real words, one a line, that are never read as a typing error for a lexicon word (Data/typo-guard.txt).</param>
    /// <param name="rareSteps">See <see cref="LexiconCompiler"/>: off only to compare.</param>
    public static Lexicon Load(Stream lexiconJson, Stream placesJson, Stream? typoGuard = null, bool rareSteps = true)
    {
        using var lexicon = JsonDocument.Parse(lexiconJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        using var places = JsonDocument.Parse(placesJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var guard = new List<string>();
        if (typoGuard is not null)
        {
            using var reader = new StreamReader(typoGuard);
            while (reader.ReadLine() is { } line)
            {
                var word = line.Trim();
                if (word.Length > 0 && word[0] != '#') guard.Add(Tokenizer.CanonicalWord(word));
            }
        }
        return new LexiconCompiler(lexicon.RootElement, places.RootElement, guard, rareSteps).Compile();
    }
}
