using Hotline.Core;

namespace Hotline.Screening;

// Stages "immediacy" and "severity": the signs of now that are not past or habitual, each indicator's level in its
// context (tense, third party, information question), its category, the combinations, and when it is critical.
public sealed partial class Screener
{
    // Past, hypothetical or a question: an indicator said so is not a danger now, whatever its level.
    private const ScreeningContext NotNow = ScreeningContext.DistantPast | ScreeningContext.Hypothetical | ScreeningContext.InformationRequest;

    /// <summary>Immediacy cues and times that are not about yesterday, or about what happens every time he drinks.</summary>
    private void CollectImmediacy(Scratch s, ref Assessment a)
    {
        DropWhatItsObjectUndoes(s);
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped || match.Kind is not (EntryKind.Immediacy or EntryKind.Time or EntryKind.Indicator)) continue;
            var entry = entries[match.Entry];
            if (!(entry.Kind == EntryKind.Immediacy || entry.Kind == EntryKind.Time && entry.Immediacy != Immediacy.None
                || entry.Kind == EntryKind.Indicator && entry.Immediacy != Immediacy.None)) continue;
            // "mami vjen të më vrasë kur të shohë notat hahaha": a joke's "coming to kill me" brings no one
            if (entry.Kind == EntryKind.Indicator && entry.Hyperbole && a.Has(Cue.Joking)) continue;
            // an indicator its cue cancels ("a lejohet një grua të marrë fëmijët", a question) brings no sign of now either
            if (entry.Kind == EntryKind.Indicator && entry.CancelledByCues(a.Cues)) continue;
            if (InSentence(s, match.First, Cue.DistantPast) && !DistantPastOfARelativeClause(s, match.First)
                || (PastHere(s, match.First, Cue.RecentPast) && !NowAfterPast(s, match) && !LockedHoursAgo(s, match, entry) || HabitualHere(s, match.First))
                    && entry.Immediacy is not (Immediacy.Now or Immediacy.Currently))
            {
                if (entry.Kind == EntryKind.Immediacy) match.Dropped = true;
                continue;
            }
            a.Immediacy |= entry.Immediacy;
            s.SentenceImmediacy[s.Tokens[match.First].Sentence] |= entry.Immediacy;
            if (entry.Strong) a.Strong = true;
        }
    }

    /// <summary>
    /// Indicators whose own words read one way and the words right after them another, dropped before any sign of now is
    /// taken from them: doors or gates locked with no one of hers behind them (<see cref="GatesLockedWithNoOneOfHers"/>).
    /// </summary>
    private void DropWhatItsObjectUndoes(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            if (match.Entry == lockedInEntry && GatesLockedWithNoOneOfHers(s, match)) match.Dropped = true;
        }
    }

    /// <summary>
    /// "two hours ago he locked me in the storeroom", "para dy orësh më mbyllën në bodrum": a lock is a state, and one that
    /// began hours ago and is not told to have ended (let out, got out: cue.let_out) goes on now. Only a count of hours
    /// (time.hours_ago) reads so; "yesterday" or "last week" stays a past that may be over, and a blow of two hours ago is over.
    /// </summary>
    private bool LockedHoursAgo(Scratch s, in EntryMatch sign, Entry entry)
    {
        if ((entry.Immediacy & Immediacy.Locked) == 0 || Stands(s, EntryKind.Cue, letOutEntry)) return false;
        var sentence = s.Tokens[sign.First].Sentence;
        var hours = false;
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var time = ref s.Matches[m];
            if (time.Dropped || s.Tokens[time.First].Sentence != sentence || entries[time.Entry].Cue != Cue.RecentPast) continue;
            if (time.Entry != hoursAgoEntry) return false;
            hours = true;
        }
        return hours;
    }

    /// <summary>
    /// "ata që më rrahën javën e kaluar janë këtu në kafene tani": the past of a relative clause ("që / who / that … last
    /// week") before a sign of danger is that clause's, and a "now" after the sign, in its clause, makes the sign now.
    /// "javën e kaluar ishte te dera, e tani …" has no relative clause: its past stays the sign's. A "now" inside the sign
    /// counts ("the guys who beat my cousin last week are around me now with a bat").
    /// </summary>
    private bool NowAfterPast(Scratch s, in EntryMatch sign)
    {
        var tokens = s.Tokens;
        var clause = tokens[sign.First].Clause;
        var nowAfter = false;
        var pastFrom = -1;
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var time = ref s.Matches[m];
            if (time.Dropped || tokens[time.First].Clause != clause) continue;
            var entry = entries[time.Entry];
            if (entry.Cue == Cue.RecentPast)
            {
                if (time.Last >= sign.First) return false;
                if (pastFrom < 0 || time.First < pastFrom) pastFrom = time.First;
            }
            if (entry.Immediacy is Immediacy.Now or Immediacy.Currently && time.First > sign.First) nowAfter = true;
        }
        if (!nowAfter || pastFrom < 0) return false;
        for (var t = pastFrom - 1; t >= 0 && tokens[t].Clause == clause; t--)
        {
            if (s.Text(tokens[t]) is "ce" or "who" or "that" or "which") return true;
        }
        return false;
    }

    /// <summary>
    /// "burri që më përdhunoi vitin e kaluar më gjeti sot në punë dhe po pret jashtë derës", "the guy who was blackmailing
    /// me last year found me today": a distant past inside a relative clause ("që / who / that …") is that clause's, what
    /// the one it names did then, when the clause told after it says today or now; what comes after it is read as now. A past with no relative pronoun before it ("last year he waited at the door, today …") stays the sentence's.
    /// </summary>
    private bool DistantPastOfARelativeClause(Scratch s, int token)
    {
        var tokens = s.Tokens;
        var sentence = tokens[token].Sentence;
        var pastFrom = -1;
        var pastTo = -1;
        var nowAfter = false;
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var time = ref s.Matches[m];
            if (time.Dropped || tokens[time.First].Sentence != sentence) continue;
            if (entries[time.Entry].Cue == Cue.DistantPast)
            {
                if (pastFrom < 0 || time.First < pastFrom) pastFrom = time.First;
                if (time.Last > pastTo) pastTo = time.Last;
            }
        }
        // only what is told after the clause: the harm inside it ("që më përdhunoi vitin e kaluar") stays past
        if (pastFrom < 0 || token <= pastTo) return false;
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var time = ref s.Matches[m];
            if (time.Dropped || tokens[time.First].Clause != tokens[token].Clause || time.First <= pastTo) continue;
            if (time.Entry == todayEntry || entries[time.Entry].Immediacy is Immediacy.Now or Immediacy.Currently) nowAfter = true;
        }
        if (!nowAfter) return false;
        for (var t = pastFrom - 1; t >= 0 && tokens[t].Sentence == sentence; t--)
        {
            // "më tha që vitin e kaluar …", "she told me that last year …": a "that" after a verb of saying opens what was
            // said, not who did it
            if (s.Text(tokens[t]) is "ce" or "who" or "that")
                return t == 0 || s.Text(tokens[t - 1]) is not ("tha" or "thote" or "thane" or "thone" or "said" or "says" or "told" or "tells" or "me" or "knew" or "know" or "think" or "thought");
        }
        return false;
    }

    /// <summary>Each indicator's level in its context (past, someone else's and over, a question, nothing yet) and its categories.</summary>
    private void AssessIndicators(Scratch s, ref Assessment a)
    {
        var english = a.Language == Language.En;
        var fixedTrafficking = HasFixedCategory(s, Categories.Trafficking, a.Cues);
        var otherFixed = OtherFixedCategories(s, a.Cues);
        // papers kept by her own partner or a relative are the household's hold: the word "passport" is then no sign of
        // exploitation for the other holds of the message (a door locked, a phone taken) either
        var cues = PapersHeldAtHomeOnly(s, a.Cues) ? a.Cues & ~Bit(Cue.Trafficking) : a.Cues;
        // that reading names the category only: each match also keeps what it would be read as without it (TakenAtHome), and
        // the severity stages read both, so a harm with its hour or a journey under way is as urgent whoever holds the papers
        var atHome = AnyHeldByHousehold(s, a.Cues);
        var plainFixedTrafficking = atHome ? HasFixedCategory(s, Categories.Trafficking, a.Cues, household: false) : fixedTrafficking;
        var plainOtherFixed = atHome ? OtherFixedCategories(s, a.Cues, household: false) : otherFixed;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped)
            {
                // a topic word negated or in an idiom ("s'ka dhunë akoma") says nothing of the danger: the message's
                // context is what its indicators and cues say, never a topic's (a topic only adds a category at low)
                if (match.Kind != EntryKind.Indicator || !entries[match.Entry].Topic)
                {
                    a.Context |= match.Context & (ScreeningContext.Negated | ScreeningContext.Idiom);
                }
                continue;
            }
            if (match.Kind != EntryKind.Indicator) continue;
            var entry = entries[match.Entry];

            if (entry.CancelledByCues(a.Cues))
            {
                match.Dropped = true;
                continue;
            }
            if (entry.Topic)
            {
                // a topic named counts only where nothing else gives a category (ApplyTopics): set aside until then
                match.Dropped = true;
                match.Level = Severity.Low;
                match.Categories = entry.TopicByActor ? TopicActorCategory(s, match, a.Cues) : entry.CategoryBits;
                continue;
            }
            if (a.Has(Cue.Joking) && entry.Hyperbole)
            {
                match.Dropped = true;
                a.Context |= ScreeningContext.Joking;
                continue;
            }
            var level = a.Minor && entry.MinorLevel > entry.Level ? entry.MinorLevel : entry.Level;
            var (firstPerson, aboutWriter) = WriterIn(s, match, english);
            var c = ScreeningContext.None;
            // "he made me when I was 13; now I'm 14 and he's coming again on Sunday": with a now or a future in the
            // sentence, the past is its own clause's only
            if (InSentence(s, match.First, Cue.DistantPast) && !DistantPastOfARelativeClause(s, match.Last)
                && (!NowOrNextInSentence(s, match.First) || InClause(s, match.First, Cue.DistantPast)))
            {
                c |= ScreeningContext.DistantPast;
                level = Min(level, a.Has(Cue.SafeNow) ? Severity.Low : Severity.Medium);
            }
            // "my friend was trafficked years ago, she's safe now but has no papers": someone else's, and over
            if (a.Has(Cue.SafeNow) && !aboutWriter && InSentence(s, match.First, Cue.ThirdPerson) | a.Has(Cue.ThirdPerson))
            {
                c |= ScreeningContext.SafeNow;
                level = Min(level, Severity.Medium);
            }
            // "can a woman leave the house? he said he would kill me if i go": the question does not lower what is told of
            // the writer in a sentence of its own
            var ownOutsideQuestion = aboutWriter && level >= Severity.High && !InSentence(s, match.First, Cue.Information);
            if (a.Information && !aboutWriter && !ownOutsideQuestion)
            {
                c |= ScreeningContext.InformationRequest;
                level = Min(level, Severity.Low);
            }
            if (a.Information && InSentence(s, match.First, Cue.Hypothetical) && !ownOutsideQuestion)
            {
                c |= ScreeningContext.Hypothetical;
                level = Min(level, Severity.Low);
            }
            if (a.Has(Cue.NothingYet) && !entry.Acute)
            {
                c |= ScreeningContext.NothingYet;
                level = Min(level, Severity.Medium);
            }
            if (!firstPerson && InSentence(s, match.First, Cue.ThirdPerson)) c |= ScreeningContext.ThirdPerson;
            match.Context = c;
            match.Level = level;
            match.Categories = Resolve(s, m, entry, cues, fixedTrafficking, otherFixed);
            match.TakenAtHome = atHome ? Resolve(s, m, entry, a.Cues, plainFixedTrafficking, plainOtherFixed, household: false) & ~match.Categories : 0;
            a.TakenAtHome |= match.TakenAtHome;
            if (level > a.Severity) a.Severity = level;
            a.CategoryBits |= match.Categories;
            if (level >= Severity.Medium) a.RiskIndicators++;
            a.Context |= c;
        }
    }

    /// <summary>
    /// "në luftë, ushtarët i kyçën portat e kalasë", "mjeku i kyçi dyert e spitalit natën": the clitic before the verb
    /// doubles the doors or gates that follow, the thing locked, and with no first-person word anywhere in the message no
    /// one of hers is behind them: history, a building, a story. "taksisti i mbylli dyert e po më flet", "kam hapur gazin
    /// dhe i kam mbyllur dritaret" put the writer inside and stay.
    /// </summary>
    private bool GatesLockedWithNoOneOfHers(Scratch s, in EntryMatch match)
    {
        if (lockedThingSet < 0 || match.Last + 1 >= s.Count || !s.HasHit(match.Last + 1, lockedThingSet)) return false;
        // (the Albanian clitic "i" is no English "I": the pattern read is the Albanian one)
        return !Hits(s, 0, s.Count - 1, firstPersonSet) && !Hits(s, 0, s.Count - 1, firstSubjectSet);
    }

    /// <summary>Combinations add what single words cannot: a job + abroad + an offer; identity + fear; a minor + an older person.</summary>
    private void ApplyCombinations(Scratch s, ref Assessment a)
    {
        var combinations = lexicon.Combinations;
        for (var k = 0; k < combinations.Length; k++)
        {
            var combination = combinations[k];
            if (combination.NeedsMinor && !a.Minor) continue;
            if (!AllCues(s, combination, a.Cues)) continue;
            a.CombinationBits |= 1 << k;
            var level = combination.Level;
            if (a.Has(Cue.NothingYet) && level > Severity.Medium) level = Severity.Medium;
            if (a.Information) level = Min(level, Severity.Low);
            if (combination.Acute && level >= Severity.Medium) a.AcuteCombination = true;
            if (level > a.Severity) a.Severity = level;
            a.CategoryBits |= combination.CategoryBits;
            if (level >= Severity.Medium) a.RiskIndicators++;
        }
    }

    /// <summary>An acute indicator happening now is critical; so are a plea or a disguised call with someone there, two signs of danger now, presence after a threat.</summary>
    private void ApplyImmediacy(Scratch s, ref Assessment a)
    {
        var tokens = s.Tokens;
        var immediacy = a.Immediacy;
        var deEscalated = a.Has(Cue.AbuserAway) || a.Has(Cue.NoPlan) || a.Has(Cue.NotSerious) || a.Has(Cue.SafeNow);
        // locked in or tied up with him gone is still an emergency: she cannot get out
        if (deEscalated && (immediacy & Immediacy.Locked) != 0 && !a.Has(Cue.NoPlan) && !a.Has(Cue.NotSerious) && !a.Has(Cue.SafeNow)) deEscalated = false;
        // "he saw on the app where I am and he's coming; I'm at a friend's": someone coming with a threat is not "safe now"
        if (deEscalated && !a.Has(Cue.NoPlan) && !a.Has(Cue.NotSerious) && (immediacy & (Immediacy.Presence | Immediacy.Returned)) != 0 && ThreatNow(s)) deEscalated = false;
        // "he's asleep now and she's not moving", "it's nothing much but I can't breathe right since he choked me": someone
        // unconscious or not breathing right is an emergency wherever he is and whatever she makes of it
        if (deEscalated && !a.Has(Cue.NoPlan) && !a.Has(Cue.SafeNow) && UnconsciousNow(s)) deEscalated = false;
        var onlyAway = a.Has(Cue.AbuserAway) && !a.Has(Cue.NoPlan) && !a.Has(Cue.NotSerious) && !a.Has(Cue.SafeNow);
        // "he keeps me in a house in Vorë, he went out for a bit": held is held while he is out
        if (deEscalated && onlyAway && ConfinedNow(s)) deEscalated = false;
        // "he has gone out to fetch his friends and will be back": gone out only to come back with others is on the way
        if (deEscalated && onlyAway && Stands(s, EntryKind.Immediacy, onTheWayEntry)) deEscalated = false;
        // "their mother left them by the river and went": for children left with no one, the one gone is the danger
        if (deEscalated && onlyAway && Stands(s, EntryKind.Indicator, neglectEntry)) deEscalated = false;
        // "the landlord is banging on the door with a knife; my flatmate isn't here": two signs of danger now, so the one
        // away is someone else
        if (deEscalated && onlyAway && System.Numerics.BitOperations.PopCount((uint)(immediacy & ImmediacyCombinations.Danger)) >= 2) deEscalated = false;
        a.DeEscalated = deEscalated;
        if (a.Has(Cue.AbuserAway)) a.Context |= ScreeningContext.AbuserAway;
        if (a.Has(Cue.NoPlan)) a.Context |= ScreeningContext.NoPlan;
        if (a.Has(Cue.SafeNow)) a.Context |= ScreeningContext.SafeNow;
        var critical = false;
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            if (critical) break;
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var entry = entries[match.Entry];
            if (match.Level == Severity.Critical) { critical = true; break; }
            if (!entry.Acute || match.Level < Severity.Medium || deEscalated) continue;
            // "i tied something round my neck earlier and it broke. going to try again": an attempt or an intent to die told
            // with the will to try again is now, whenever the attempt was
            if (a.Has(Cue.Retry) && match.Level >= Severity.High && (entry.CategoryBits & Categories.SelfHarm) != 0
                && (match.Context & (ScreeningContext.Hypothetical | ScreeningContext.InformationRequest)) == 0) { critical = true; break; }
            if ((match.Context & NotNow) != 0) continue;
            // a short message is one thought: "dua të vdes. sot." has its "today" in another sentence
            var sentenceNow = s.Count <= ShortMessageTokens ? immediacy : s.SentenceImmediacy[tokens[match.First].Sentence];
            if (a.Strong) critical = true;
            else if (match.Level >= Severity.High && !entry.AcuteStrongOnly && (sentenceNow & Immediacy.Now) != 0) critical = true;
            else if (match.Level >= Severity.High && entry.AcuteCurrently && (sentenceNow & Immediacy.Currently) != 0) critical = true;
            // "help, he's beating me now": a plea makes a plain "now" mean now
            else if (match.Level >= Severity.High && (immediacy & Immediacy.Plea) != 0 && (sentenceNow & ImmediacyCombinations.Present) != 0) critical = true;
        }
        var presence = (immediacy & (Immediacy.Presence | Immediacy.InProgress | Immediacy.Returned)) != 0;
        var plea = (immediacy & Immediacy.Plea) != 0;
        // A plea with someone there now, or a disguised call for help (a pizza "order", "can't talk") with someone there.
        if (plea && presence && !deEscalated)
        {
            critical = true;
            // "ndihmë. te dera. ai": as a covert call, from home unless the message names another harm
            if ((a.CategoryBits & ~Categories.Child) == 0) a.CategoryBits |= Categories.Domestic;
        }
        if (a.Has(Cue.Disguise) && (presence || (immediacy & Immediacy.Disguised) != 0))
        {
            critical = true;
            a.CategoryBits |= Categories.Domestic;
        }
        // "taksi ju lutem … shpejt. ai po fle tani, mos më telefononi": a covert call written while he sleeps is written with
        // him in the home; his sleep is why she can write, not that he is away (gone out, at work: cue.abuser_away)
        var sleepsHere = onlyAway && Stands(s, EntryKind.Cue, abuserAsleepEntry) && !Stands(s, EntryKind.Cue, abuserAwayEntry);
        if ((immediacy & Immediacy.Disguised) != 0 && ((presence || Stands(s, EntryKind.Immediacy, lockedBySomeoneEntry)) && !deEscalated || sleepsHere))
        {
            // "can't talk, he's next to me": a covert call for help, as a rule from home; "can't talk, he has locked the
            // door" is one from behind the door
            critical = true;
            if ((a.CategoryBits & ~Categories.Child) == 0) a.CategoryBits |= Categories.Domestic;
        }
        // An everyday order or question beside violence going on or "I'm not alone" ("a do bjerë shi sot? ai po then dyert",
        // "a cake recipe? he came home early and is breaking things", "book a cleaning at … don't call, I'm not alone"): the
        // cover does not hide the danger; a coded call, from home unless the message names another harm.
        // An order that also says "don't call" beside a blow just told ("books to Rr. …, don't ring, he raised his hand again")
        // is a coded call too; the same order with "don't call, I'm at work" and no blow is an order.
        if (!deEscalated && !a.Information && Stands(s, EntryKind.Cue, coverEntry)
            && ((immediacy & Immediacy.InProgress) != 0 || Stands(s, EntryKind.Immediacy, notAloneEntry)
                || (immediacy & Immediacy.Disguised) != 0 && ViolenceToldNow(s)))
        {
            critical = true;
            if ((a.CategoryBits & ~Categories.Child) == 0) a.CategoryBits |= Categories.Domestic;
        }
        // Two different signs of danger now, with nothing said of what was done: "he is outside the door with a hammer",
        // "I locked myself in, he's banging on the door".
        var signs = immediacy & ImmediacyCombinations.Danger;
        if ((immediacy & Immediacy.Returned) != 0) signs |= Immediacy.Presence; // "he's back" is someone present, once
        if (!critical && !deEscalated && System.Numerics.BitOperations.PopCount((uint)signs) >= 2)
        {
            critical = true;
            // from home when a relative is named, or behind an everyday cover ("sorry, wrong number … he's home, belt off")
            if (FromHomeUnnamed(s, a)) a.CategoryBits |= Categories.Domestic;
            // locked in a lorry, a van, a container on the move: people being moved
            else if ((a.CategoryBits & ~Categories.Child) == 0 && (signs & Immediacy.Moving) != 0 && (signs & Immediacy.Locked) != 0) a.CategoryBits |= Categories.Trafficking;
        }
        // A child at risk and the person who puts her at risk there now ("he's outside her school right now").
        // A child at risk being moved now: "grandpa is taking my 13-year-old sister to the village to marry her, they leave in a few hours".
        // A child at risk out in the cold or at a drop now: "he threw us out into the snow with the 2-year-old, she's freezing".
        // A child at risk behind a door locked by the one who harms her: "he's in her room with her and has locked it".
        // A child at risk alone now with the adult the harm is told of: "she's alone with her uncle, she told me he touches her".
        // An acute combination is such a risk too: "i'm 15, they're taking me to Albania, I'm getting married there, we're at the airport".
        if (!critical && !deEscalated && a.Minor
            && ((immediacy & (Immediacy.Presence | Immediacy.Moving | Immediacy.Means)) != 0
                || Stands(s, EntryKind.Immediacy, lockedBySomeoneEntry) || !a.Has(Cue.NothingYet) && Stands(s, EntryKind.Immediacy, aloneWithEntry))
            && (RiskNow(s) || a.AcuteCombination)) critical = true;
        // Someone there now after a threat or a protection order, or with fear: "he just pulled up outside, he has a
        // restraining order"; "they're coming to the flat now, they said they'll fix me".
        if (!critical && !deEscalated && a.Strong && (immediacy & Immediacy.Presence) != 0 && (a.Has(Cue.Fear) || ThreatNow(s)))
        {
            critical = true;
            // from home when a relative is named, or behind an everyday cover ("sorry, wrong number … he's home, belt off")
            if (FromHomeUnnamed(s, a)) a.CategoryBits |= Categories.Domestic;
        }
        // A threat with its hour: "when he comes back tonight he'll kill me". He may be away now (that is when she can
        // write), so his absence does not lower it; only "safe now", "no plan" or "not serious" do.
        if (!critical && !a.Has(Cue.NoPlan) && !a.Has(Cue.SafeNow) && !a.Has(Cue.NotSerious) && a.Has(Cue.Imminent) && DatedThreat(s, a.Minor)) critical = true;
        // Being driven somewhere she does not want to go: "po na çon te vëllai i tij në mal, s'dua të shkoj".
        // (with a harm or fear besides: a child who does not want to go to the seaside is not being taken)
        if (!critical && !deEscalated && (immediacy & Immediacy.Moving) != 0 && a.Has(Cue.Unwilling) && (a.Has(Cue.Fear) || RiskNow(s)))
        {
            critical = true;
            if ((a.CategoryBits & ~Categories.Child) == 0) a.CategoryBits |= FamilyOrPartnerInMessage(s) ? Categories.Domestic : Categories.Trafficking;
        }
        // Being moved with trafficking's signs: "on a coach to Germany, he took my passport, I'll work to pay him back".
        // Held on the way as well: "in a van with other girls, a job in Greece they said, they took our phones", "tomorrow they
        // send us to Italy by truck, they took our phones".
        if (!critical && !deEscalated && (immediacy & Immediacy.Moving) != 0
            && (HighNow(s, Categories.Trafficking) || HeldNow(s) && ((a.CategoryBits | a.TakenAtHome) & Categories.Trafficking) != 0 && (a.Has(Cue.Work) || a.Has(Cue.Abroad)))) critical = true;
        // A minor gone to meet someone from a game or online and out of reach since ("went to meet a friend from the game two
        // hours ago, her phone is off", "iku të takojë një shok nga loja, s'përgjigjet"): a child with a stranger now.
        if (!critical && !deEscalated && !a.Information && a.Minor && a.Has(Cue.Meeting) && a.Has(Cue.Online)
            && (a.Has(Cue.LostContact) || (immediacy & Immediacy.InProgress) != 0))
        {
            critical = true;
            a.CategoryBits |= Categories.Child | Categories.Digital;
        }
        // A minor held abroad: kept in, documents or phone taken, in another country — danger to liberty now.
        if (!critical && !deEscalated && a.Minor && a.Has(Cue.Abroad) && HeldNow(s)) critical = true;
        // On a bridge or a roof, saying goodbye: the means and the intent. A gun taken up a hill with a goodbye too ("debts
        // paid, the dog given away, I'm on the hill with the hunting rifle"): self-harm unless the message names another harm.
        // At the end of the pier "and I don't want to go back", at the tracks with the hour the next train comes, in any
        // sentence of the message: the means and the plan.
        // At a bridge, the tracks or a balcony high up with an intent to die or a goodbye ("jam te ura. më falni", "kam dalë
        // në ballkonin e katit të 8, s'dua të jetoj. mami po fle"): the place of a plan. No abuser is away from her own
        // hand, and "I have no intention of going back" beside the place is a goodbye, not "no plan".
        // A bridge is also a meeting point and "më falni" also "excuse me": beside the place alone, only a goodbye of a few
        // words ("më falni të gjithë", "thanks for everything", "not going back down") counts.
        var placeGoodbye = a.Has(Cue.HighPlace) && !a.Information && (a.Has(Cue.TrainDue) || LongFarewell(s));
        var placeDeEscalated = a.Has(Cue.SafeNow) || a.Has(Cue.NotSerious)
            || a.Has(Cue.NoPlan) && !placeGoodbye
            || deEscalated && !a.Has(Cue.HighPlace);
        if (!critical && !placeDeEscalated && a.Has(Cue.HighPlace) && !a.Information && (placeGoodbye || HighNow(s, Categories.SelfHarm, acute: true)))
        {
            critical = true;
            a.CategoryBits |= Categories.SelfHarm;
        }
        if (!deEscalated && (immediacy & Immediacy.Means) != 0 && (a.Has(Cue.Farewell) || a.Has(Cue.TrainDue)))
        {
            critical = true;
            a.CategoryBits |= Categories.SelfHarm;
        }
        // a weapon with someone else there ("he's home and has his belt off. excuse me, wrong number") is his, not her means
        else if (!deEscalated && (immediacy & Immediacy.Weapon) != 0 && a.Has(Cue.Farewell) && (immediacy & (Immediacy.Presence | Immediacy.Returned)) == 0)
        {
            critical = true;
            if ((a.CategoryBits & ~Categories.Child) == 0) a.CategoryBits |= Categories.SelfHarm;
        }
        // A short plea that says she cannot talk ("ndihmë. godina 7. s'mund të flas"): a covert call from inside the danger.
        if (!critical && !deEscalated && plea && (immediacy & Immediacy.Disguised) != 0 && s.Count <= ShortMessageTokens && !a.Information) critical = true;
        a.Critical = critical;
        if (critical) a.Severity = Severity.Critical;
    }

    /// <summary>
    /// A harm with its hour for someone who cannot get away: a minor, or someone held (kept in, documents or phone taken),
    /// told what will be done to her tonight or in a few hours ("sonte e çojnë në shtëpinë e tij", "tonight I must go to his
    /// friend's hotel, he has my passport"). Read after the learned opinion, whose high counts as the rules' does: the hour
    /// and who cannot leave are the rules', the harm may be either's.
    /// </summary>
    private void RaiseHarmWithItsHour(Scratch s, ref Assessment a)
    {
        if (a.Severity != Severity.High || a.DeEscalated || a.Information || a.Figurative || !a.Has(Cue.Imminent)) return;
        if (a.Has(Cue.NoPlan) || a.Has(Cue.SafeNow) || a.Has(Cue.NotSerious) || (a.Context & ScreeningContext.DistantPast) != 0) return;
        var held = HeldNow(s) || (a.Immediacy & Immediacy.Locked) != 0;
        var harms = a.Minor ? Categories.Trafficking | Categories.Sexual | Categories.Digital | Categories.Child
            : held ? Categories.Trafficking | Categories.Sexual : 0;
        // the rules must have read a harm themselves (an indicator or a combination): a minor's late shift tonight is not one
        if (a.RiskIndicators == 0 || ((a.CategoryBits | a.TakenAtHome) & harms) == 0 || !ImminentNotHabitual(s)) return;
        a.Severity = Severity.Critical;
        a.Critical = true;
    }

    /// <summary>
    /// A sentence with an hour today (tonight, in two hours: a dated cue and a time of now) that is not about what happens
    /// every night; "when he's at theirs" is dated but names no hour.
    /// </summary>
    private static bool ImminentNotHabitual(Scratch s)
    {
        var sentences = s.Count == 0 ? 0 : s.Tokens[s.Count - 1].Sentence + 1;
        for (var i = 0; i < sentences; i++)
        {
            var cues = s.SentenceCues[i];
            if ((cues & Bit(Cue.Imminent)) != 0 && (cues & Bit(Cue.Habitual)) == 0 && (s.SentenceImmediacy[i] & Immediacy.Now) != 0) return true;
        }
        return false;
    }

    /// <summary>A bare plea, or someone there and fear, with nothing else said: a human must look now. A question is low.</summary>
    private static void SettleSeverity(ref Assessment a)
    {
        var immediacy = a.Immediacy;
        var presence = (immediacy & (Immediacy.Presence | Immediacy.InProgress | Immediacy.Returned)) != 0;
        var plea = (immediacy & Immediacy.Plea) != 0;
        if (a.Severity < Severity.High && a.RiskIndicators == 0 && !a.Information)
        {
            if (plea || presence && a.Has(Cue.Fear)) a.Severity = Severity.High;
            else if (presence || (immediacy & Immediacy.Disguised) != 0) a.Severity = Max(a.Severity, Severity.Medium);
        }
        if (a.Severity == Severity.None && (a.Has(Cue.Service) || a.Information)) a.Severity = Severity.Low;
        if (a.Severity == Severity.None && a.Has(Cue.Fear)) a.Severity = Severity.Low;
    }

    private bool AnyIndicator(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            // a topic named is no sign that a child is at risk ("we have a teenager in care": a question, not a minor's case)
            if (!s.Matches[m].Dropped && !entries[s.Matches[m].Entry].Topic) return true;
        }
        return false;
    }

    /// <summary>Violence or confinement read by the rules (an acute indicator whose category is decided by who does it), not past, hypothetical or a question.</summary>
    private bool ViolenceToldNow(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (match.Dropped || !entry.Acute || entry.Resolution is not (Resolution.Violence or Resolution.Control)) continue;
            if ((match.Context & NotNow) == 0) return true;
        }
        return false;
    }

    /// <summary>A threat, a protection order, or stalking and tracking (he knows where she is), that is not past, hypothetical or a question.</summary>
    private bool ThreatNow(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var id = entries[match.Entry].Id;
            if ((id.StartsWith("v.threat", StringComparison.Ordinal) || id is "dv.topic" or "dv.protection_order_breach" or "v.fear_of_death"
                    or "v.stalking" or "v.followed" or "dg.tracking" or "dg.stalking_offline_online" or "dg.photo_of_where_she_is")
                && (match.Context & NotNow) == 0) return true;
        }
        return false;
    }

    /// <summary>
    /// A threat to kill or hurt, an intent to die, or a minor's sextortion, high, not past, hypothetical, habitual or a question,
    /// with a dated hour in its sentence.
    /// </summary>
    private bool DatedThreat(Scratch s, bool minor)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            // a threat, an intent to die, or a minor's sextortion with a meeting demanded: each with its hour
            var dated = entry.AcuteStrongOnly || entry.Acute && (entry.CategoryBits & Categories.SelfHarm) != 0
                || minor && entry.Id == "dg.sextortion";
            if (match.Dropped || entry.Kind != EntryKind.Indicator || !dated || match.Level < Severity.High) continue;
            if ((match.Context & NotNow) != 0) continue;
            // "when he comes home he threatens me" is every time; "when he comes back tonight he'll kill me" is once
            if (HabitualHere(s, match.First) && (s.SentenceImmediacy[s.Tokens[match.First].Sentence] & Immediacy.Now) == 0) continue;
            if (s.Count <= ShortMessageTokens || InSentence(s, match.First, Cue.Imminent)) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether a match of the entry at <paramref name="index"/> (of <paramref name="kind"/>) stands: an everyday order or
    /// question that can cover a call for help (cue.cover: a recipe, the weather, a cleaning booked; read by its entry, not
    /// a cue bit, as the 64 bits of <see cref="Cue"/> are all taken), "I'm not alone" as a signal (imm.not_alone). The
    /// entries the rules read this way are found by their ids once, when the screener is built (<see cref="EntryIndex"/>).
    /// </summary>
    private bool Stands(Scratch s, EntryKind kind, int index)
    {
        foreach (var m in s.OfKind(kind))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && match.Entry == index) return true;
        }
        return false;
    }

    /// <summary>
    /// Danger now read with no category but a child's, from home: a relative or partner named in the message, or an
    /// everyday cover ("sorry, wrong number … he's home, belt off"). Its domestic category, where the danger is read.
    /// </summary>
    private bool FromHomeUnnamed(Scratch s, in Assessment a) =>
        (a.CategoryBits & ~Categories.Child) == 0 && (FamilyOrPartnerInMessage(s) || Stands(s, EntryKind.Cue, coverEntry));

    /// <summary>Someone unconscious, not moving or not breathing right (imm.unconscious, imm.collapsed, imm.cant_breathe), not past.</summary>
    private bool UnconsciousNow(Scratch s) =>
        Stands(s, EntryKind.Immediacy, unconsciousEntry) || Stands(s, EntryKind.Immediacy, collapsedEntry) || Stands(s, EntryKind.Immediacy, cantBreatheEntry);

    /// <summary>
    /// A goodbye of three words or more (cue.farewell) that ends its clause, or all but a word of it: "më falni të gjithë.",
    /// "thanks for everything", "i'm not going back down"; not a bare "sorry", nor "s'kam ndërmend të kthehem në punë nesër".
    /// </summary>
    private bool LongFarewell(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped || entries[match.Entry].Cue != Cue.Farewell || match.Last - match.First < 2) continue;
            var clause = s.Tokens[match.Last].Clause;
            if (match.Last + 2 >= s.Count || s.Tokens[match.Last + 2].Clause != clause) return true;
        }
        return false;
    }

    /// <summary>Kept in, documents or phone taken, now: confinement or control of medium or more, not past, hypothetical or a question.</summary>
    private bool HeldNow(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped || match.Level < Severity.Medium) continue;
            var entry = entries[match.Entry];
            if ((entry.Resolution == Resolution.Control || entry.Id == "tr.documents_taken")
                && (match.Context & NotNow) == 0) return true;
        }
        return false;
    }

    /// <summary>Kept in, not let out or locked in, not past, hypothetical or a question.</summary>
    private bool ConfinedNow(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped || match.Level < Severity.Medium) continue;
            if (entries[match.Entry].Id is "ctl.not_let_out" or "ctl.wont_let_leave" or "ctl.locked_in" && (match.Context & NotNow) == 0) return true;
        }
        return false;
    }

    /// <summary>
    /// An indicator of one of <paramref name="categories"/>, of high or more (and acute, if asked), that is not past,
    /// hypothetical or a question: trafficked now; an intent to die or to hurt herself now.
    /// </summary>
    private bool HighNow(Scratch s, int categories, bool acute = false)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && match.Level >= Severity.High
                && ((match.Categories | match.TakenAtHome) & categories) != 0 && (!acute || entries[match.Entry].Acute)
                && (match.Context & NotNow) == 0) return true;
        }
        return false;
    }

    /// <summary>An indicator of medium or more that is not past, hypothetical or a question.</summary>
    private bool RiskNow(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && match.Level >= Severity.Medium
                && (match.Context & NotNow) == 0) return true;
        }
        return false;
    }

    private static bool AllCues(Scratch s, Combination combination, ulong cues)
    {
        if (!combination.SameSentence) return (cues & combination.AllBits) == combination.AllBits;
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
}
