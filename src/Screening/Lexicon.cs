using System.Text.Json;
using Hotline.Core;

namespace Hotline.Screening;

internal enum EntryKind : byte
{
    Indicator,
    Immediacy,
    Actor,
    Cue,
    Idiom,
    Place,
    Time,
    Age,
}

/// <summary>How an indicator whose category depends on who does it is resolved (see README-screening.md).</summary>
internal enum Resolution : byte
{
    Fixed,
    /// <summary>Beating, threats: hate_violence with an identity cue, domestic_violence with a family or partner actor.</summary>
    Violence,
    /// <summary>Confinement, a phone taken: trafficking in a work/debt/travel context, else domestic_violence.</summary>
    Control,
}

internal enum ActorRole : byte
{
    None,
    /// <summary>The writer's own partner or ex (my husband, burri, ish i dashuri).</summary>
    Partner,
    /// <summary>A family member or someone else's partner (babai, my sister's husband, mum's boyfriend).</summary>
    Family,
    /// <summary>Strangers, acquaintances, a landlord, a coach.</summary>
    Stranger,
    /// <summary>A boss, a recruiter, "the man who brought me here".</summary>
    Employer,
}

/// <summary>Cues: context words that qualify indicators or combine into one.</summary>
internal enum Cue : byte
{
    None,
    DistantPast,
    RecentPast,
    SafeNow,
    AbuserAway,
    NoPlan,
    NothingYet,
    Information,
    Hypothetical,
    ThirdPerson,
    FirstPerson,
    Joking,
    Media,
    Fear,
    Plural,
    Identity,
    Child,
    Minor,
    Older,
    Service,
    Work,
    Offer,
    Abroad,
    Trafficking,
    Disguise,
    Slur,
    Again,
    Question,
    NotSerious,
    Online,
    Custody,
    LostContact,
    Habitual,
    /// <summary>Animals, sport, traffic, food: violence words whose doer or target is not a person.</summary>
    NonHuman,
    /// <summary>A goodbye or an apology to those left behind ("sorry", "më falni", "tell mum I love her").</summary>
    Farewell,
    /// <summary>A parent's ordinary rule: a time to be home, school nights, grounded.</summary>
    Curfew,
    /// <summary>Something done by one's own choice ("independent", "e ka zgjedhur vetë"), nothing forced.</summary>
    Choice,
    /// <summary>An injury by accident or while doing a chore ("duke qëruar", "chopping onions"): not self-harm.</summary>
    Accident,
    /// <summary>A game or play: a video game, a quiz, a fairground, play-fighting, children playing in the snow.</summary>
    Play,
    /// <summary>A film, a series, a book: what its characters do is told, not lived.</summary>
    Fiction,
    /// <summary>Medicine taken as a doctor said.</summary>
    Prescribed,
    /// <summary>School work as the doer of "killing me": homework, an exam, a deadline.</summary>
    Schoolwork,
}

/// <summary>One entry of the lexicon, compiled.</summary>
internal sealed class Entry
{
    public required string Id { get; init; }
    public EntryKind Kind { get; init; }
    /// <summary>Bit set of <see cref="Categories"/> indices (fixed and "also" categories).</summary>
    public int CategoryBits { get; init; }
    public Resolution Resolution { get; init; }
    public Severity Level { get; init; }
    public Severity MinorLevel { get; init; }
    public bool Acute { get; init; }
    /// <summary>Acute only with strong immediacy (someone there, a weapon): threats of what will happen later.</summary>
    public bool AcuteStrongOnly { get; init; }
    /// <summary>Acute even with a plain "now" / "tani" (intent to kill oneself now).</summary>
    public bool AcuteCurrently { get; init; }
    public bool Hyperbole { get; init; }
    public bool Negatable { get; init; } = true;
    public Immediacy Immediacy { get; init; }
    public bool Strong { get; init; }
    public ActorRole Role { get; init; }
    public Cue Cue { get; init; }
    /// <summary>Places: the canonical name; times: the time class.</summary>
    public string? Value { get; init; }
    public bool Abroad { get; init; }
    /// <summary>Places with a name that is also a common word: only after a preposition or capitalised.</summary>
    public bool NeedsContext { get; init; }
    /// <summary>Ages: the writer's own ("jam 15 vjeç", "I'm 15").</summary>
    public bool FirstPerson { get; init; }
    /// <summary>Ages: a school grade ("klasa e 8-të", "in 8th grade"), read as grade + 6 years.</summary>
    public bool Grade { get; init; }
    /// <summary>Ages: an age only if the next word is not a unit of something else ("jam 5 minuta larg").</summary>
    public bool Guarded { get; init; }
    /// <summary>Indicators: valid only when the message is this short (a bare "help").</summary>
    public int MaxTokens { get; init; }
    /// <summary>The set of words that, right after the match, cancel it ("do të vras" + "veten" is self-harm), or -1.</summary>
    public int UnlessNextSet { get; init; } = -1;
    /// <summary>The set of words that, right before the match, cancel it ("will" + "kick me out" is a threat, not an eviction), or -1.</summary>
    public int UnlessPreviousSet { get; init; } = -1;
    /// <summary>Indicators: a cue anywhere in the message that cancels it ("by choice" for sex work), or None.</summary>
    public Cue UnlessCue { get; init; }
    /// <summary>Indicators and immediacy cues: the short name shown to operators.</summary>
    public IndicatorLabel? Label { get; init; }
}

/// <summary>Variants sharing their first set and their second step.</summary>
internal readonly record struct MatchGroup(int Second, int Gap, int VariantsFrom, int VariantCount);

/// <summary>A rule that fires when several cues (or a minor) appear together.</summary>
internal sealed record Combination(string Id, int CategoryBits, Severity Level, Cue[] All, bool NeedsMinor, bool SameSentence, bool Acute, IndicatorLabel Label);

/// <summary>The seven categories, in a fixed order, and their bit masks.</summary>
internal static class Categories
{
    public static readonly string[] Names =
        ["trafficking", "domestic_violence", "sexual_violence", "digital_violence", "self_harm", "child_at_risk", "hate_violence"];

    public const int Trafficking = 1 << 0;
    public const int Domestic = 1 << 1;
    public const int Sexual = 1 << 2;
    public const int Digital = 1 << 3;
    public const int SelfHarm = 1 << 4;
    public const int Child = 1 << 5;
    public const int Hate = 1 << 6;

    /// <summary>Every subset as a ready list, so a result's categories cost no allocation.</summary>
    private static readonly IReadOnlyList<string>[] Lists = BuildLists();

    public static IReadOnlyList<string> List(int bits) => Lists[bits & 127];

    public static int Bit(string name)
    {
        var i = Array.IndexOf(Names, name);
        return i < 0 ? throw new FormatException($"unknown category '{name}'") : 1 << i;
    }

    private static IReadOnlyList<string>[] BuildLists()
    {
        var lists = new IReadOnlyList<string>[128];
        for (var bits = 0; bits < 128; bits++)
        {
            var names = new List<string>();
            for (var i = 0; i < Names.Length; i++)
            {
                if ((bits & (1 << i)) != 0) names.Add(Names[i]);
            }
            lists[bits] = names.AsReadOnly();
        }
        return lists;
    }
}

/// <summary>
/// The screening lexicon (Data/lexicon.json) and gazetteer (Data/places.json), compiled into a token trie and
/// pattern variants. Loaded once; immutable.
/// </summary>
internal sealed class Lexicon
{
    public const byte Albanian = 1;
    public const byte English = 2;
    public const byte OtherLanguage = 4;

    private static readonly Lazy<Lexicon> embedded = new(() =>
    {
        var assembly = typeof(Lexicon).Assembly;
        using var lexicon = assembly.GetManifestResourceStream("Hotline.Screening.Data.lexicon.json")
            ?? throw new InvalidOperationException("embedded lexicon.json missing");
        using var places = assembly.GetManifestResourceStream("Hotline.Screening.Data.places.json")
            ?? throw new InvalidOperationException("embedded places.json missing");
        using var guard = assembly.GetManifestResourceStream("Hotline.Screening.Data.typo-guard.txt")
            ?? throw new InvalidOperationException("embedded typo-guard.txt missing");
        return Load(lexicon, places, guard);
    });

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
    public required int[][] VariantsByFirstSet { get; init; }
    /// <summary>Per first set, groups of variants sharing their second step (set and gap; -1 for one-step variants).</summary>
    public required int[][] GroupsByFirstSet { get; init; }
    public required int[] GroupSecond { get; init; }
    public required int[] GroupGap { get; init; }
    public required int[][] GroupVariants { get; init; }
    /// <summary>The same groups, flat: set s's groups are Groups[GroupStart[s] .. GroupStart[s+1]).</summary>
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
    public required int NumberSet { get; init; }
    /// <summary>Every set that has '#' (any number) among its members: a number token hits them all.</summary>
    public required int[] NumberSets { get; init; }
    public required int SetCount { get; init; }
    public required Combination[] Combinations { get; init; }
    /// <summary>Sets of classes the rules consult directly (negators, first person, ...), by class name.</summary>
    public required IReadOnlyDictionary<string, int> ClassSets { get; init; }
    /// <summary>Number words (fifteen, pesëmbëdhjetë) by canonical form.</summary>
    public required WordMap<int> NumberWords { get; init; }
    /// <summary>Every indicator's, immediacy cue's and combination's label, by id.</summary>
    public required IReadOnlyDictionary<string, IndicatorLabel> Labels { get; init; }

    public int ClassSet(string name) => ClassSets.TryGetValue(name, out var set) ? set : -1;

    /// <param name="typoGuard">Real words, one a line, that are never read as a typing error for a lexicon word (Data/typo-guard.txt).</param>
    public static Lexicon Load(Stream lexiconJson, Stream placesJson, Stream? typoGuard = null)
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
        return new LexiconCompiler(lexicon.RootElement, places.RootElement, guard).Compile();
    }
}
