using System.Collections.Frozen;
using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// Screens one message: language, risk indicators from the lexicon (Data/lexicon.json), their context (negation, past,
/// hypothetical, third person, idioms), entities (age, place, time, masked phone numbers) and a severity. Thread-safe;
/// allocates only its result. How the rules work: src/Screening/README-screening.md.
/// </summary>
public sealed class Screener
{
    private static readonly Lazy<Screener> lazyDefault = new(() => new Screener(Lexicon.Embedded));

    /// <summary>Up to this many words a message is read as one sentence for "now".</summary>
    private const int ShortMessageTokens = 16;

    private readonly Lexicon lexicon;
    private readonly Entry[] entries;
    private readonly WordMap<int> numberWords;
    private readonly int negationSet;
    private readonly int negationBarrierSet;
    private readonly int firstPersonSet;
    private readonly int firstSubjectSet;
    private readonly int ageBlockSet;
    private readonly int placePrepositionSet;
    private readonly int englishISet;
    private readonly int thirdObjectSet;

    internal Screener(Lexicon lexicon)
    {
        this.lexicon = lexicon;
        entries = lexicon.Entries;
        numberWords = lexicon.NumberWords;
        negationSet = lexicon.ClassSet("NEG");
        negationBarrierSet = lexicon.ClassSet("NEG_BARRIER");
        firstPersonSet = lexicon.ClassSet("FIRST_PERSON");
        firstSubjectSet = lexicon.ClassSet("FIRST_SUBJECT");
        ageBlockSet = lexicon.ClassSet("NOT_AGE_UNIT");
        placePrepositionSet = lexicon.ClassSet("PLACE_PREPOSITION");
        englishISet = lexicon.ClassSet("ENGLISH_I");
        thirdObjectSet = lexicon.ClassSet("THIRD_OBJECT");
    }

    /// <summary>The screener over the lexicon and gazetteer embedded in this assembly.</summary>
    public static Screener Default => lazyDefault.Value;

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

    internal void Lookup(Scratch s)
    {
        s.PrepareBits(lexicon.SetCount);
        for (var i = 0; i < s.Count; i++)
        {
            ref var t = ref s.Tokens[i];
            var known = lexicon.Trie.Walk(s, i);
            // one typing error in a longer word: read it as the lexicon word ("kercenoii", "atacked", "strangeld")
            if (!known && t.NormLength >= TypoIndex.MinLength - 1 && (t.Flags & (TokenFlags.Number | TokenFlags.Rewritten | TokenFlags.NonLatin)) == 0
                && lexicon.Typos.Find(s.Text(t)) is { } correction)
            {
                lexicon.Trie.AddWord(s, i, correction);
                t.Flags |= TokenFlags.Typo;
            }
            if ((t.Flags & TokenFlags.Number) == 0)
            {
                if (t.NormLength < 3 || !numberWords.TryGet(s.Text(t), out var value)) continue;
                t.Flags |= TokenFlags.Number;
                t.Number = value;
            }
            foreach (var set in lexicon.NumberSets) s.AddHit(i, set, lexicon.Trie.StartsPattern(set));
        }
        s.PrepareTables();
    }

    internal void Match(Scratch s)
    {
        var groups = lexicon.Groups;
        var groupStart = lexicon.GroupStart;
        var flat = lexicon.FlatVariants;
        var variantEntry = lexicon.VariantEntry;
        var variantStart = lexicon.VariantStart;
        var tokens = s.Tokens;
        var count = s.Count;
        for (var i = 0; i < count; i++)
        {
            var hitStart = tokens[i].HitStart;
            var hitEnd = hitStart + tokens[i].HitCount;
            var sentence = tokens[i].Sentence;
            for (var h = hitStart; h < hitEnd; h++)
            {
                var set = s.Hits[h];
                for (var g = groupStart[set]; g < groupStart[set + 1]; g++)
                {
                    var group = groups[g];
                    if (group.Second < 0)
                    {
                        for (var v = group.VariantsFrom; v < group.VariantsFrom + group.VariantCount; v++) Record(s, variantEntry[flat[v]], i, i);
                        continue;
                    }
                    // the group's second step must be in the message, and within reach, before any variant is tried
                    if (!s.InMessage(group.Second)) continue;
                    var limit = Math.Min(count - 1, i + 1 + group.Gap);
                    var reachable = false;
                    for (var j = i + 1; j <= limit && tokens[j].Sentence == sentence; j++)
                    {
                        if (s.HasHit(j, group.Second)) { reachable = true; break; }
                    }
                    if (!reachable) continue;
                    for (var v = group.VariantsFrom; v < group.VariantsFrom + group.VariantCount; v++)
                    {
                        var variant = flat[v];
                        if (TryMatch(s, variant, variantStart[variant] + 1, i, i + 1, out var last)) Record(s, variantEntry[variant], i, last);
                    }
                }
                MatchAnchored(s, set, i);
            }
        }
    }

    /// <summary>Patterns anchored on their second step at token <paramref name="i"/>: the first step is looked for just before.</summary>
    private void MatchAnchored(Scratch s, int set, int i)
    {
        var anchored = lexicon.AnchoredGroups;
        var start = lexicon.AnchoredStart;
        var tokens = s.Tokens;
        var sentence = tokens[i].Sentence;
        for (var g = start[set]; g < start[set + 1]; g++)
        {
            var group = anchored[g];
            if (!s.InMessage(group.Second)) continue;
            // the farthest first step in reach gives the longest match, as matching from the first step would keep
            var first = -1;
            for (var k = Math.Max(0, i - 1 - group.Gap); k < i; k++)
            {
                if (tokens[k].Sentence == sentence && s.HasHit(k, group.Second)) { first = k; break; }
            }
            if (first < 0) continue;
            var flat = lexicon.AnchoredVariants;
            for (var v = group.VariantsFrom; v < group.VariantsFrom + group.VariantCount; v++)
            {
                var variant = flat[v];
                if (TryMatch(s, variant, lexicon.VariantStart[variant] + 2, first, i + 1, out var last)) Record(s, lexicon.VariantEntry[variant], first, last);
            }
        }
    }

    private bool TryMatch(Scratch s, int variant, int step, int first, int at, out int last)
    {
        if (step == lexicon.VariantStart[variant + 1])
        {
            last = at - 1;
            return true;
        }
        var set = lexicon.StepSets[step];
        var limit = at + lexicon.StepGaps[step];
        var sentence = s.Tokens[first].Sentence;
        for (var j = at; j <= limit && j < s.Count; j++)
        {
            if (s.Tokens[j].Sentence != sentence) break;
            if (s.HasHit(j, set) && TryMatch(s, variant, step + 1, first, j + 1, out last)) return true;
        }
        last = -1;
        return false;
    }

    private static void Record(Scratch s, int entry, int first, int last)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var other = ref s.Matches[m];
            if (other.Entry != entry || other.Last < first || other.First > last) continue;
            // the same entry over overlapping words: keep the longer match
            if (last - first > other.Last - other.First)
            {
                other.First = first;
                other.Last = last;
            }
            return;
        }
        ref var match = ref s.AddMatch();
        match.Entry = entry;
        match.First = first;
        match.Last = last;
    }

    private ScreeningResult Assess(string text, Scratch s)
    {
        var tokens = s.Tokens;
        var language = DetectLanguage(s);
        var english = language == Language.En;

        // 1. Idioms hide the risk words inside them ("më vret koka", "dying to see").
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (entries[match.Entry].Kind != EntryKind.Idiom) continue;
            for (var t = match.First; t <= match.Last; t++) s.Idiom[t] = true;
        }

        // 2. Per match: idiom cover, negation, and whether a place name is really one.
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (entry.Kind is EntryKind.Idiom or EntryKind.Age) continue;
            if (entry.Kind is EntryKind.Indicator or EntryKind.Immediacy or EntryKind.Cue && CoveredByIdiom(s, match))
            {
                match.Dropped = true;
                match.Context |= ScreeningContext.Idiom;
                continue;
            }
            if (entry.Negatable && IsNegated(s, match.First))
            {
                match.Dropped = true;
                match.Context |= ScreeningContext.Negated;
                continue;
            }
            if (entry.MaxTokens > 0 && s.Count > entry.MaxTokens) match.Dropped = true;
            if (entry.UnlessNextSet >= 0 && match.Last + 1 < s.Count && s.HasHit(match.Last + 1, entry.UnlessNextSet)) match.Dropped = true;
            if (entry.UnlessPreviousSet >= 0 && match.First > 0 && s.HasHit(match.First - 1, entry.UnlessPreviousSet)) match.Dropped = true;
            if (entry.Kind == EntryKind.Place && entry.NeedsContext && !PlaceInContext(s, match.First)) match.Dropped = true;
            // "kam 13 vjet, babai …": the number is the writer's age, not "13 years (ago)"
            if (entry.Kind == EntryKind.Time && OverlapsOwnAge(s, match)) match.Dropped = true;
        }

        // An actor inside a longer one ("boyfriend" in "mum's boyfriend") is the longer one's.
        for (var m = 0; m < s.MatchCount; m++)
        {
            if (entries[s.Matches[m].Entry].Kind == EntryKind.Actor && !s.Matches[m].Dropped && ShadowedActor(s, m)) s.Matches[m].Shadowed = true;
        }

        // 3. Cues, by message and by sentence.
        ulong cues = 0;
        string? place = null;
        var placeCount = 0;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var entry = entries[match.Entry];
            var cue = entry.Kind switch
            {
                EntryKind.Cue or EntryKind.Time => entry.Cue,
                EntryKind.Place => entry.Abroad ? Cue.Abroad : Cue.None,
                _ => Cue.None,
            };
            if (entry.Kind == EntryKind.Place)
            {
                placeCount++;
                if (!entry.Abroad) place ??= entry.Value;
            }
            if (cue == Cue.None) continue;
            cues |= Bit(cue);
            s.SentenceCues[tokens[match.First].Sentence] |= Bit(cue);
        }
        bool Has(Cue cue) => (cues & Bit(cue)) != 0;
        bool InSentence(int token, Cue cue) => (s.SentenceCues[tokens[token].Sentence] & Bit(cue)) != 0;

        // a time or cue in the same clause as the token
        bool InClause(int token, Cue cue)
        {
            for (var m = 0; m < s.MatchCount; m++)
            {
                ref readonly var other = ref s.Matches[m];
                var e = entries[other.Entry];
                if (!other.Dropped && e.Kind is EntryKind.Time or EntryKind.Cue && e.Cue == cue && tokens[other.First].Clause == tokens[token].Clause) return true;
            }
            return false;
        }

        bool NowInSentence(int token)
        {
            for (var m = 0; m < s.MatchCount; m++)
            {
                ref readonly var other = ref s.Matches[m];
                var e = entries[other.Entry];
                if (!other.Dropped && e.Kind == EntryKind.Time && e.Immediacy is Immediacy.Now or Immediacy.Currently
                    && tokens[other.First].Sentence == tokens[token].Sentence) return true;
            }
            return false;
        }

        bool NowOrNextInSentence(int token)
        {
            if (NowInSentence(token)) return true;
            for (var m = 0; m < s.MatchCount; m++)
            {
                ref readonly var other = ref s.Matches[m];
                var e = entries[other.Entry];
                if (!other.Dropped && e.Kind == EntryKind.Time && e.Value is "future" or "tonight" or "today"
                    && tokens[other.First].Sentence == tokens[token].Sentence) return true;
            }
            return false;
        }

        // "every time he drinks he locks me in" is habitual; "we are locked in, they take our phones every night" is not
        bool HabitualHere(int token) => InSentence(token, Cue.Habitual) && InClause(token, Cue.Habitual);

        // "two days ago they put me on a boat, now the door is locked": with a "now" in the sentence, the past is its clause's only
        bool PastHere(int token, Cue cue) => InSentence(token, cue) && (!NowInSentence(token) || InClause(token, cue));

        // 4. Ages and minors.
        ReadAges(s, language == Language.Sq);
        int? age = null;
        var minorAge = false;
        var adultAge = false;
        for (var a = 0; a < s.AgeCount; a++)
        {
            var value = s.Ages[a];
            if (InSentence(s.AgeTokens[a], Cue.DistantPast)) continue;
            if (value < 18) minorAge = true;
            else adultAge = true;
            if (s.AgeFirstPerson[a])
            {
                age = value;
            }
        }
        if (age is null)
        {
            for (var a = 0; a < s.AgeCount; a++)
            {
                if (age is null || s.Ages[a] < age) age = s.Ages[a];
            }
        }
        var childMention = false;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (match.Dropped || entry.Kind != EntryKind.Cue || entry.Cue is not (Cue.Child or Cue.Minor)) continue;
            // "to see the kids", "take the children": a parent's children in a custody dispute are not the ones at risk
            if (entry.Cue == Cue.Child && InsideCue(s, match, Cue.Custody)) continue;
            if (!InSentence(match.First, Cue.DistantPast)) childMention = true;
        }
        var minor = minorAge || childMention;
        if (minor && adultAge) cues |= Bit(Cue.Older);
        if (minor) cues |= Bit(Cue.Minor);
        var information = Has(Cue.Information);

        // 5. Indicators: context, level and category.
        var fixedTrafficking = HasFixedCategory(s, Categories.Trafficking);
        var otherFixed = OtherFixedCategories(s);
        var severity = Severity.None;
        var categoryBits = 0;
        var immediacy = Immediacy.None;
        var context = ScreeningContext.None;
        var strong = false;
        var riskIndicators = 0;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (match.Dropped)
            {
                context |= match.Context & (ScreeningContext.Negated | ScreeningContext.Idiom);
                continue;
            }
            // "my dog got attacked", "the cat brought it to the door": the doer is not a person
            if (entry.Kind == EntryKind.Immediacy && entry.Immediacy == Immediacy.Presence
                || entry.Kind == EntryKind.Indicator && entry.Resolution == Resolution.Violence)
            {
                if (InSentence(match.First, Cue.NonHuman) && !PersonInSentence(s, match.First))
                {
                    match.Dropped = true;
                    continue;
                }
            }
            // "my mom says I can't go out after 9": a parent's rule for a child, not confinement
            if (entry.Kind == EntryKind.Indicator && entry.Resolution == Resolution.Control && InSentence(match.First, Cue.Curfew)
                && (minor || NearestActor(s, match) == ActorRole.Family))
            {
                match.Dropped = true;
                continue;
            }
            if (entry.Kind == EntryKind.Immediacy || entry.Kind == EntryKind.Time && entry.Immediacy != Immediacy.None
                || entry.Kind == EntryKind.Indicator && entry.Immediacy != Immediacy.None)
            {
                // what happened yesterday, or happens every time he drinks, is not happening now
                if (InSentence(match.First, Cue.DistantPast)
                    || (PastHere(match.First, Cue.RecentPast) || HabitualHere(match.First)) && entry.Immediacy is not (Immediacy.Now or Immediacy.Currently))
                {
                    if (entry.Kind == EntryKind.Immediacy) match.Dropped = true;
                }
                else
                {
                    immediacy |= entry.Immediacy;
                    s.SentenceImmediacy[tokens[match.First].Sentence] |= entry.Immediacy;
                    if (entry.Strong) strong = true;
                }
            }
            if (entry.Kind != EntryKind.Indicator) continue;

            if (entry.UnlessCue != Cue.None && Has(entry.UnlessCue))
            {
                match.Dropped = true;
                continue;
            }
            if ((cues & Bit(Cue.Joking)) != 0 && entry.Hyperbole)
            {
                match.Dropped = true;
                context |= ScreeningContext.Joking;
                continue;
            }
            var level = minor && entry.MinorLevel > entry.Level ? entry.MinorLevel : entry.Level;
            var firstPerson = IsFirstPerson(s, match, english);
            var aboutWriter = IsFirstPerson(s, match, english, asObject: true);
            var c = ScreeningContext.None;
            // "he made me when I was 13; now I'm 14 and he's coming again on Sunday": with a now or a future in the
            // sentence, the past is its own clause's only
            if (InSentence(match.First, Cue.DistantPast) && (!NowOrNextInSentence(match.First) || InClause(match.First, Cue.DistantPast)))
            {
                c |= ScreeningContext.DistantPast;
                level = Min(level, Has(Cue.SafeNow) ? Severity.Low : Severity.Medium);
            }
            // "my friend was trafficked years ago, she's safe now but has no papers": someone else's, and over
            if (Has(Cue.SafeNow) && !aboutWriter && InSentence(match.First, Cue.ThirdPerson) | Has(Cue.ThirdPerson))
            {
                c |= ScreeningContext.SafeNow;
                level = Min(level, Severity.Medium);
            }
            if (information && !aboutWriter)
            {
                c |= ScreeningContext.InformationRequest;
                level = Min(level, Severity.Low);
            }
            if (information && InSentence(match.First, Cue.Hypothetical))
            {
                c |= ScreeningContext.Hypothetical;
                level = Min(level, Severity.Low);
            }
            if (Has(Cue.NothingYet) && !entry.Acute)
            {
                c |= ScreeningContext.NothingYet;
                level = Min(level, Severity.Medium);
            }
            if (!firstPerson && InSentence(match.First, Cue.ThirdPerson)) c |= ScreeningContext.ThirdPerson;
            match.Context = c;
            match.Level = level;
            match.Categories = Resolve(s, m, entry, cues, fixedTrafficking, otherFixed);
            if (level > severity) severity = level;
            categoryBits |= match.Categories;
            if (level >= Severity.Medium) riskIndicators++;
            context |= c;
        }

        // 6. Combinations (a job + abroad + an offer; identity + fear; a minor + an older person).
        var combinationBits = 0;
        var combinations = lexicon.Combinations;
        for (var k = 0; k < combinations.Length; k++)
        {
            var combination = combinations[k];
            if (combination.NeedsMinor && !minor) continue;
            if (!AllCues(s, combination, cues)) continue;
            combinationBits |= 1 << k;
            var level = combination.Level;
            if (Has(Cue.NothingYet) && level > Severity.Medium) level = Severity.Medium;
            if (information) level = Min(level, Severity.Low);
            if (level > severity) severity = level;
            categoryBits |= combination.CategoryBits;
            if (level >= Severity.Medium) riskIndicators++;
        }

        // 7. Immediacy: an acute indicator happening now is critical.
        var deEscalated = Has(Cue.AbuserAway) || Has(Cue.NoPlan) || Has(Cue.NotSerious) || Has(Cue.SafeNow);
        // locked in or tied up with him gone is still an emergency: she cannot get out
        if (deEscalated && (immediacy & Immediacy.Locked) != 0 && !Has(Cue.NoPlan) && !Has(Cue.NotSerious) && !Has(Cue.SafeNow)) deEscalated = false;
        if (Has(Cue.AbuserAway)) context |= ScreeningContext.AbuserAway;
        if (Has(Cue.NoPlan)) context |= ScreeningContext.NoPlan;
        if (Has(Cue.SafeNow)) context |= ScreeningContext.SafeNow;
        var critical = false;
        for (var m = 0; m < s.MatchCount && !critical; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (match.Dropped || entry.Kind != EntryKind.Indicator) continue;
            if (match.Level == Severity.Critical) { critical = true; break; }
            if (!entry.Acute || match.Level < Severity.Medium || deEscalated) continue;
            if ((match.Context & (ScreeningContext.DistantPast | ScreeningContext.Hypothetical | ScreeningContext.InformationRequest)) != 0) continue;
            // a short message is one thought: "dua të vdes. sot." has its "today" in another sentence
            var sentenceNow = s.Count <= ShortMessageTokens ? immediacy : s.SentenceImmediacy[tokens[match.First].Sentence];
            if (strong) critical = true;
            else if (match.Level >= Severity.High && !entry.AcuteStrongOnly && (sentenceNow & Immediacy.Now) != 0) critical = true;
            else if (match.Level >= Severity.High && entry.AcuteCurrently && (sentenceNow & Immediacy.Currently) != 0) critical = true;
            // "help, he's beating me now": a plea makes a plain "now" mean now
            else if (match.Level >= Severity.High && (immediacy & Immediacy.Plea) != 0 && (sentenceNow & (Immediacy.Currently | Immediacy.Now)) != 0) critical = true;
        }
        var presence = (immediacy & (Immediacy.Presence | Immediacy.InProgress | Immediacy.Returned)) != 0;
        var plea = (immediacy & Immediacy.Plea) != 0;
        // A plea with someone there now, or a disguised call for help (a pizza "order", "can't talk") with someone there.
        if (plea && presence && !deEscalated) critical = true;
        if (Has(Cue.Disguise) && (presence || (immediacy & Immediacy.Disguised) != 0))
        {
            critical = true;
            categoryBits |= Categories.Domestic;
        }
        if ((immediacy & Immediacy.Disguised) != 0 && presence && !deEscalated)
        {
            // "can't talk, he's next to me": a covert call for help, as a rule from home
            critical = true;
            if ((categoryBits & ~Categories.Child) == 0) categoryBits |= Categories.Domestic;
        }
        // Two different signs of danger now, with nothing said of what was done: "he is outside the door with a hammer",
        // "I locked myself in, he's banging on the door".
        const Immediacy danger = Immediacy.Presence | Immediacy.Weapon | Immediacy.Locked | Immediacy.InProgress | Immediacy.Moving | Immediacy.Bleeding | Immediacy.Means;
        var signs = immediacy & danger;
        if ((immediacy & Immediacy.Returned) != 0) signs |= Immediacy.Presence; // "he's back" is someone present, once
        if (!critical && !deEscalated && System.Numerics.BitOperations.PopCount((uint)signs) >= 2)
        {
            critical = true;
            if ((categoryBits & ~Categories.Child) == 0 && FamilyOrPartnerInMessage(s)) categoryBits |= Categories.Domestic;
            // locked in a lorry, a van, a container on the move: people being moved
            else if ((categoryBits & ~Categories.Child) == 0 && (signs & Immediacy.Moving) != 0 && (signs & Immediacy.Locked) != 0) categoryBits |= Categories.Trafficking;
        }
        // A child at risk and the person who puts her at risk there now ("he's outside her school right now").
        if (!critical && !deEscalated && minor && (immediacy & Immediacy.Presence) != 0 && RiskNow(s)) critical = true;
        // Someone there now after a threat or a protection order, or with fear: "he just pulled up outside, he has a
        // restraining order"; "they're coming to the flat now, they said they'll fix me".
        if (!critical && !deEscalated && strong && (immediacy & Immediacy.Presence) != 0 && (Has(Cue.Fear) || ThreatNow(s)))
        {
            critical = true;
            if ((categoryBits & ~Categories.Child) == 0 && FamilyOrPartnerInMessage(s)) categoryBits |= Categories.Domestic;
        }
        // On a bridge or a roof, saying goodbye: the means and the intent.
        if (!deEscalated && (immediacy & Immediacy.Means) != 0 && Has(Cue.Farewell))
        {
            critical = true;
            categoryBits |= Categories.SelfHarm;
        }
        if (critical) severity = Severity.Critical;
        // A bare plea, or someone there and fear, with nothing else said: a human must look now.
        if (severity < Severity.High && riskIndicators == 0 && !information)
        {
            if (plea || presence && Has(Cue.Fear)) severity = Severity.High;
            else if (presence || (immediacy & Immediacy.Disguised) != 0) severity = Max(severity, Severity.Medium);
        }
        if (severity == Severity.None && (Has(Cue.Service) || information)) severity = Severity.Low;
        if (severity == Severity.None && Has(Cue.Fear)) severity = Severity.Low;

        // 8. Minors: an age under 18 whatever the severity ("kam 13 vjet", "my 8 year old's tablet"), a child named in a
        // message with some risk; not a child who is only the subject of a question (a parent or teacher asking how to
        // explain, the age of consent). child_at_risk only with some risk.
        if (minor && information && severity < Severity.Medium && !(age is < 18 && OwnAge(s))) minor = false;
        else if (minor && !minorAge && severity < Severity.Medium && !AnyIndicator(s)) minor = false;
        if (minor && severity >= Severity.Medium) categoryBits |= Categories.Child;

        return Build(text, s, language, severity, categoryBits, minor, age, place, immediacy, context, combinationBits);
    }

    private static bool OwnAge(Scratch s)
    {
        for (var a = 0; a < s.AgeCount; a++)
        {
            if (s.AgeFirstPerson[a]) return true;
        }
        return false;
    }

    private bool AnyIndicator(Scratch s)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            if (!s.Matches[m].Dropped && entries[s.Matches[m].Entry].Kind == EntryKind.Indicator) return true;
        }
        return false;
    }

    /// <summary>A threat, or a protection order, that is not past, hypothetical or a question.</summary>
    private bool ThreatNow(Scratch s)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref readonly var match = ref s.Matches[m];
            var id = entries[match.Entry].Id;
            if (!match.Dropped && entries[match.Entry].Kind == EntryKind.Indicator
                && (id.StartsWith("v.threat", StringComparison.Ordinal) || id is "dv.topic" or "dv.protection_order_breach" or "v.fear_of_death")
                && (match.Context & (ScreeningContext.DistantPast | ScreeningContext.Hypothetical | ScreeningContext.InformationRequest)) == 0) return true;
        }
        return false;
    }

    /// <summary>An indicator of medium or more that is not past, hypothetical or a question.</summary>
    private bool RiskNow(Scratch s)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && entries[match.Entry].Kind == EntryKind.Indicator && match.Level >= Severity.Medium
                && (match.Context & (ScreeningContext.DistantPast | ScreeningContext.Hypothetical | ScreeningContext.InformationRequest)) == 0) return true;
        }
        return false;
    }

    private bool AllCues(Scratch s, Combination combination, ulong cues)
    {
        if (!combination.SameSentence)
        {
            foreach (var cue in combination.All)
            {
                if ((cues & Bit(cue)) == 0) return false;
            }
            return true;
        }
        var sentences = s.Count == 0 ? 0 : s.Tokens[s.Count - 1].Sentence + 1;
        for (var i = 0; i < sentences; i++)
        {
            var ok = true;
            foreach (var cue in combination.All)
            {
                var bit = Bit(cue);
                if ((s.SentenceCues[i] & bit) == 0 && !(cue is Cue.Minor or Cue.Older && (cues & bit) != 0)) { ok = false; break; }
            }
            if (ok) return true;
        }
        return false;
    }

    /// <summary>
    /// Which categories an indicator stands for. Violence by a family member or partner is domestic violence, against
    /// someone's identity hate violence; confinement or a phone taken is trafficking where work, debt or travel is
    /// involved. Sexual or digital abuse by one's own partner is also domestic violence.
    /// </summary>
    private int Resolve(Scratch s, int m, Entry entry, ulong cues, bool fixedTrafficking, int otherFixed)
    {
        ref var match = ref s.Matches[m];
        var bits = entry.CategoryBits;
        var role = NearestActor(s, match);
        var identity = (cues & (Bit(Cue.Identity) | Bit(Cue.Slur))) != 0;
        var trafficking = (cues & Bit(Cue.Trafficking)) != 0 || fixedTrafficking;
        switch (entry.Resolution)
        {
            case Resolution.Violence:
                if (identity && role != ActorRole.Partner) bits |= Categories.Hate;
                if (role is ActorRole.Partner or ActorRole.Family) bits |= Categories.Domestic;
                else if (role == ActorRole.Employer || trafficking && role != ActorRole.Stranger) bits |= Categories.Trafficking;
                else if (bits == 0)
                {
                    // a stranger's violence belongs to whatever else the message is about; nobody named: the home
                    var others = otherFixed & ~Categories.Child;
                    if (others != 0) bits |= others;
                    else if (role == ActorRole.None) bits |= (cues & Bit(Cue.Child)) != 0 && !IsFirstPerson(s, match, false) ? Categories.Child : Categories.Domestic;
                }
                break;
            case Resolution.Control:
                // locked in or thrown out for being gay, trans, Roma …, by anyone but her own partner
                if (identity && role is ActorRole.Family or ActorRole.Stranger) bits |= Categories.Hate;
                if (trafficking || role == ActorRole.Employer) bits |= Categories.Trafficking;
                else if (role is ActorRole.Partner or ActorRole.Family) bits |= Categories.Domestic;
                else
                {
                    var others = otherFixed & ~Categories.Child;
                    bits |= others != 0 ? others : (cues & Bit(Cue.Plural)) != 0 || role == ActorRole.Stranger ? Categories.Trafficking : Categories.Domestic;
                }
                break;
            default:
                // her own partner's sexual or digital abuse is also domestic, unless he is exploiting her (trafficking)
                if ((bits & (Categories.Sexual | Categories.Digital)) != 0 && (bits & Categories.Trafficking) == 0 && role == ActorRole.Partner) bits |= Categories.Domestic;
                break;
        }
        return bits;
    }

    private bool FamilyOrPartnerInMessage(Scratch s)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (!match.Dropped && !match.Shadowed && entry.Kind == EntryKind.Actor && entry.Role is ActorRole.Partner or ActorRole.Family) return true;
        }
        return false;
    }

    private bool HasFixedCategory(Scratch s, int category)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (!match.Dropped && entry.Kind == EntryKind.Indicator && entry.Resolution == Resolution.Fixed && (entry.CategoryBits & category) != 0) return true;
        }
        return false;
    }

    private int OtherFixedCategories(Scratch s)
    {
        var bits = 0;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (!match.Dropped && entry.Kind == EntryKind.Indicator && entry.Resolution == Resolution.Fixed && entry.Level >= Severity.Medium) bits |= entry.CategoryBits;
        }
        return bits;
    }

    /// <summary>The actor nearest before the indicator in its sentence, else after it, else anywhere in the message.</summary>
    private ActorRole NearestActor(Scratch s, in EntryMatch indicator)
    {
        var sentence = s.Tokens[indicator.First].Sentence;
        ActorRole before = ActorRole.None, after = ActorRole.None, anywhere = ActorRole.None;
        int beforeAt = -1, afterAt = int.MaxValue, anywhereDistance = int.MaxValue;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (match.Dropped || entry.Kind != EntryKind.Actor) continue;
            if (match.Shadowed) continue;
            var sameSentence = s.Tokens[match.First].Sentence == sentence;
            if (sameSentence && match.Last < indicator.First && match.Last > beforeAt) { before = entry.Role; beforeAt = match.Last; }
            else if (sameSentence && match.First > indicator.Last && match.First < afterAt) { after = entry.Role; afterAt = match.First; }
            var distance = Math.Abs(match.First - indicator.First);
            if (distance < anywhereDistance) { anywhere = entry.Role; anywhereDistance = distance; }
        }
        // an actor inside the indicator's own words (burri më rreh) counts as before
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (match.Dropped || entry.Kind != EntryKind.Actor || match.Shadowed) continue;
            if (match.First >= indicator.First && match.Last <= indicator.Last) return entry.Role;
        }
        return before != ActorRole.None ? before : after != ActorRole.None ? after : anywhere;
    }

    /// <summary>An actor inside a longer actor ("boyfriend" in "mum's boyfriend") is the longer one's.</summary>
    private bool ShadowedActor(Scratch s, int m)
    {
        ref var match = ref s.Matches[m];
        for (var o = 0; o < s.MatchCount; o++)
        {
            if (o == m) continue;
            ref var other = ref s.Matches[o];
            if (other.Dropped || other.Shadowed || entries[other.Entry].Kind != EntryKind.Actor) continue;
            if (other.First <= match.First && other.Last >= match.Last && other.Last - other.First > match.Last - match.First) return true;
        }
        return false;
    }

    private bool OverlapsOwnAge(Scratch s, in EntryMatch time)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref readonly var other = ref s.Matches[m];
            var entry = entries[other.Entry];
            if (entry.Kind == EntryKind.Age && entry.FirstPerson && other.First <= time.Last && other.Last >= time.First) return true;
        }
        return false;
    }

    /// <summary>A person (an actor) named in the token's sentence.</summary>
    private bool PersonInSentence(Scratch s, int token)
    {
        var sentence = s.Tokens[token].Sentence;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref readonly var other = ref s.Matches[m];
            if (!other.Dropped && entries[other.Entry].Kind == EntryKind.Actor && entries[other.Entry].Role != ActorRole.None
                && s.Tokens[other.First].Sentence == sentence) return true;
        }
        return false;
    }

    private bool CoveredByIdiom(Scratch s, in EntryMatch match)
    {
        for (var t = match.First; t <= match.Last; t++)
        {
            if (s.Idiom[t]) return true;
        }
        return false;
    }

    /// <summary>A negator (nuk, s', mos, not, never, no) up to three words before, in the same clause.</summary>
    private bool IsNegated(Scratch s, int first)
    {
        if (negationSet < 0) return false;
        // "can't talk he's here": a match that opens with a subject or a question word starts a clause of its own
        if (negationBarrierSet >= 0 && s.HasHit(first, negationBarrierSet)) return false;
        var clause = s.Tokens[first].Clause;
        for (var t = first - 1; t >= 0 && t >= first - 3; t--)
        {
            // "nuk di ku po më çon": the negation is of knowing, not of what follows "ku"
            if (s.Tokens[t].Clause != clause || negationBarrierSet >= 0 && s.HasHit(t, negationBarrierSet)) break;
            if (s.HasHit(t, negationSet)) return true;
        }
        return false;
    }

    private bool InsideCue(Scratch s, in EntryMatch inner, Cue cue)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (!match.Dropped && entry.Kind == EntryKind.Cue && entry.Cue == cue && match.First <= inner.First && match.Last >= inner.Last) return true;
        }
        return false;
    }

    /// <summary>
    /// The indicator speaks of the writer: its own words say so (më rreh, hit me; not e rrahin, beat her), else its
    /// clause has a first-person word (më, my, jam, I).
    /// </summary>
    /// <param name="asObject">Only "me, my, më, im" count, not "I, jam": "how can I report someone sharing images" is not about the writer.</param>
    private bool IsFirstPerson(Scratch s, in EntryMatch match, bool english, bool asObject = false)
    {
        if (firstPersonSet < 0) return true;
        for (var t = match.First; t <= match.Last; t++)
        {
            if (s.HasHit(t, firstPersonSet)) return true;
            if (!asObject && (s.HasHit(t, firstSubjectSet) || english && englishISet >= 0 && s.HasHit(t, englishISet))) return true;
        }
        for (var t = match.First; t <= match.Last; t++)
        {
            if (thirdObjectSet >= 0 && s.HasHit(t, thirdObjectSet)) return false;
        }
        var clause = s.Tokens[match.First].Clause;
        var from = match.First;
        while (from > 0 && s.Tokens[from - 1].Clause == clause) from--;
        for (var t = from; t < s.Count && s.Tokens[t].Clause == clause; t++)
        {
            if (s.HasHit(t, firstPersonSet)) return true;
            if (asObject) continue;
            if (s.HasHit(t, firstSubjectSet) || english && englishISet >= 0 && s.HasHit(t, englishISet)) return true;
        }
        return false;
    }

    private bool PlaceInContext(Scratch s, int first)
    {
        if (first > 0 && placePrepositionSet >= 0 && s.HasHit(first - 1, placePrepositionSet)) return true;
        return false;
    }

    private void ReadAges(Scratch s, bool albanian)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (entry.Kind != EntryKind.Age) continue;
            var numberAt = -1;
            for (var t = match.First; t <= match.Last; t++)
            {
                if ((s.Tokens[t].Flags & TokenFlags.Number) != 0) { numberAt = t; break; }
            }
            if (numberAt < 0) continue;
            var value = s.Tokens[numberAt].Number;
            // twenty one, twenty-one
            if (value is >= 20 and < 100 && value % 10 == 0 && numberAt + 1 < s.Count && numberAt + 1 <= match.Last + 1
                && (s.Tokens[numberAt + 1].Flags & TokenFlags.Number) != 0 && s.Tokens[numberAt + 1].Number is > 0 and < 10)
            {
                value += s.Tokens[numberAt + 1].Number;
            }
            if (entry.Grade) value = value is >= 1 and <= 12 ? value + 6 : -1;
            if (value is < 1 or > 99) continue;
            if (entry.Guarded && match.Last + 1 < s.Count && ageBlockSet >= 0 && s.HasHit(match.Last + 1, ageBlockSet)) continue;
            if (entry.UnlessNextSet >= 0 && match.Last + 1 < s.Count && s.HasHit(match.Last + 1, entry.UnlessNextSet)) continue;
            var firstPerson = entry.FirstPerson;
            // Albanian "vëllai im 13 vjeç" is "my brother, 13": "im" after a word is "my", not "I'm"
            if (firstPerson && albanian && match.First > 0 && s.Tokens[match.First - 1].Sentence == s.Tokens[match.First].Sentence
                && s.Text(s.Tokens[match.First]).SequenceEqual("im")) firstPerson = false;
            s.AddAge(value, numberAt, firstPerson);
        }
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

    private ScreeningResult Build(string text, Scratch s, Language language, Severity severity, int categoryBits, bool minor, int? age,
        string? place, Immediacy immediacy, ScreeningContext context, int combinationBits)
    {
        var phones = PhoneMask.Find(text);
        // Indicators: kept risk indicators and immediacy cues and pleas, each span once with all its categories, and
        // combinations over the words that made them.
        var count = 0;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (!match.Dropped && entries[match.Entry].Kind is EntryKind.Indicator or EntryKind.Immediacy) count++;
        }
        count += System.Numerics.BitOperations.PopCount((uint)combinationBits);
        IndicatorMatch[] indicators = count == 0 ? [] : new IndicatorMatch[count];
        var n = 0;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var entry = entries[match.Entry];
            if (entry.Kind is not (EntryKind.Indicator or EntryKind.Immediacy)) continue;
            var start = s.Tokens[match.First].Start;
            var end = s.Tokens[match.Last].Start + s.Tokens[match.Last].Length;
            var matched = PhoneMask.Slice(text, start, end - start, phones);
            if (entry.Kind == EntryKind.Immediacy)
            {
                indicators[n++] = new IndicatorMatch(entry.Id, entry.Immediacy == Immediacy.Plea ? "plea" : "immediacy", matched, start, end - start) { Label = entry.Label };
                continue;
            }
            var names = Categories.List(match.Categories);
            indicators[n++] = new IndicatorMatch(entry.Id, names.Count == 0 ? "none" : names[0], matched, start, end - start)
            {
                Context = match.Context,
                Categories = names,
                Label = entry.Label,
            };
        }
        for (var k = 0; k < lexicon.Combinations.Length; k++)
        {
            if ((combinationBits & (1 << k)) == 0) continue;
            var combination = lexicon.Combinations[k];
            var (start, length) = CombinationSpan(s, combination, text.Length);
            var names = Categories.List(combination.CategoryBits);
            indicators[n++] = new IndicatorMatch(combination.Id, names.Count == 0 ? "none" : names[0], PhoneMask.Slice(text, start, length, phones), start, length)
            {
                Categories = names,
                Label = combination.Label,
            };
        }
        if (n > 1) Array.Sort(indicators, 0, n, IndicatorOrder.Instance);

        return new ScreeningResult(language, severity, Categories.List(categoryBits), minor, age, indicators)
        {
            Entities = Entities(text, s, phones),
            Place = place,
            Immediacy = immediacy,
            Context = context,
        };
    }

    /// <summary>
    /// Where a combination was found: from the first to the last of the words that made it (the job, the offer, the
    /// place abroad; the child's age and the adult's), so an operator sees what it stands on. Never empty.
    /// </summary>
    private (int Start, int Length) CombinationSpan(Scratch s, Combination combination, int textLength)
    {
        int first = int.MaxValue, last = -1;
        void Cover(int from, int to)
        {
            if (from < first) first = from;
            if (to > last) last = to;
        }
        for (var c = 0; c <= combination.All.Length; c++)
        {
            var cue = c < combination.All.Length ? combination.All[c] : combination.NeedsMinor ? Cue.Minor : Cue.None;
            if (cue == Cue.None) continue;
            var found = false;
            for (var m = 0; m < s.MatchCount && !found; m++)
            {
                ref var match = ref s.Matches[m];
                var entry = entries[match.Entry];
                if (match.Dropped || !(entry.Kind is EntryKind.Cue or EntryKind.Time && entry.Cue == cue || cue == Cue.Abroad && entry.Abroad
                    || cue == Cue.Minor && entry.Kind == EntryKind.Cue && entry.Cue == Cue.Child)) continue;
                Cover(match.First, match.Last);
                found = true;
            }
            // a minor or an older person may be known from an age alone
            for (var a = 0; a < s.AgeCount && !found; a++)
            {
                if (cue == Cue.Minor && s.Ages[a] < 18 || cue == Cue.Older && s.Ages[a] >= 18)
                {
                    Cover(s.AgeTokens[a], s.AgeTokens[a]);
                    found = true;
                }
            }
        }
        if (last < 0) return (0, textLength);
        var start = s.Tokens[first].Start;
        return (start, s.Tokens[last].Start + s.Tokens[last].Length - start);
    }

    private IReadOnlyList<ScreeningEntity> Entities(string text, Scratch s, PhoneMask.Spans phones)
    {
        var count = s.AgeCount + phones.Count;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (!match.Dropped && entries[match.Entry].Kind is EntryKind.Place or EntryKind.Time) count++;
        }
        if (count == 0) return [];
        var list = new ScreeningEntity[count];
        var n = 0;
        for (var a = 0; a < s.AgeCount; a++)
        {
            ref var t = ref s.Tokens[s.AgeTokens[a]];
            list[n++] = new ScreeningEntity(EntityKind.Age, AgeText(s.Ages[a]), t.Start, t.Length);
        }
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (match.Dropped || entry.Kind is not (EntryKind.Place or EntryKind.Time)) continue;
            var start = s.Tokens[match.First].Start;
            var length = s.Tokens[match.Last].Start + s.Tokens[match.Last].Length - start;
            list[n++] = new ScreeningEntity(entry.Kind == EntryKind.Place ? EntityKind.Place : EntityKind.Time, entry.Value!, start, length);
        }
        for (var p = 0; p < phones.Count; p++)
        {
            var (start, length) = phones[p];
            list[n++] = new ScreeningEntity(EntityKind.Phone, PhoneMask.Masked(text, start, length), start, length);
        }
        _ = text;
        return list;
    }

    private static readonly string[] AgeTexts = [.. Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static string AgeText(int age) => age is >= 0 and < 100 ? AgeTexts[age] : age.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ulong Bit(Cue cue) => 1UL << (int)cue;

    private static Severity Min(Severity a, Severity b) => a < b ? a : b;

    private static Severity Max(Severity a, Severity b) => a > b ? a : b;

    private sealed class IndicatorOrder : IComparer<IndicatorMatch>
    {
        public static readonly IndicatorOrder Instance = new();

        public int Compare(IndicatorMatch? x, IndicatorMatch? y) =>
            x!.Start != y!.Start ? x.Start.CompareTo(y.Start) : string.CompareOrdinal(x.Id, y.Id);
    }
}

