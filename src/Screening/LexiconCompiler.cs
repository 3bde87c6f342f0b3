using System.Collections.Frozen;
using System.Text.Json;
using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// Compiles the lexicon's patterns. A pattern is a sequence of steps separated by spaces:
/// <c>word</c> (whole word), <c>stem*</c> (any word starting so), <c>@CLASS</c> (any member of a class),
/// <c>#</c> (a number), <c>a|b|c</c> (alternatives), a trailing <c>?</c> (optional step) and <c>~N</c> (up to N other
/// words before the next step). Words are written as people write them (with diacritics, apostrophes); they are
/// canonicalised the same way as messages, so "s'më lënë" matches "sme lene", "s'm'len" and "S'MË LËNË".
/// </summary>
/// <param name="rareSteps">Whether a phrase that starts with words found in nearly every message is found from a later
/// step (<see cref="RareAnchors"/>); off only to show that what is matched does not depend on it.</param>
internal sealed class LexiconCompiler(JsonElement lexicon, JsonElement places, IReadOnlyList<string>? typoGuard = null, bool rareSteps = true)
{
    private const int MaxVariantsPerPattern = 20_000;

    private readonly Dictionary<string, List<List<string>>> classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> classSource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> setIds = new(StringComparer.Ordinal);
    private readonly List<string[]> setUnits = [];
    private readonly List<Entry> entries = [];
    private readonly List<(int Entry, List<(int Set, int Gap)> Steps)> variants = [];
    private readonly Dictionary<string, string[]> rewrites = new(StringComparer.Ordinal);
    private RewriteTable? rewriteTable;
    private int numberSet;

    private sealed record Step(int Gap, bool Optional, List<List<string>> Alternatives);

    /// <summary>Classes the screener's rules look up token by token.</summary>
    private static readonly string[] RuleClasses = ["NEG", "FIRST_PERSON", "FIRST_SUBJECT", "ENGLISH_I", "NOT_AGE_UNIT", "PLACE_PREPOSITION", "THIRD_OBJECT", "THIRD_SUBJECT"];

    /// <summary>The rules' classes plus those they read when present (the words a negation does not reach across; who or what does a thing's verb; a disclosure verb).</summary>
    private static readonly string[] QueriedClasses = [.. RuleClasses, "NEG_BARRIER", "SOMEONE", "THING_BLOCK", "THING_PREPOSITION", "THING_AUX_EN", "THING_OWN_PREDICATE", "THING_TIME_AFTER", "THING_OWN_DEVICE", "TOLD", "TOLD_TO", "DENIAL_LINK", "KEPT_ARTICLE", "KEPT_PLACE", "HARM_PASSIVE", "PASSIVE_MARK", "PASSIVE_U", "HARMED_SQ", "GROUP_OBJECT", "OF_OURS", "AGE_APPOSITION", "AGE_HEDGE", "CLOCK", "SELF_LEAD", "LOCKED_THING"];

    public Lexicon Compile()
    {
        numberSet = SetOf(["#"]);
        ReadRewrites();
        ReadClasses();
        var ids = new HashSet<string>(StringComparer.Ordinal);

        foreach (var entry in ReadPlaces()) AddEntry(entry.Entry, entry.Patterns, ids);

        if (lexicon.TryGetProperty("indicators", out var groups))
        {
            foreach (var group in groups.EnumerateObject())
            {
                foreach (var e in group.Value.EnumerateArray()) AddEntry(ReadIndicator(group.Name, e), Patterns(e), ids);
            }
        }
        // "topics": per category, the words and concepts that name its subject; low, and only where no indicator gave a category
        if (lexicon.TryGetProperty("topics", out var topics))
        {
            foreach (var group in topics.EnumerateObject())
            {
                if (group.Value.ValueKind != JsonValueKind.Array) continue;
                if (group.Name is "control" or "none") throw new FormatException($"topics: '{group.Name}' is not a category");
                foreach (var e in group.Value.EnumerateArray()) AddEntry(ReadIndicator(group.Name, e, topic: true), Patterns(e), ids);
            }
        }
        foreach (var e in Array(lexicon, "immediacy"))
        {
            AddEntry(new Entry
            {
                Id = Str(e, "id"),
                Kind = EntryKind.Immediacy,
                Immediacy = Enum.Parse<Immediacy>(Str(e, "kind"), ignoreCase: true),
                Strong = Str(e, "strength", "weak") == "strong",
                Negatable = Bool(e, "negatable", true),
                MaxTokens = e.TryGetProperty("max_tokens", out var mt) ? mt.GetInt32() : 0,
                UnlessNextSet = UnlessNext(e),
                UnlessPreviousSet = UnlessNext(e, "unless_previous"),
                UnlessSentenceSet = UnlessNext(e, "unless_sentence"),
                Label = ReadLabel(e),
            }, Patterns(e), ids);
        }
        foreach (var e in Array(lexicon, "actors"))
        {
            AddEntry(new Entry { Id = Str(e, "id"), Kind = EntryKind.Actor, Role = Enum.Parse<ActorRole>(Str(e, "role"), ignoreCase: true), Negatable = false }, Patterns(e), ids);
        }
        foreach (var e in Array(lexicon, "cues"))
        {
            AddEntry(new Entry { Id = Str(e, "id"), Kind = EntryKind.Cue, Cue = ParseCue(Str(e, "cue")), Negatable = Bool(e, "negatable", false), UnlessNextSet = UnlessNext(e), UnlessSentenceSet = UnlessNext(e, "unless_sentence"), UnlessMessageSet = UnlessNext(e, "unless_message"), UnlessDoneToWriter = Bool(e, "unless_done_to_writer", false), ClauseEnd = Bool(e, "clause_end", false), OverOnly = Bool(e, "over_only", false) }, Patterns(e), ids);
        }
        foreach (var e in Array(lexicon, "times"))
        {
            AddEntry(new Entry
            {
                Id = Str(e, "id"),
                Kind = EntryKind.Time,
                Value = Str(e, "value"),
                Cue = e.TryGetProperty("cue", out var cue) ? ParseCue(cue.GetString()!) : Cue.None,
                Immediacy = e.TryGetProperty("immediacy", out var imm) ? Enum.Parse<Immediacy>(imm.GetString()!, ignoreCase: true) : Immediacy.None,
                Negatable = true,
                UnlessPreviousSet = UnlessNext(e, "unless_previous"),
            }, Patterns(e), ids);
        }
        foreach (var e in Array(lexicon, "ages"))
        {
            AddEntry(new Entry
            {
                Id = Str(e, "id"),
                Kind = EntryKind.Age,
                FirstPerson = Bool(e, "self", false),
                Grade = Bool(e, "grade", false),
                Guarded = Bool(e, "guarded", false),
                Negatable = false,
                UnlessNextSet = UnlessNext(e),
            }, Patterns(e), ids);
        }
        foreach (var e in Array(lexicon, "idioms"))
        {
            AddEntry(new Entry { Id = Str(e, "id"), Kind = EntryKind.Idiom, Negatable = Bool(e, "negatable", false), UnlessSentenceSet = UnlessNext(e, "unless_sentence") }, Patterns(e), ids);
        }

        var combinations = new List<Combination>();
        foreach (var e in Array(lexicon, "combinations"))
        {
            var all = e.GetProperty("all").EnumerateArray().Select(x => x.GetString()!).ToList();
            var needsMinor = all.Remove("minor");
            combinations.Add(new Combination(
                Str(e, "id"),
                e.TryGetProperty("category", out var c) && c.GetString() is { Length: > 0 } cat && cat != "none" ? Categories.Bit(cat) : 0,
                ParseLevel(Str(e, "level")),
                [.. all.Select(ParseCue)],
                needsMinor,
                Str(e, "scope", "message") == "sentence",
                Bool(e, "acute", false),
                ReadLabel(e)));
        }

        // Classes the rules consult token by token (negators, first person, age units) get a set of their own.
        var classSets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in classSource.Keys.ToList())
        {
            var members = Class(name);
            if (members.All(m => m.Count == 1)) classSets[name] = SetOf(members.Select(m => m[0]));
        }
        // The rules' classes must be there; a class they read when present must then be whole too, or they would find
        // nothing in it without a word said.
        foreach (var name in QueriedClasses)
        {
            if (!classSets.ContainsKey(name) && (RuleClasses.Contains(name) || classSource.ContainsKey(name)))
            {
                throw new FormatException($"class @{name} is read word by word by the rules: every member must be one word after rewrites");
            }
        }
        // whole words of the patterns (not class sets the rules read word by word, nor places): a typo of one is read as it
        var typoWords = setUnits.Where((_, set) => !RuleClasses.Any(name => classSets[name] == set)).SelectMany(units => units)
            .Where(u => u[0] == '=').Select(u => u[1..]).Where(w => !CommonWords.Contains(w)).ToList();

        // A pattern that starts with a word found in nearly every message ("më", "e", "po", "my", "to") is anchored on its
        // second step instead, and its first looked for just before: far fewer patterns to try per message.
        var common = setUnits.Select(IsCommon).ToArray();
        var anchored = variants.Select(v => v.Steps.Count > 1 && common[v.Steps[0].Set] && !common[v.Steps[1].Set]).ToArray();
        var renumber = Renumber(anchored, classSets, out var queriedCount);
        var rareAnchor = rareSteps ? RareAnchors(anchored, common) : new int[variants.Count];
        var rareSets = new bool[setUnits.Count];
        for (var v = 0; v < variants.Count; v++)
        {
            if (rareAnchor[v] > 0) rareSets[renumber[variants[v].Steps[rareAnchor[v]].Set]] = true;
        }

        var variantStart = new int[variants.Count + 1];
        var variantEntry = new int[variants.Count];
        var stepSets = new List<int>();
        var stepGaps = new List<int>();
        var byFirst = new List<int>[setUnits.Count];
        var byAnchor = new List<int>[setUnits.Count];
        for (var v = 0; v < variants.Count; v++)
        {
            variantStart[v] = stepSets.Count;
            variantEntry[v] = variants[v].Entry;
            foreach (var (set, gap) in variants[v].Steps)
            {
                stepSets.Add(renumber[set]);
                stepGaps.Add(gap);
            }
            var steps = variants[v].Steps;
            if (anchored[v]) (byAnchor[renumber[steps[1].Set]] ??= []).Add(v);
            else (byFirst[renumber[steps[0].Set]] ??= []).Add(v);
        }
        variantStart[variants.Count] = stepSets.Count;

        // The trie: every unit of every set (class sets included), plus words that are evidence of a language. Sets are
        // added in the order they were made, so every node lists its sets in the same order whatever their numbers.
        var built = new TokenTrie.Builder();
        for (var s = 0; s < setUnits.Count; s++)
        {
            foreach (var unit in setUnits[s])
            {
                if (unit != "#") built.Add(unit[1..], unit[0] == '+', renumber[s]);
            }
        }
        if (lexicon.TryGetProperty("languages", out var languages))
        {
            foreach (var (name, bit) in new[] { ("sq", Lexicon.Albanian), ("en", Lexicon.English), ("other", Lexicon.OtherLanguage) })
            {
                if (!languages.TryGetProperty(name, out var words)) continue;
                foreach (var w in words.EnumerateArray())
                {
                    var tokens = WordTokens(w.GetString()!);
                    if (tokens.Count == 1) built.AddLanguage(tokens[0], bit);
                }
            }
        }

        // number words end at nodes of their own, so that a token's walk tells whether it is one (TokenTrie.NumberWord)
        var numberWords = ReadNumbers();
        foreach (var word in numberWords.Keys)
        {
            if (numberWords.TryGet(word, out var value)) built.AddNumber(word, value);
        }

        return new Lexicon
        {
            Version = Str(lexicon, "version"),
            PlacesVersion = Str(places, "version"),
            Trie = built.Build([.. byFirst.Select((l, set) => l is { Count: > 0 } || byAnchor[set] is { Count: > 0 } || rareSets[set])], queriedCount),
            Typos = new TypoIndex(typoWords, typoGuard ?? []),
            Rewrites = rewriteTable!,
            Entries = [.. entries],
            VariantStart = variantStart,
            VariantEntry = variantEntry,
            StepSets = [.. stepSets],
            StepGaps = [.. stepGaps],
            Groups = Flatten(Groups(byFirst, stepSets, stepGaps, variantStart, out var groupSecond, out var groupGap, out var groupVariants),
                groupSecond, groupGap, groupVariants, out var groupStart, out var flatVariants),
            GroupStart = groupStart,
            AnchoredGroups = Anchored(byAnchor, stepSets, stepGaps, variantStart, out var anchoredStart, out var anchoredVariants),
            AnchoredStart = anchoredStart,
            AnchoredVariants = anchoredVariants,
            FlatVariants = flatVariants,
            RareAnchor = rareAnchor,
            NumberSet = renumber[numberSet],
            NumberSets = [.. Enumerable.Range(0, setUnits.Count).Where(i => setUnits[i].Contains("#")).Select(i => renumber[i])],
            SetCount = setUnits.Count,
            QueriedSetCount = queriedCount,
            Combinations = [.. combinations],
            ClassSets = QueriedClasses.Where(classSets.ContainsKey).ToDictionary(name => name, name => renumber[classSets[name]], StringComparer.Ordinal),
            NumberWords = numberWords,
            Labels = entries.Where(e => e.Label is not null).Select(e => (e.Id, e.Label!))
                .Concat(combinations.Select(c => (c.Id, c.Label)))
                .ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Per variant, the step it is found from when its first two steps are both words found in nearly every message
    /// ("më", "të", "e", "i", "do", "po"): the first later step that is not; 0 where every later step is such a word too,
    /// or the first that is not may lie more than <see cref="MaxRareSpan"/> words after the first step. Such a variant is
    /// tried only where that step's word occurs, from each of its first words just before (Screener.Matching.cs), instead
    /// of at every "më" of every message.
    /// </summary>
    private int[] RareAnchors(bool[] anchored, bool[] common)
    {
        var rare = new int[variants.Count];
        for (var v = 0; v < variants.Count; v++)
        {
            var steps = variants[v].Steps;
            if (anchored[v] || steps.Count < 3 || !common[steps[0].Set] || !common[steps[1].Set]) continue;
            var span = steps[1].Gap + 1;
            for (var k = 2; k < steps.Count; k++)
            {
                span += steps[k].Gap + 1;
                if (span > MaxRareSpan) break;
                if (common[steps[k].Set]) continue;
                rare[v] = k;
                break;
            }
        }
        return rare;
    }

    /// <summary>How many words after its first step a variant's rare step may lie at most (<see cref="RareAnchors"/>).</summary>
    public const int MaxRareSpan = 63;

    /// <summary>
    /// New set numbers: the sets that are read token by token come first, densely (a step after a pattern's first, an
    /// anchored pattern's first step, the rules' classes, the words that cancel a match): only they get a bit per token
    /// in the scratch (<see cref="Scratch.HasHit"/>), so a message's bits are a quarter as many to set and to clear. A set
    /// that patterns only start with is listed for the matcher and needs no bit. Sets keep their order within each part.
    /// Entries' cancelling sets are renumbered here.
    /// </summary>
    private int[] Renumber(bool[] anchored, Dictionary<string, int> classSets, out int queriedCount)
    {
        var queried = new bool[setUnits.Count];
        for (var v = 0; v < variants.Count; v++)
        {
            var steps = variants[v].Steps;
            for (var k = 1; k < steps.Count; k++) queried[steps[k].Set] = true;
            if (anchored[v]) queried[steps[0].Set] = true;
        }
        foreach (var name in QueriedClasses)
        {
            if (classSets.TryGetValue(name, out var set)) queried[set] = true;
        }
        foreach (var entry in entries)
        {
            if (entry.UnlessNextSet >= 0) queried[entry.UnlessNextSet] = true;
            if (entry.UnlessPreviousSet >= 0) queried[entry.UnlessPreviousSet] = true;
            if (entry.UnlessSentenceSet >= 0) queried[entry.UnlessSentenceSet] = true;
            if (entry.WithMessageSet >= 0) queried[entry.WithMessageSet] = true;
            if (entry.UnlessMessageSet >= 0) queried[entry.UnlessMessageSet] = true;
        }
        var renumber = new int[setUnits.Count];
        var next = 0;
        for (var set = 0; set < renumber.Length; set++)
        {
            if (queried[set]) renumber[set] = next++;
        }
        queriedCount = next;
        for (var set = 0; set < renumber.Length; set++)
        {
            if (!queried[set]) renumber[set] = next++;
        }
        foreach (var entry in entries)
        {
            if (entry.UnlessNextSet >= 0) entry.UnlessNextSet = renumber[entry.UnlessNextSet];
            if (entry.UnlessPreviousSet >= 0) entry.UnlessPreviousSet = renumber[entry.UnlessPreviousSet];
            if (entry.UnlessSentenceSet >= 0) entry.UnlessSentenceSet = renumber[entry.UnlessSentenceSet];
            if (entry.WithMessageSet >= 0) entry.WithMessageSet = renumber[entry.WithMessageSet];
            if (entry.UnlessMessageSet >= 0) entry.UnlessMessageSet = renumber[entry.UnlessMessageSet];
        }
        return renumber;
    }

    /// <summary>
    /// Variants that start with the same set, grouped by their second step: the matcher looks for a group's second
    /// step once instead of trying each variant.
    /// </summary>
    private static int[][] Groups(List<int>[] byFirst, List<int> stepSets, List<int> stepGaps, int[] variantStart,
        out int[] groupSecond, out int[] groupGap, out int[][] groupVariants)
    {
        var seconds = new List<int>();
        var gaps = new List<int>();
        var members = new List<int[]>();
        var result = new int[byFirst.Length][];
        for (var set = 0; set < byFirst.Length; set++)
        {
            if (byFirst[set] is not { } variants)
            {
                result[set] = [];
                continue;
            }
            var groups = variants
                .GroupBy(v => variantStart[v + 1] - variantStart[v] == 1 ? (-1, 0) : (stepSets[variantStart[v] + 1], stepGaps[variantStart[v] + 1]))
                .ToList();
            result[set] = new int[groups.Count];
            for (var g = 0; g < groups.Count; g++)
            {
                result[set][g] = seconds.Count;
                seconds.Add(groups[g].Key.Item1);
                gaps.Add(groups[g].Key.Item2);
                members.Add([.. groups[g]]);
            }
        }
        groupSecond = [.. seconds];
        groupGap = [.. gaps];
        groupVariants = [.. members];
        return result;
    }

    /// <summary>
    /// Words so common that a pattern starting with one of them is better found from its second step. They are compared
    /// with the lexicon's units, so each is written as the tokenizer writes it (<see cref="Tokenizer.CanonicalWord"/>);
    /// a word that is not could never be found. "will" stood here and never took effect ("wil" is what is compared);
    /// read as "wil" it moves where some English phrases are found, and with them which of two overlapping matches is
    /// kept, so it is left out and everything is found as before.
    /// </summary>
    private static readonly HashSet<string> CommonWords = Canonical(
        ["me", "m", "ma", "mu", "e", "i", "te", "ne", "na", "po", "do", "ka", "ke", "kam", "se", "ce", "s", "nuk", "nje", "per", "ia", "ja", "ta",
         "t", "u", "o", "a", "jam", "eshte", "dhe", "my", "to", "the", "and", "he", "she", "it", "is", "was", "you", "in", "on", "of", "her",
         "him", "us", "we", "they", "im", "dont", "not", "no", "have", "has", "be", "at", "for", "so", "that", "this", "with"]);

    private static HashSet<string> Canonical(string[] words)
    {
        foreach (var word in words)
        {
            if (Tokenizer.CanonicalWord(word) != word) throw new InvalidOperationException($"'{word}' is not written as the tokenizer writes it ('{Tokenizer.CanonicalWord(word)}').");
        }
        return new HashSet<string>(words, StringComparer.Ordinal);
    }

    private static bool IsCommon(string[] units) =>
        units.Any(u => u == "#" || u[0] == '+' && u.Length <= 3 || u[0] != '+' && CommonWords.Contains(u[1..]));

    /// <summary>
    /// Variants anchored on their second step, grouped by that step's set and then by their first step's set and gap:
    /// set s's groups are [AnchoredStart[s], AnchoredStart[s+1]); a group's Second holds the first step's set, looked for
    /// up to Gap + 1 words before the anchor.
    /// </summary>
    private static MatchGroup[] Anchored(List<int>[] byAnchor, List<int> stepSets, List<int> stepGaps, int[] variantStart, out int[] start, out int[] flat)
    {
        var groups = new List<MatchGroup>();
        var all = new List<int>();
        start = new int[byAnchor.Length + 1];
        for (var set = 0; set < byAnchor.Length; set++)
        {
            start[set] = groups.Count;
            if (byAnchor[set] is not { } variants) continue;
            foreach (var group in variants.GroupBy(v => (stepSets[variantStart[v]], stepGaps[variantStart[v] + 1])))
            {
                groups.Add(new MatchGroup(group.Key.Item1, group.Key.Item2, all.Count, group.Count()));
                all.AddRange(group);
            }
        }
        start[byAnchor.Length] = groups.Count;
        flat = [.. all];
        return [.. groups];
    }

    private static MatchGroup[] Flatten(int[][] byFirst, int[] second, int[] gap, int[][] variants, out int[] start, out int[] flat)
    {
        var groups = new List<MatchGroup>();
        var all = new List<int>();
        start = new int[byFirst.Length + 1];
        for (var set = 0; set < byFirst.Length; set++)
        {
            start[set] = groups.Count;
            foreach (var g in byFirst[set])
            {
                groups.Add(new MatchGroup(second[g], gap[g], all.Count, variants[g].Length));
                all.AddRange(variants[g]);
            }
        }
        start[byFirst.Length] = groups.Count;
        flat = [.. all];
        return [.. groups];
    }

    private void ReadRewrites()
    {
        if (lexicon.TryGetProperty("rewrites", out var map))
        {
            foreach (var group in map.EnumerateObject())
            {
                // grouped by kind ("sms", "gheg", ...) for readers; each group maps a typed word to what it stands for
                foreach (var p in group.Value.EnumerateObject())
                {
                    var from = Tokenizer.CanonicalWord(p.Name);
                    var to = p.Value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Tokenizer.CanonicalWord).ToArray();
                    if (from.Length == 0 || to.Length == 0) throw new FormatException($"bad rewrite '{p.Name}'");
                    rewrites[from] = to;
                }
            }
        }
        rewriteTable = new RewriteTable(rewrites);
    }

    private void ReadClasses()
    {
        ReadMorphology();
        if (!lexicon.TryGetProperty("classes", out var map)) return;
        foreach (var p in map.EnumerateObject())
        {
            classSource[p.Name] = [.. p.Value.EnumerateArray().Select(x => x.GetString()!)];
        }
    }

    /// <summary>
    /// "morphology": {"sq": {"V_HIT_SQ": [lemma specs]}, "en": {…}}: each class holds every generated form of its lemmas
    /// (see <see cref="Morphology"/>), so patterns name a meaning (@V_HIT_SQ) and a new lemma brings all its forms.
    /// </summary>
    private void ReadMorphology()
    {
        if (!lexicon.TryGetProperty("morphology", out var map)) return;
        foreach (var language in map.EnumerateObject())
        {
            if (language.Value.ValueKind != JsonValueKind.Object) continue;
            Func<string, IEnumerable<string>> generate = language.Name switch
            {
                "sq" => Morphology.Albanian,
                "en" => Morphology.English,
                "sq_nouns" => Morphology.AlbanianNoun,
                "en_nouns" => Morphology.EnglishNoun,
                _ => throw new FormatException($"morphology: unknown language '{language.Name}'"),
            };
            foreach (var verbClass in language.Value.EnumerateObject())
            {
                if (classSource.ContainsKey(verbClass.Name)) throw new FormatException($"morphology: class @{verbClass.Name} defined twice");
                classSource[verbClass.Name] = [.. verbClass.Value.EnumerateArray().SelectMany(spec => generate(spec.GetString()!)).Distinct()];
            }
        }
    }

    /// <summary>A class's members, each a sequence of units, expanded (members may name other classes).</summary>
    private List<List<string>> Class(string name, int depth = 0)
    {
        if (classes.TryGetValue(name, out var done)) return done;
        if (depth > 10) throw new FormatException($"class @{name} refers to itself");
        if (!classSource.TryGetValue(name, out var source)) throw new FormatException($"unknown class @{name}");
        var members = new List<List<string>>();
        foreach (var member in source.SelectMany(m => m.Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var seqs = new List<List<string>> { new() };
            foreach (var word in member.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var alts = Alternative(word, depth + 1);
                seqs = [.. seqs.SelectMany(s => alts.Select(a => s.Concat(a).ToList()))];
            }
            members.AddRange(seqs);
        }
        classes[name] = members;
        return members;
    }

    /// <summary>One alternative of a step: a list of unit sequences (a class gives several).</summary>
    private List<List<string>> Alternative(string text, int depth = 0)
    {
        if (text.StartsWith('@')) return Class(text[1..], depth);
        if (text == "#") return [["#"]];
        if (text.EndsWith('*'))
        {
            var stem = Tokenizer.MarkedWord(text[..^1]);
            if (stem.Length == 0) throw new FormatException($"empty stem '{text}'");
            return [["+" + stem]];
        }
        var words = WordTokens(text);
        if (words.Count == 0) throw new FormatException($"empty word '{text}'");
        return [[.. words.Select(w => "=" + w)]];
    }

    /// <summary>A typed word as the tokenizer would read it from a message (clitics split, rewrites applied).</summary>
    private List<string> WordTokens(string text)
    {
        var scratch = Scratch.Rent();
        Tokenizer.Tokenize(text, scratch, rewriteTable);
        var list = new List<string>();
        for (var i = 0; i < scratch.Count; i++)
        {
            var t = scratch.Tokens[i];
            list.Add(Tokenizer.Marked(scratch.Text(t), t.Doubled | t.Emphatic));
        }
        Scratch.Return(scratch);
        return list;
    }

    private List<Step> ParsePattern(string pattern)
    {
        if (pattern.IndexOfAny(['(', ')', '[', ']']) >= 0) throw new FormatException($"brackets are not pattern syntax: '{pattern}' (use a|b and separate patterns)");
        var steps = new List<Step>();
        var gap = 0;
        foreach (var raw in pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw[0] == '~' && raw.Length > 1 && char.IsDigit(raw[1]))
            {
                gap = int.Parse(raw[1..], System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }
            var optional = raw.Length > 1 && raw.EndsWith('?');
            var body = optional ? raw[..^1] : raw;
            var alts = new List<List<string>>();
            foreach (var a in body.Split('|', StringSplitOptions.RemoveEmptyEntries)) alts.AddRange(Alternative(a));
            steps.Add(new Step(gap, optional, alts));
            gap = 0;
        }
        if (steps.Count == 0) throw new FormatException($"empty pattern '{pattern}'");
        return steps;
    }

    private void AddEntry(Entry entry, IEnumerable<string> patterns, HashSet<string> ids)
    {
        if (!ids.Add(entry.Id)) throw new FormatException($"duplicate lexicon id '{entry.Id}'");
        if (entry.Id.Contains(':') || entry.Id.Contains(';')) throw new FormatException($"lexicon id '{entry.Id}' may not contain ':' or ';'");
        var index = entries.Count;
        entries.Add(entry);
        // " | " (with spaces) separates whole phrases; "a|b" (no spaces) separates words of one step.
        foreach (var pattern in patterns.SelectMany(p => p.Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            List<Step> steps;
            try
            {
                steps = ParsePattern(pattern);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{entry.Id}: {e.Message}", e);
            }
            var before = variants.Count;
            Expand(index, steps, 0, [], 0);
            if (variants.Count - before > MaxVariantsPerPattern) throw new FormatException($"{entry.Id}: pattern '{pattern}' expands to too many variants");
        }
    }

    private void Expand(int entry, List<Step> steps, int at, List<(int Set, int Gap)> prefix, int pendingGap)
    {
        if (at == steps.Count)
        {
            if (prefix.Count > 0) variants.Add((entry, [.. prefix]));
            return;
        }
        var step = steps[at];
        var gap = prefix.Count == 0 ? 0 : pendingGap + step.Gap;
        var singles = step.Alternatives.Where(a => a.Count == 1).Select(a => a[0]).Distinct().ToList();
        if (singles.Count > 0)
        {
            prefix.Add((SetOf(singles), gap));
            Expand(entry, steps, at + 1, prefix, 0);
            prefix.RemoveAt(prefix.Count - 1);
        }
        foreach (var multi in step.Alternatives.Where(a => a.Count > 1))
        {
            var added = 0;
            for (var k = 0; k < multi.Count; k++)
            {
                prefix.Add((SetOf([multi[k]]), k == 0 ? gap : 0));
                added++;
            }
            Expand(entry, steps, at + 1, prefix, 0);
            prefix.RemoveRange(prefix.Count - added, added);
        }
        if (step.Optional) Expand(entry, steps, at + 1, prefix, prefix.Count == 0 ? 0 : pendingGap + step.Gap);
    }

    private int SetOf(IEnumerable<string> units)
    {
        var sorted = units.Distinct().OrderBy(u => u, StringComparer.Ordinal).ToArray();
        var key = string.Join('\u0001', sorted);
        if (setIds.TryGetValue(key, out var id)) return id;
        id = setUnits.Count;
        setUnits.Add(sorted);
        setIds[key] = id;
        return id;
    }

    private Entry ReadIndicator(string group, JsonElement e, bool topic = false)
    {
        var also = e.TryGetProperty("also", out var a) ? a.EnumerateArray().Aggregate(0, (bits, x) => bits | Categories.Bit(x.GetString()!)) : 0;
        var (resolution, bits) = (group, topic) switch
        {
            // a topic of violence takes its category from who does it, when it stands (Screener.Topics.cs)
            ("violence", true) => (Resolution.Fixed, 0),
            ("violence", _) => (Resolution.Violence, 0),
            ("control", _) => (Resolution.Control, 0),
            ("none", _) => (Resolution.Fixed, 0),
            _ => (Resolution.Fixed, Categories.Bit(group)),
        };
        if (topic && (e.TryGetProperty("level", out _) || e.TryGetProperty("minor_level", out _) || e.TryGetProperty("acute", out _) || e.TryGetProperty("immediacy", out _)))
        {
            throw new FormatException($"{Str(e, "id")}: a topic is always low, never acute nor a sign of now");
        }
        var level = topic ? Severity.Low : ParseLevel(Str(e, "level", "medium"));
        return new Entry
        {
            Topic = topic,
            TopicByActor = topic && group == "violence",
            Id = Str(e, "id"),
            Kind = EntryKind.Indicator,
            CategoryBits = bits | also,
            Resolution = resolution,
            Level = level,
            MinorLevel = e.TryGetProperty("minor_level", out var ml) ? ParseLevel(ml.GetString()!) : level,
            Acute = e.TryGetProperty("acute", out var acute) && (acute.ValueKind == JsonValueKind.True || acute.ValueKind == JsonValueKind.String && acute.GetString() is "strong" or "now"),
            AcuteCurrently = e.TryGetProperty("acute", out var acuteNow) && acuteNow.ValueKind == JsonValueKind.String && acuteNow.GetString() == "now",
            AcuteStrongOnly = e.TryGetProperty("acute", out var strongOnly) && strongOnly.ValueKind == JsonValueKind.String && strongOnly.GetString() == "strong",
            Hyperbole = Bool(e, "hyperbole", false),
            Negatable = Bool(e, "negatable", true),
            Immediacy = e.TryGetProperty("immediacy", out var imm) ? Enum.Parse<Immediacy>(imm.GetString()!, ignoreCase: true) : Immediacy.None,
            Strong = e.TryGetProperty("immediacy", out _),
            MaxTokens = e.TryGetProperty("max_tokens", out var mt) ? mt.GetInt32() : 0,
            UnlessNextSet = UnlessNext(e),
            UnlessPreviousSet = UnlessNext(e, "unless_previous"),
            UnlessSentenceSet = UnlessNext(e, "unless_sentence"),
            WithMessageSet = UnlessNext(e, "with_message"),
            UnlessMessageSet = UnlessNext(e, "unless_message"),
            UnlessCues = e.TryGetProperty("unless_cue", out var unlessCue) ? CueMask(unlessCue) : 0,
            WithCue = e.TryGetProperty("with_cue", out var withCue) ? ParseCue(withCue.GetString()!) : Cue.None,
            ClauseEnd = Bool(e, "clause_end", false),
            OverIdioms = Bool(e, "over_idioms", false),
            HouseholdHold = Bool(e, "household_hold", false),
            Label = ReadLabel(e),
        };
    }

    /// <summary>Every indicator, immediacy cue and combination names itself for operators: "label": {"sq": …, "en": …}.</summary>
    private static IndicatorLabel ReadLabel(JsonElement e)
    {
        var id = e.TryGetProperty("id", out var i) ? i.GetString() : "?";
        if (!e.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{id}: missing \"label\" {{\"sq\": …, \"en\": …}}");
        }
        var sq = label.TryGetProperty("sq", out var s) ? s.GetString() : null;
        var en = label.TryGetProperty("en", out var n) ? n.GetString() : null;
        if (string.IsNullOrWhiteSpace(sq) || string.IsNullOrWhiteSpace(en)) throw new FormatException($"{id}: the label needs both \"sq\" and \"en\"");
        if (sq.Length > 48 || en.Length > 48) throw new FormatException($"{id}: a label is a short name (48 characters at most)");
        return new IndicatorLabel(sq, en);
    }

    private int UnlessNext(JsonElement e, string property = "unless_next")
    {
        if (!e.TryGetProperty(property, out var words)) return -1;
        var units = new List<string>();
        foreach (var w in words.EnumerateArray())
        {
            foreach (var alt in Alternative(w.GetString()!))
            {
                if (alt.Count != 1) throw new FormatException($"{property} '{w.GetString()}' must be one word");
                units.Add(alt[0]);
            }
        }
        return SetOf(units);
    }

    private IEnumerable<(Entry Entry, List<string> Patterns)> ReadPlaces()
    {
        var abroadForms = new List<string>();
        var albanianForms = new List<string>();
        var result = new List<(Entry, List<string>)>();
        foreach (var m in Array(places, "municipalities"))
        {
            var name = Str(m, "name");
            var forms = PlaceForms(name, m).ToList();
            var ambiguous = Bool(m, "ambiguous", false);
            if (!ambiguous) albanianForms.AddRange(forms);
            result.Add((new Entry { Id = "place." + Slug(name), Kind = EntryKind.Place, Value = name, NeedsContext = ambiguous, Negatable = false }, forms));
            foreach (var seat in Array(m, "places"))
            {
                var seatForms = PlaceForms(seat.GetString()!, default).ToList();
                albanianForms.AddRange(seatForms);
                result.Add((new Entry { Id = "place." + Slug(name) + "." + Slug(seat.GetString()!), Kind = EntryKind.Place, Value = name, Negatable = false }, seatForms));
            }
        }
        foreach (var d in Array(places, "abroad"))
        {
            var name = Str(d, "name");
            var forms = d.GetProperty("forms").EnumerateArray().Select(f => f.GetString()!).ToList();
            abroadForms.AddRange(forms);
            result.Add((new Entry { Id = "abroad." + Slug(name), Kind = EntryKind.Place, Value = name, Abroad = true, Negatable = false }, forms));
        }
        // Patterns may name these: "crossing to @ABROAD", "jam në @PLACE_AL".
        classSource["ABROAD"] = abroadForms.Select(EscapeForm).ToList();
        classSource["PLACE_AL"] = albanianForms.Select(EscapeForm).ToList();
        return result.Select(r => (r.Item1, r.Item2.Select(EscapeForm).ToList()));
    }

    /// <summary>Place forms are literal words: a form is never a class reference or stem.</summary>
    private static string EscapeForm(string form) => form.Replace("*", "").Replace("@", "").Replace("|", " ").Replace("?", "").Replace("~", "").Replace("#", "");

    /// <summary>
    /// An Albanian place name's forms: as written, definite, genitive/dative, ablative and accusative, with ë dropped or
    /// kept (canonical forms drop diacritics anyway): Shkodër → Shkodra, Shkodrës, Shkodre; Durrës → Durrësi, Durrësit.
    /// </summary>
    private static IEnumerable<string> PlaceForms(string name, JsonElement m)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal) { name };
        if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("forms", out var extra))
        {
            foreach (var f in extra.EnumerateArray()) forms.Add(f.GetString()!);
        }
        if (name.Contains(' ') || name.Contains('-'))
        {
            // multi-word names inflect their first word: Vau i Dejës ↔ Vaut të Dejës is rare; keep the listed forms
            return forms;
        }
        var lower = name;
        if (lower.EndsWith("ër", StringComparison.Ordinal))
        {
            // Shkodër → Shkodr-a, -ës, -e, -ën; Dibër → Dibra
            var stem = lower[..^2] + "r";
            foreach (var ending in new[] { "a", "ës", "es", "e", "ën", "en" }) forms.Add(stem + ending);
            forms.Add(lower[..^1]);
        }
        else if (lower.EndsWith('ë'))
        {
            // Tiranë → Tiran, Tirana, Tiranës, Tiranën, Tirane
            var stem = lower[..^1];
            forms.Add(stem);
            foreach (var ending in new[] { "a", "ës", "es", "ën", "en", "e", "ë" }) forms.Add(stem + ending);
        }
        else
        {
            // Berat → Berati, Beratit, Beratin; Shijak → Shijaku, Shijakut; Durrës → Durrësi
            var back = lower[^1] is 'k' or 'g' or 'h';
            var vowel = back ? "u" : "i";
            forms.Add(lower + vowel);
            forms.Add(lower + vowel + "t");
            forms.Add(lower + vowel + "n");
        }
        return forms;
    }

    private static string Slug(string name) =>
        new string([.. Tokenizer.CanonicalWord(name.Replace(' ', '-')).Where(c => char.IsLetterOrDigit(c) || c == '-')]);

    private WordMap<int> ReadNumbers()
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        if (lexicon.TryGetProperty("numbers", out var map))
        {
            foreach (var lang in map.EnumerateObject())
            {
                foreach (var p in lang.Value.EnumerateObject()) numbers[Tokenizer.CanonicalWord(p.Name)] = p.Value.GetInt32();
            }
        }
        // Albanian 11-19 are one word, unit + "mbë" + "dhjetë", and get typed every way: pesëmbëdhjetë, pesembdhjet,
        // pesmbedhjet, Gheg gjashtmdhjet.
        (string Unit, int Value)[] units =
            [("një", 1), ("nji", 1), ("dy", 2), ("tre", 3), ("trem", 3), ("katër", 4), ("pesë", 5), ("gjashtë", 6), ("shtatë", 7), ("tetë", 8), ("nëntë", 9), ("nandë", 9)];
        foreach (var (unit, value) in units)
        {
            var u = Tokenizer.CanonicalWord(unit);
            var bases = new HashSet<string> { u, u.EndsWith('e') ? u[..^1] : u };
            foreach (var b in bases)
            {
                foreach (var mid in new[] { "mbe", "mb", "m", "mbë" })
                {
                    foreach (var tail in new[] { "dhjete", "dhjet", "dhete", "dhjt" })
                    {
                        numbers.TryAdd(Tokenizer.CanonicalWord(b + mid + tail), 10 + value);
                    }
                }
            }
        }
        return new WordMap<int>(numbers);
    }

    /// <summary>"unless_cue": one cue's name, or a list of them.</summary>
    private static ulong CueMask(JsonElement cues) => cues.ValueKind == JsonValueKind.Array
        ? cues.EnumerateArray().Aggregate(0UL, (mask, c) => mask | 1UL << (int)ParseCue(c.GetString()!))
        : 1UL << (int)ParseCue(cues.GetString()!);

    private static Cue ParseCue(string name) => Enum.Parse<Cue>(name.Replace("_", "").Replace("-", ""), ignoreCase: true);

    internal static Severity ParseLevel(string level) =>
        WireNames.TryParseSeverity(level, out var s) ? s : throw new FormatException($"unknown level '{level}'");

    private static IEnumerable<string> Patterns(JsonElement e) =>
        e.TryGetProperty("patterns", out var p) ? p.EnumerateArray().Select(x => x.GetString()!) : [];

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var a) ? a.EnumerateArray() : [];

    private static string Str(JsonElement e, string name, string? fallback = null) =>
        e.TryGetProperty(name, out var v) && v.GetString() is { } s ? s : fallback ?? throw new FormatException($"missing '{name}'");

    private static bool Bool(JsonElement e, string name, bool fallback) =>
        e.TryGetProperty(name, out var v) ? v.GetBoolean() : fallback;
}
