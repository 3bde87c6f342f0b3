using System.Collections.Frozen;
using Hotline.Core;

// A message's stack buffers (the typo look-up's hashes, the opinion's scores, the matches' index) are written before
// they are read: the runtime does not clear them first.
[module: System.Runtime.CompilerServices.SkipLocalsInit]

namespace Hotline.Screening;

/// <summary>
/// Screens one message: language, risk indicators from the lexicon (Data/lexicon.json), their context (negation, past,
/// hypothetical, third person, idioms), entities (age, place, time, masked phone numbers) and a severity. Thread-safe;
/// allocates only its result. How the rules work: src/Screening/README-screening.md.
/// The pipeline is a sequence of named stages, one method each, over the message's <see cref="Scratch"/> and its
/// <see cref="Assessment"/>: normalise and tokenise (<see cref="Tokenizer"/>) → lexicon matches (Screener.Matching.cs)
/// → context (Screener.Context.cs) → minors (Screener.Minors.cs) → figurative frames (Screener.Frames.cs) → immediacy and severity (Screener.Severity.cs) →
/// the learned second opinion, which only raises (Screener.Opinion.cs) → categories read from the act (Screener.Categories.cs) → topics named, where nothing gave a category
/// (Screener.Topics.cs) → explanation (Screener.Explanation.cs).
/// </summary>
public sealed partial class Screener
{
    private static readonly Lazy<Screener> lazyDefault = new(() => new Screener(Lexicon.Embedded, Opinion.Embedded));

    /// <summary>Up to this many words a message is read as one sentence for "now".</summary>
    private const int ShortMessageTokens = 16;

    private readonly Lexicon lexicon;
    private readonly Opinion? opinion;
    private readonly Entry[] entries;
    /// <summary>Each entry's kind, by entry: read when a match is recorded, so the stages skip other kinds without reading the entry.</summary>
    private readonly EntryKind[] entryKinds;
    private readonly WordMap<int> numberWords;
    private readonly int negationSet;
    private readonly int negationBarrierSet;
    private readonly int firstPersonSet;
    private readonly int firstSubjectSet;
    private readonly int ageBlockSet;
    private readonly int placePrepositionSet;
    private readonly int englishISet;
    private readonly int thirdObjectSet;
    private readonly int thirdSubjectSet;
    private readonly int someoneSet;
    private readonly int thingBlockSet;
    private readonly int thingPrepositionSet;
    private readonly int thingAuxEnglishSet;
    private readonly int thingOwnPredicateSet;
    private readonly int thingTimeAfterSet;
    private readonly int thingOwnDeviceSet;
    private readonly int toldSet;
    private readonly int toldToSet;
    private readonly int denialLinkSet;
    private readonly int keptArticleSet;
    private readonly int keptPlaceSet;
    private readonly int harmPassiveSet;
    private readonly int passiveMarkSet;
    private readonly int groupObjectSet;
    private readonly int passiveUSet;
    private readonly int harmedSqSet;
    private readonly int identityGroupEntry;
    private readonly int madeToEarnEntry;
    private readonly int robbedEntry;
    private readonly int oldAgeEntry;
    private readonly int grownChildEntry;
    private readonly int coverEntry;
    private readonly int notAloneEntry;
    private readonly int neglectEntry;
    private readonly int onTheWayEntry;
    private readonly int letOutEntry;
    private readonly int kindWordsEntry;
    private readonly int actKeptUntoldEntry;
    private readonly int lockedThingSet;
    private readonly int lockedInEntry;
    private readonly int doingTogetherEntry;
    private readonly int hoursAgoEntry;
    private readonly int todayEntry;
    private readonly int abuserAsleepEntry;
    private readonly int abuserAwayEntry;
    private readonly int aloneWithEntry;
    private readonly int lockedBySomeoneEntry;
    private readonly int childrenWithHerEntry;
    private readonly int unconsciousEntry;
    private readonly int collapsedEntry;
    private readonly int cantBreatheEntry;
    private readonly int ofOursSet;
    private readonly int agePersonSet;
    private readonly int ageHedgeSet;
    private readonly int clockSet;
    private readonly int selfLeadSet;

    /// <summary>The index of the entry <paramref name="id"/>, read by the rules by its place; a lexicon without it fails at load.</summary>
    private int EntryIndex(string id)
    {
        var index = Array.FindIndex(entries, e => e.Id == id);
        return index >= 0 ? index : throw new InvalidOperationException($"The lexicon has no entry {id}, which the rules read.");
    }

    /// <param name="opinion">The learned second opinion, or null for the rules alone.</param>
    internal Screener(Lexicon lexicon, Opinion? opinion = null)
    {
        this.lexicon = lexicon;
        this.opinion = opinion;
        entries = lexicon.Entries;
        entryKinds = [.. entries.Select(e => e.Kind)];
        (ops, opKeys, setOps, startOps, fullSetOps, fullStartOps, variants, variantKeys, rareOps, steps) = CompileOps(lexicon);
        numberWords = lexicon.NumberWords;
        negationSet = lexicon.ClassSet("NEG");
        negationBarrierSet = lexicon.ClassSet("NEG_BARRIER");
        firstPersonSet = lexicon.ClassSet("FIRST_PERSON");
        firstSubjectSet = lexicon.ClassSet("FIRST_SUBJECT");
        lockedThingSet = lexicon.ClassSet("LOCKED_THING");
        lockedInEntry = EntryIndex("ctl.locked_in");
        ageBlockSet = lexicon.ClassSet("NOT_AGE_UNIT");
        placePrepositionSet = lexicon.ClassSet("PLACE_PREPOSITION");
        englishISet = lexicon.ClassSet("ENGLISH_I");
        thirdObjectSet = lexicon.ClassSet("THIRD_OBJECT");
        thirdSubjectSet = lexicon.ClassSet("THIRD_SUBJECT");
        someoneSet = lexicon.ClassSet("SOMEONE");
        thingBlockSet = lexicon.ClassSet("THING_BLOCK");
        thingPrepositionSet = lexicon.ClassSet("THING_PREPOSITION");
        thingAuxEnglishSet = lexicon.ClassSet("THING_AUX_EN");
        thingOwnPredicateSet = lexicon.ClassSet("THING_OWN_PREDICATE");
        thingTimeAfterSet = lexicon.ClassSet("THING_TIME_AFTER");
        thingOwnDeviceSet = lexicon.ClassSet("THING_OWN_DEVICE");
        toldSet = lexicon.ClassSet("TOLD");
        toldToSet = lexicon.ClassSet("TOLD_TO");
        denialLinkSet = lexicon.ClassSet("DENIAL_LINK");
        keptArticleSet = lexicon.ClassSet("KEPT_ARTICLE");
        keptPlaceSet = lexicon.ClassSet("KEPT_PLACE");
        harmPassiveSet = lexicon.ClassSet("HARM_PASSIVE");
        passiveMarkSet = lexicon.ClassSet("PASSIVE_MARK");
        groupObjectSet = lexicon.ClassSet("GROUP_OBJECT");
        passiveUSet = lexicon.ClassSet("PASSIVE_U");
        harmedSqSet = lexicon.ClassSet("HARMED_SQ");
        identityGroupEntry = EntryIndex("cue.identity_group");
        madeToEarnEntry = EntryIndex("cue.made_to_earn");
        robbedEntry = EntryIndex("cue.robbed");
        oldAgeEntry = EntryIndex("cue.old_age");
        grownChildEntry = EntryIndex("cue.grown_child");
        coverEntry = EntryIndex("cue.cover");
        notAloneEntry = EntryIndex("imm.not_alone");
        neglectEntry = EntryIndex("ch.neglect");
        onTheWayEntry = EntryIndex("imm.on_the_way");
        letOutEntry = EntryIndex("cue.let_out");
        kindWordsEntry = EntryIndex("cue.kind_words");
        actKeptUntoldEntry = EntryIndex("cue.act_kept_untold");
        doingTogetherEntry = EntryIndex("cue.doing_together");
        hoursAgoEntry = EntryIndex("time.hours_ago");
        todayEntry = EntryIndex("time.today");
        abuserAsleepEntry = EntryIndex("cue.abuser_asleep");
        abuserAwayEntry = EntryIndex("cue.abuser_away");
        aloneWithEntry = EntryIndex("imm.alone_with");
        lockedBySomeoneEntry = EntryIndex("imm.locked_by_someone");
        childrenWithHerEntry = EntryIndex("cue.children_with_her");
        unconsciousEntry = EntryIndex("imm.unconscious");
        collapsedEntry = EntryIndex("imm.collapsed");
        cantBreatheEntry = EntryIndex("imm.cant_breathe");
        ofOursSet = lexicon.ClassSet("OF_OURS");
        agePersonSet = lexicon.ClassSet("AGE_APPOSITION");
        ageHedgeSet = lexicon.ClassSet("AGE_HEDGE");
        clockSet = lexicon.ClassSet("CLOCK");
        selfLeadSet = lexicon.ClassSet("SELF_LEAD");
    }

    private static readonly Lazy<Screener> lazyRulesOnly = new(() => new Screener(Lexicon.Embedded));

    /// <summary>The rules alone, without the learned second opinion: for measuring what the opinion adds.</summary>
    public static Screener RulesOnly => lazyRulesOnly.Value;

    /// <summary>The screener over the lexicon and gazetteer embedded in this assembly.</summary>
    public static Screener Default => lazyDefault.Value;

    /// <summary>
    /// The embedded rules with the learned opinion read from <paramref name="path"/> (written by train-opinion): for
    /// measuring an opinion trained without the sets it is scored on.
    /// </summary>
    public static Screener WithOpinion(string path)
    {
        using var stream = File.OpenRead(path);
        return new Screener(Lexicon.Embedded, Opinion.Read(stream));
    }

    /// <summary>The lexicon's version (Data/lexicon.json "version"), for audit alongside a result.</summary>
    public string LexiconVersion => lexicon.Version;

    /// <summary>Every indicator's short name in Albanian and English, by id: for a console that holds only stored ids.</summary>
    public IReadOnlyDictionary<string, IndicatorLabel> Labels => lexicon.Labels;

    public ScreeningResult Screen(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scratch = Scratch.Rent();
        try
        {
            Tokenizer.Tokenize(text, scratch, lexicon.Rewrites);
            Lookup(scratch);
            Match(scratch);
            return Assess(text, scratch);
        }
        finally
        {
            Scratch.Return(scratch);
        }
    }

    /// <summary>
    /// Every lexicon entry that matched, kept or dropped and why, over the canonical tokens: for lexicon work on
    /// development data (it repeats the message's words).
    /// </summary>
    internal string Explain(string text)
    {
        var result = Screen(text);
        var s = new Scratch();
        Tokenizer.Tokenize(text, s, lexicon.Rewrites);
        Lookup(s);
        Match(s);
        var b = new System.Text.StringBuilder();
        b.Append("tokens:");
        for (var i = 0; i < s.Count; i++) b.Append(' ').Append(s.Text(s.Tokens[i])).Append(s.Tokens[i].Sentence != (i + 1 < s.Count ? s.Tokens[i + 1].Sentence : -1) ? " |" : "");
        b.AppendLine();
        for (var m = 0; m < s.MatchCount; m++)
        {
            var match = s.Matches[m];
            var entry = entries[match.Entry];
            b.Append("  ").Append(entry.Kind).Append(' ').Append(entry.Id).Append(" [");
            for (var t = match.First; t <= match.Last; t++) b.Append(t == match.First ? "" : " ").Append(s.Text(s.Tokens[t]));
            b.AppendLine("]");
        }
        b.Append("  => ").Append(result.Severity.ToWire()).Append(' ').Append(string.Join(',', result.Categories))
            .Append(result.Minor ? " minor" : "").Append(result.Age is { } a ? $" age {a}" : "").Append(" imm=").Append(result.Immediacy)
            .Append(" ctx=").Append(result.Context).AppendLine();
        foreach (var i in result.Indicators) b.Append("     ").Append(i.Id).Append(' ').Append(i.Category).Append(' ').Append(i.Context).AppendLine();
        return b.ToString();
    }

    private ScreeningResult Assess(string text, Scratch s)
    {
        var a = new Assessment { Language = DetectLanguage(s), OpinionHead = -1 };
        DropIdiomsAndNegated(s);
        ReadCues(s, ref a);
        ReadMinors(text, s, ref a);
        DropWithoutHumanActor(s, in a);
        DropInFigurativeFrames(s, ref a);
        CollectImmediacy(s, ref a);
        AssessIndicators(s, ref a);
        ApplyCombinations(s, ref a);
        ApplyImmediacy(s, ref a);
        SettleSeverity(ref a);
        ApplyOpinion(s, ref a);
        RaiseHarmWithItsHour(s, ref a);
        NameCategoriesByTheAct(ref a);
        ApplyTopics(text, s, ref a);
        SettleMinor(s, ref a);
        NameWhatTheRulesLeftUnnamed(s, ref a);
        return Build(text, s, in a);
    }

    private static Language DetectLanguage(Scratch s)
    {
        int sq = 0, en = 0, other = 0, words = 0;
        for (var i = 0; i < s.Count; i++)
        {
            ref var t = ref s.Tokens[i];
            if ((t.Flags & (TokenFlags.Number | TokenFlags.Emoji)) != 0) continue;
            words++;
            if ((t.Languages & Lexicon.Albanian) != 0) sq += 2;
            if ((t.Languages & Lexicon.English) != 0) en += 2;
            if ((t.Languages & Lexicon.OtherLanguage) != 0) other += 2;
            if ((t.Flags & TokenFlags.AlbanianLetter) != 0) sq += 2;
            if ((t.Flags & TokenFlags.NonLatin) != 0) other += 2;
            if ((t.Flags & TokenFlags.HasW) != 0 && t.Languages == 0) en += 1;
            var text = s.Text(t);
            if (t.Languages == 0 && text.Length >= 5 && text[^3] == 'i' && text[^2] == 'n' && text[^1] == 'g') en += 1;
        }
        if (sq == 0 && en == 0) return other > 0 || words == 0 && s.Count > 0 ? Language.Other : Language.Sq;
        if (other > sq + en) return Language.Other;
        return en > sq ? Language.En : Language.Sq;
    }


    private static ulong Bit(Cue cue) => 1UL << (int)cue;

    private static Severity Min(Severity a, Severity b) => a < b ? a : b;

    private static Severity Max(Severity a, Severity b) => a > b ? a : b;
}
