using Hotline.Core;

namespace Hotline.Screening;

// Stage "context": which matched words count, and what surrounds them — idioms, negation, a place name that is really
// one, cues by message and sentence (tense, third party, information question), who does what (a human actor, the
// nearest actor and the category it makes).
public sealed partial class Screener
{
    /// <summary>Idioms hide the risk words inside them ("më vret koka", "dying to see"); a negator drops what follows it.</summary>
    private void DropIdiomsAndNegated(Scratch s)
    {
        // where no idiom stands, no word is an idiom's and no match is read for one
        var idioms = false;
        foreach (var m in s.OfKind(EntryKind.Idiom))
        {
            ref var match = ref s.Matches[m];
            // "that's no toy gun", "nuk ishte pistoletë lodër": an idiom written negatable says the opposite when negated
            if (CancelledInSentence(s, match) || entries[match.Entry].Negatable && IsNegated(s, match.First))
            {
                match.Dropped = true;
                continue;
            }
            for (var t = match.First; t <= match.Last; t++) s.Idiom[t] = true;
            idioms = true;
        }

        // Per match: idiom cover, negation, and whether a place name is really one.
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Kind is EntryKind.Idiom or EntryKind.Age) continue;
            var entry = entries[match.Entry];
            if (idioms && match.Kind is EntryKind.Indicator or EntryKind.Immediacy or EntryKind.Cue && CoveredByIdiom(s, match))
            {
                match.Dropped = true;
                match.Context |= ScreeningContext.Idiom;
                continue;
            }
            // an indicator, an immediacy or a cue with a word of its unless_sentence in its sentence is not what it reads: a meal
            // skipped today, a patient; hiding in the bathroom at school is not in a room of the home
            if (match.Kind is EntryKind.Indicator or EntryKind.Immediacy or EntryKind.Cue && CancelledInSentence(s, match))
            {
                match.Dropped = true;
                continue;
            }
            if (entry.Negatable && (IsNegated(s, match.First) || match.Kind == EntryKind.Immediacy && (entry.Immediacy & Whereabouts) != 0 && NegatedWithin(s, match)))
            {
                match.Dropped = true;
                match.Context |= ScreeningContext.Negated;
                continue;
            }
            if (entry.MaxTokens > 0 && s.Count > entry.MaxTokens) match.Dropped = true;
            // "… a fake tiktok with my photos. one came to my work today": what must be told with it may stand in another sentence
            if (entry.WithMessageSet >= 0 && !InMessage(s, entry.WithMessageSet)) match.Dropped = true;
            // "asking in general, if my stepdad comes into my room at night …? i'm 12": what cancels it may stand in another sentence
            if (entry.UnlessMessageSet >= 0 && InMessage(s, entry.UnlessMessageSet)) match.Dropped = true;
            // the words that cancel an entry stand in its sentence: "ndihmë. te dera" is a plea, "ndihmë të gjej punë" is not
            if (entry.UnlessNextSet >= 0 && match.Last + 1 < s.Count && s.Tokens[match.Last + 1].Sentence == s.Tokens[match.Last].Sentence
                && s.HasHit(match.Last + 1, entry.UnlessNextSet)) match.Dropped = true;
            // the word before cancels only in the match's clause: "my dog ate 20 pills", not "fed my cat, swallowed all my pills"
            if (entry.UnlessPreviousSet >= 0 && match.First > 0 && s.Tokens[match.First - 1].Clause == s.Tokens[match.First].Clause
                && s.HasHit(match.First - 1, entry.UnlessPreviousSet)) match.Dropped = true;
            // a clause also ends at "because", "but", "where" … ("sot e mbarojnë sepse është gay")
            if (entry.ClauseEnd && match.Last + 1 < s.Count && s.Tokens[match.Last + 1].Clause == s.Tokens[match.Last].Clause
                && !(negationBarrierSet >= 0 && s.HasHit(match.Last + 1, negationBarrierSet))) match.Dropped = true;
            if (entry.Kind == EntryKind.Place && entry.NeedsContext && !PlaceInContext(s, match.First)) match.Dropped = true;
            // "kam 13 vjet, babai …": the number is the writer's age, not "13 years (ago)"
            if (entry.Kind == EntryKind.Time && OverlapsOwnAge(s, match)) match.Dropped = true;
        }

        // "just asking, is it normal if someone touches me at night in bed? i'm 12": a hedge says a question is asked in general;
        // a harm done to the writer says it is hers, and the hedge stands aside
        if (s.OfKind(EntryKind.Cue).Length > 0 && HarmDoneToWriter(s))
        {
            foreach (var m in s.OfKind(EntryKind.Cue))
            {
                if (entries[s.Matches[m].Entry].UnlessDoneToWriter) s.Matches[m].Dropped = true;
            }
        }

        // An actor inside a longer one ("boyfriend" in "mum's boyfriend") is the longer one's.
        foreach (var m in s.OfKind(EntryKind.Actor))
        {
            if (!s.Matches[m].Dropped && ShadowedActor(s, m)) s.Matches[m].Shadowed = true;
        }
    }

    /// <summary>
    /// A harm told as done to the writer: a standing indicator whose own words have her as the one it is done to ("someone
    /// touches me", "më rreh"), not a first-person word elsewhere in its clause ("si ta kuptoj nëse … vjen me një burrë",
    /// where "me" is "with"); or any standing indicator beside her own age under 18.
    /// </summary>
    private bool HarmDoneToWriter(Scratch s)
    {
        var ownChild = false;
        for (var i = 0; i < s.AgeCount; i++) ownChild |= s.AgeFirstPerson[i] && s.Ages[i] < 18;
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped) continue;
            if (ownChild || IsFirstPersonWithin(s, match)) return true;
        }
        return false;
    }

    /// <summary>Cues (tense, third party, information, work, identity …) by message and by sentence, and the place.</summary>
    private void ReadCues(Scratch s, ref Assessment a)
    {
        var tokens = s.Tokens;
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped || match.Kind is not (EntryKind.Cue or EntryKind.Time or EntryKind.Place)) continue;
            var entry = entries[match.Entry];
            var cue = entry.Kind switch
            {
                EntryKind.Cue or EntryKind.Time => entry.Cue,
                EntryKind.Place => entry.Abroad ? Cue.Abroad : Cue.None,
                _ => Cue.None,
            };
            if (entry.Kind == EntryKind.Place && !entry.Abroad) a.Place ??= entry.Value;
            if (cue == Cue.None) continue;
            // "the local fascists threaten us every night", "partizanët më rrahën sonte": people named by a war's words, told as
            // going on now, are attackers, not a history
            if (entry.OverOnly && Dated(s, now: true, recentPast: true, Habit.Told))
            {
                match.Dropped = true;
                continue;
            }
            // "mori thikën e mishit": a meat knife is a knife; the food word names its kind, not a kitchen's frame
            if (cue == Cue.NonHuman && (KindOfWeapon(s, match) || WhereWeaponKept(s, match)))
            {
                match.Dropped = true;
                continue;
            }
            // "mami s'është në shtëpi": the one away is the one who would protect her, not the abuser
            if (cue == Cue.AbuserAway && InsideCue(s, match, Cue.ProtectorAway)) continue;
            a.Cues |= Bit(cue);
            s.SentenceCues[tokens[match.First].Sentence] |= Bit(cue);
        }
    }

    /// <summary>
    /// Who does what: violence or someone at the door with an animal, sport, traffic, food or school work and no person named is
    /// not a person's ("my dog got attacked"); a parent's rule for a child is not confinement.
    /// </summary>
    private void DropWithoutHumanActor(Scratch s, in Assessment a)
    {
        for (var m = 0; m < s.MatchCount; m++)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped || match.Kind is not (EntryKind.Immediacy or EntryKind.Indicator)) continue;
            var entry = entries[match.Entry];
            if (entry.Kind == EntryKind.Immediacy && entry.Immediacy == Immediacy.Presence
                || entry.Kind == EntryKind.Indicator && entry.Resolution == Resolution.Violence)
            {
                if ((InSentence(s, match.First, Cue.NonHuman) || InSentence(s, match.First, Cue.Schoolwork)) && !PersonInSentence(s, match.First)
                    && !WriterHurtWithAThing(s, match) && !(entry.Kind == EntryKind.Immediacy && SubjectPronounInClause(s, match.First)))
                {
                    match.Dropped = true;
                    continue;
                }
                // "the chemistry teacher 'tortured' us with a three-hour test": school hyperbole, whoever is named
                if (entry.Kind == EntryKind.Indicator && InSentence(s, match.First, Cue.SchoolHyperbole) && !a.Has(Cue.Fear))
                {
                    match.Dropped = true;
                    continue;
                }
            }
            // "my mom says I can't go out after 9": a parent's rule for a child, not confinement
            if (entry.Kind == EntryKind.Indicator && entry.Resolution == Resolution.Control && InSentence(s, match.First, Cue.Curfew)
                && (a.Minor || NearestActor(s, match) == ActorRole.Family))
            {
                match.Dropped = true;
            }
        }
    }

    /// <summary>
    /// "m'ka rrah me zinxhirin e qenit", "po më mbyste me jastëk", "he hit me with the dog's lead": the violence's own words
    /// name the writer, and every animal or thing in its sentence comes after its first word, after "me"/"with" — the thing
    /// it was done with, not the one it was done to or the doer ("the dog attacked me", "trafiku më mbyti"); inside a longer
    /// match too ("më mbyti me jastëk derisa humba ndjenjat").
    /// </summary>
    private bool WriterHurtWithAThing(Scratch s, in EntryMatch match)
    {
        if (InSentence(s, match.First, Cue.Schoolwork) || !IsFirstPersonWithin(s, match)) return false;
        var sentence = s.Tokens[match.First].Sentence;
        var instrument = false;
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref readonly var other = ref s.Matches[m];
            if (other.Dropped || s.Tokens[other.First].Sentence != sentence || entries[other.Entry].Cue != Cue.NonHuman) continue;
            var after = other.First > match.Last ? match.Last : match.First;
            if (other.First <= match.First || !AfterWith(s, after, other.First)) return false;
            instrument = true;
        }
        return instrument;
    }

    /// <summary>"me" or "with" after the violence and at most three words before the thing.</summary>
    private static bool AfterWith(Scratch s, int violenceLast, int thing)
    {
        for (var t = thing - 1; t > violenceLast && t >= thing - 3; t--)
        {
            var word = s.Text(s.Tokens[t]);
            if (word.SequenceEqual("me") || word.SequenceEqual("with")) return true;
        }
        return false;
    }

    private static bool InSentence(Scratch s, int token, Cue cue) => (s.SentenceCues[s.Tokens[token].Sentence] & Bit(cue)) != 0;

    /// <summary>A time or cue in the same clause as the token.</summary>
    private bool InClause(Scratch s, int token, Cue cue)
    {
        var tokens = s.Tokens;
        var clause = tokens[token].Clause;
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref readonly var other = ref s.Matches[m];
            if (!other.Dropped && tokens[other.First].Clause == clause && entries[other.Entry].Cue == cue) return true;
        }
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var other = ref s.Matches[m];
            if (!other.Dropped && tokens[other.First].Clause == clause && entries[other.Entry].Cue == cue) return true;
        }
        return false;
    }

    private bool NowInSentence(Scratch s, int token)
    {
        var tokens = s.Tokens;
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var other = ref s.Matches[m];
            var e = entries[other.Entry];
            if (!other.Dropped && e.Immediacy is Immediacy.Now or Immediacy.Currently
                && tokens[other.First].Sentence == tokens[token].Sentence) return true;
        }
        return false;
    }

    private bool NowOrNextInSentence(Scratch s, int token)
    {
        if (NowInSentence(s, token)) return true;
        var tokens = s.Tokens;
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var other = ref s.Matches[m];
            var e = entries[other.Entry];
            if (!other.Dropped && e.Value is "future" or "tonight" or "today"
                && tokens[other.First].Sentence == tokens[token].Sentence) return true;
        }
        return false;
    }

    /// <summary>"every time he drinks he locks me in" is habitual; "we are locked in, they take our phones every night" is not.</summary>
    private bool HabitualHere(Scratch s, int token) => InSentence(s, token, Cue.Habitual) && InClause(s, token, Cue.Habitual);

    /// <summary>"two days ago they put me on a boat, now the door is locked": with a "now" in the sentence, the past is its clause's only.</summary>
    private bool PastHere(Scratch s, int token, Cue cue) => InSentence(s, token, cue) && (!NowInSentence(s, token) || InClause(s, token, cue));

    /// <summary>
    /// Which categories an indicator stands for. Violence by a family member or partner is domestic violence, against
    /// someone's identity hate violence; confinement or a phone taken is trafficking where work, debt or travel is
    /// involved. Sexual or digital abuse by one's own partner is also domestic violence.
    /// </summary>
    private int Resolve(Scratch s, int m, Entry entry, ulong cues, bool fixedTrafficking, int otherFixed, bool household = true)
    {
        ref var match = ref s.Matches[m];
        var bits = entry.CategoryBits;
        var role = NearestActor(s, match);
        var identity = IdentityHarmed(s, role, cues);
        var trafficking = (cues & Bit(Cue.Trafficking)) != 0 || fixedTrafficking;
        switch (entry.Resolution)
        {
            case Resolution.Violence:
                if (identity && role != ActorRole.Partner) bits |= Categories.Hate;
                // a relative who hits to make her beg, work or submit to a sexual harm the message names ("the aunt hits
                // her if she brings less") serves that harm, as with confinement below
                if (role == ActorRole.Family && (otherFixed & (Categories.Trafficking | Categories.Sexual)) != 0)
                    bits |= otherFixed & (Categories.Trafficking | Categories.Sexual);
                else if (role is ActorRole.Partner or ActorRole.Family) bits |= Categories.Domestic;
                // a boss's blow beside the sexual harm he does, with no trafficking indicator and no client or debt named,
                // is that harm's (below); "go with the client or back to the street" stays exploitation
                else if ((role == ActorRole.Employer || trafficking && role != ActorRole.Stranger)
                    && !(HeldForASexualHarm(s, match, role, otherFixed) && (cues & Bit(Cue.Trafficking)) == 0)) bits |= Categories.Trafficking;
                else if (bits == 0)
                {
                    // a stranger's violence belongs to whatever else the message is about; nobody named and nothing
                    // else: no category (on the labelled sets the home was wrong more often than right: a gang, an
                    // assault at school, a heart "beating", a loan "choking" her), a child's when a child is hurt, the
                    // home's when he comes home
                    var others = otherFixed & ~Categories.Child;
                    if (others != 0) bits |= others;
                    // "he said he'd kill me if i take the kids": a threat over who keeps the children is the household's
                    else if (role == ActorRole.None && (cues & Bit(Cue.Custody)) != 0) bits |= Categories.Domestic;
                    // "djali më goditi, jam 78 vjeç": an old parent's grown child is of the household
                    else if (role == ActorRole.None && OldParentsChild(s)) bits |= Categories.Domestic;
                    else if (role == ActorRole.None && (cues & Bit(Cue.Child)) != 0 && !IsFirstPerson(s, match, false)) bits |= Categories.Child;
                    // "kur të kthehet sonte do më vrasë": one who comes home is of the household
                    else if (role == ActorRole.None && (cues & Bit(Cue.ReturnsHome)) != 0) bits |= Categories.Domestic;
                }
                break;
            case Resolution.Control:
                // locked in or thrown out for being gay, trans, Roma …, by anyone but her own partner
                if (identity && role is ActorRole.Family or ActorRole.Stranger) bits |= Categories.Hate;
                // "the boss locked me in the storeroom and is touching me", "the client won't let me out of his flat and
                // forced me": held for a sexual harm the message names, by one outside the household, with no work
                // owed, sale or debt the rules read (no trafficking indicator), is that harm's, not trafficking's
                if (HeldForASexualHarm(s, match, role, otherFixed)) bits |= Categories.Sexual;
                else if (trafficking || role == ActorRole.Employer) bits |= Categories.Trafficking;
                // a relative who locks her in or takes her phone for a sexual or trafficking harm the message names
                // ("xhaxhai më ka mbyllur dhe po më prek", "babi ma mori telefonin, po më çojnë të martohem") serves that harm
                else if (role == ActorRole.Family && (otherFixed & (Categories.Sexual | Categories.Trafficking)) != 0)
                    bits |= otherFixed & (Categories.Sexual | Categories.Trafficking);
                else if (role is ActorRole.Partner or ActorRole.Family) bits |= Categories.Domestic;
                else
                {
                    var others = otherFixed & ~Categories.Child;
                    // "vajza ime më ka mbyllur në dhomë, jam 81 vjeç": an old parent locked in by a grown child, the household's
                    if (others == 0 && role == ActorRole.None && OldParentsChild(s))
                    {
                        bits |= Categories.Domestic;
                        break;
                    }
                    // nobody named and nothing else: no category (the home was wrong more often than right: a
                    // daughter locking herself in, a door that jammed, a third party's report)
                    // one man holding a child, for no work, offer, marriage or journey the message names ("a man keeps
                    // my 14-year-old sister in his car and won't let her out"), is a sexual danger; several, or one with an
                    // adult, trafficking's (a debt named is trafficking's through its own indicator, among the others above)
                    var oneHoldingAChild = role == ActorRole.Stranger && (cues & (Bit(Cue.Minor) | Bit(Cue.Plural) | Bit(Cue.Work) | Bit(Cue.Offer) | Bit(Cue.Engaged) | Bit(Cue.Abroad))) == Bit(Cue.Minor);
                    bits |= others != 0 ? others
                        : oneHoldingAChild ? Categories.Sexual
                        : (cues & Bit(Cue.Plural)) != 0 || role == ActorRole.Stranger ? Categories.Trafficking : 0;
                }
                break;
            default:
                // "my husband hides my passport", "babai ma mori pasaportën": her own partner's or a relative's hold on her
                // papers, with no other sign of exploitation the rules read (fixedTrafficking counts none of these holds; the
                // trafficking cue is left in the cues only for a debt, a client or a border named beside the papers), is
                // the household's: "i owe my uncle for the trip and he keeps my passport" stays exploitation
                if (household && HeldByHousehold(s, match, entry, cues) && !fixedTrafficking && (cues & Bit(Cue.Trafficking)) == 0)
                {
                    bits = bits & ~Categories.Trafficking | Categories.Domestic;
                    break;
                }
                // her own partner's sexual or digital abuse is also domestic, unless he is exploiting her (trafficking)
                if ((bits & (Categories.Sexual | Categories.Digital)) != 0 && (bits & Categories.Trafficking) == 0 && role == ActorRole.Partner) bits |= Categories.Domestic;
                // "the man who found me the job takes half my wage every week": an employer's or a broker's hold on her
                // money is exploitation at work, not the household's
                else if ((bits & Categories.Domestic) != 0 && role == ActorRole.Employer) bits = bits & ~Categories.Domestic | Categories.Trafficking;
                break;
        }
        return bits;
    }

    /// <summary>
    /// Whether what is done is done for who she is. Said outright (gay, trans; "because I'm Roma", "go back to Africa", a
    /// slur) it is, by anyone but her partner. Told only by the people or the faith she belongs to
    /// (<c>cue.identity_group</c>: "jemi romë", "my headscarf") it is where a stranger does it, or no one is named; not a
    /// relative's blow ("my father hit me for taking off my hijab" is the household's), not an employer's, and not a blow
    /// for what someone brings or does at work ("he hits the Roma kids who wash windows if they bring too little").
    /// </summary>
    private bool IdentityHarmed(Scratch s, ActorRole role, ulong cues)
    {
        if ((cues & (Bit(Cue.Identity) | Bit(Cue.Slur))) != 0) return true;
        // a bag snatched or a phone taken is done for what she carries, not for who she is
        return role is ActorRole.Stranger or ActorRole.None
            && (cues & (Bit(Cue.Work) | Bit(Cue.Trafficking) | Bit(Cue.Offer))) == 0
            && Stands(s, EntryKind.Cue, identityGroupEntry) && !Stands(s, EntryKind.Cue, madeToEarnEntry)
            && !Stands(s, EntryKind.Cue, robbedEntry);
    }

    /// <summary>
    /// An old parent harmed by a grown child ("djali më ka lidhur, jom 78 vjeç", "my son locked me in, i'm 80"): old age
    /// told (a pension as one's own money, not a guesthouse) and a son, daughter or grandchild named who is not the one
    /// the harm was done to ("my son was beaten", "djali im u godit" tell of the child harmed). Not a child's age
    /// ("djali im 8 vjeç"), which is no old age.
    /// </summary>
    private bool OldParentsChild(Scratch s)
    {
        if (!Stands(s, EntryKind.Cue, oldAgeEntry)) return false;
        foreach (var c in s.OfKind(EntryKind.Cue))
        {
            ref readonly var child = ref s.Matches[c];
            if (child.Dropped || child.Entry != grownChildEntry) continue;
            // "my son was beaten", "djali im u godit": the child is the one it was done to, not its doer
            var to = child.Last + 3;
            while (to > child.Last && (to >= s.Count || s.Tokens[to].Sentence != s.Tokens[child.Last].Sentence)) to--;
            if (!Hits(s, child.Last + 1, to, passiveMarkSet) && !HarmedInAlbanian(s, child.Last + 1, to)) return true;
        }
        return false;
    }

    /// <summary>"u" or "është" before a verb of harm ("u godit", "u rrah", "është e mbyllur"): done to the one named; "u kthye" (came back), "është i sëmurë" are not.</summary>
    private bool HarmedInAlbanian(Scratch s, int from, int to)
    {
        if (passiveUSet < 0) return false;
        for (var t = s.FirstIn(passiveUSet, from, to); t >= 0 && t < s.Count - 1; t = s.FirstIn(passiveUSet, t + 1, to))
        {
            if (Hits(s, t + 1, Math.Min(t + 2, s.Count - 1), harmedSqSet)) return true;
        }
        return false;
    }

    /// <summary>
    /// Held or hit by one outside the household where a sexual harm stands and no trafficking indicator does. Not where a
    /// group is held ("he locks us in", "na mbyll"): several kept shut in at his place is forced labour whatever else he does.
    /// </summary>
    private bool HeldForASexualHarm(Scratch s, in EntryMatch match, ActorRole role, int otherFixed) =>
        role is ActorRole.Employer or ActorRole.Stranger or ActorRole.None
        && (otherFixed & Categories.Sexual) != 0 && (otherFixed & Categories.Trafficking) == 0
        && !Hits(s, match.First, Math.Min(s.Count - 1, match.Last + 1), groupObjectSet);

    private bool FamilyOrPartnerInMessage(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Actor))
        {
            ref var match = ref s.Matches[m];
            if (!match.Dropped && !match.Shadowed && entries[match.Entry].Role is ActorRole.Partner or ActorRole.Family) return true;
        }
        return false;
    }

    /// <summary>Whether an indicator of a fixed category in <paramref name="category"/> stands: not one its cues cancel (a with_cue missing, as one kept for a child where there is none).</summary>
    private bool HasFixedCategory(Scratch s, int category, ulong cues, bool household = true)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            // a topic named is no category the message has (Screener.Topics.cs)
            if (!match.Dropped && entry.Resolution == Resolution.Fixed && !entry.Topic && (entry.CategoryBits & category) != 0 && !entry.CancelledByCues(cues)
                && !(household && HeldByHousehold(s, match, entry, cues))) return true;
        }
        return false;
    }

    /// <summary>The fixed categories of the indicators that stand at medium or above; one kept for a child where there is none, or for who she is where nothing says it, gives none.</summary>
    private int OtherFixedCategories(Scratch s, ulong cues, bool household = true)
    {
        var bits = 0;
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
            if (!match.Dropped && entry.Resolution == Resolution.Fixed && entry.Level >= Severity.Medium && !entry.WithoutWhomItNeeds(cues)
                && !(household && HeldByHousehold(s, match, entry, cues))) bits |= entry.CategoryBits;
        }
        return bits;
    }

    /// <summary>
    /// A hold the household can keep (<see cref="Entry.HouseholdHold"/>: her papers) kept by her own partner or a relative,
    /// in a message that names no one else who could be exploiting her (an employer, a stranger), no work, no
    /// marriage being arranged (the labels call a forced marriage trafficking too) and no journey under way (put on a
    /// plane, in a truck at a border).
    /// </summary>
    private bool HeldByHousehold(Scratch s, in EntryMatch match, Entry entry, ulong cues) =>
        entry.HouseholdHold && (cues & (Bit(Cue.Work) | Bit(Cue.Engaged))) == 0
        && NearestActor(s, match) is ActorRole.Partner or ActorRole.Family && !OutsiderOrJourney(s);

    /// <summary>Whether some indicator of the message is a hold the household's reading takes (<see cref="HeldByHousehold"/>).</summary>
    private bool AnyHeldByHousehold(Scratch s, ulong cues)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && HeldByHousehold(s, match, entries[match.Entry], cues)) return true;
        }
        return false;
    }

    private bool OutsiderOrJourney(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Actor))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && !match.Shadowed && entries[match.Entry].Role is ActorRole.Employer or ActorRole.Stranger) return true;
        }
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && (entries[match.Entry].Immediacy & Immediacy.Moving) != 0) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether every word of exploitation's context in the message (<c>cue.trafficking_context</c>: a passport, a debt, a
    /// client, a border) is the papers of a hold kept by her partner or a relative: "burri më mbyll brenda dhe ma ka marrë
    /// pasaportën" names no exploitation; "… dhe më detyron të punoj pa rrogë" does.
    /// </summary>
    private bool PapersHeldAtHomeOnly(Scratch s, ulong cues)
    {
        var held = false;
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && HeldByHousehold(s, match, entries[match.Entry], cues)) { held = true; break; }
        }
        if (!held) return false;
        foreach (var c in s.OfKind(EntryKind.Cue))
        {
            ref readonly var cue = ref s.Matches[c];
            if (cue.Dropped || entries[cue.Entry].Cue != Cue.Trafficking) continue;
            var inside = false;
            foreach (var m in s.OfKind(EntryKind.Indicator))
            {
                ref readonly var match = ref s.Matches[m];
                if (!match.Dropped && cue.First >= match.First && cue.Last <= match.Last && HeldByHousehold(s, match, entries[match.Entry], cues)) { inside = true; break; }
            }
            if (!inside) return false;
        }
        return true;
    }

    /// <summary>The actor nearest before the indicator in its sentence, else after it, else anywhere in the message.</summary>
    private ActorRole NearestActor(Scratch s, in EntryMatch indicator)
    {
        var sentence = s.Tokens[indicator.First].Sentence;
        ActorRole before = ActorRole.None, after = ActorRole.None, anywhere = ActorRole.None;
        int beforeAt = -1, afterAt = int.MaxValue, anywhereDistance = int.MaxValue;
        var actors = s.OfKind(EntryKind.Actor);
        if (actors.IsEmpty) return ActorRole.None;
        foreach (var m in actors)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped || match.Shadowed) continue;
            var entry = entries[match.Entry];
            var sameSentence = s.Tokens[match.First].Sentence == sentence;
            if (sameSentence && match.Last < indicator.First && match.Last > beforeAt) { before = entry.Role; beforeAt = match.Last; }
            else if (sameSentence && match.First > indicator.Last && match.First < afterAt) { after = entry.Role; afterAt = match.First; }
            var distance = Math.Abs(match.First - indicator.First);
            if (distance < anywhereDistance) { anywhere = entry.Role; anywhereDistance = distance; }
        }
        // an actor inside the indicator's own words (burri më rreh) counts as before
        foreach (var m in actors)
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped || match.Shadowed) continue;
            if (match.First >= indicator.First && match.Last <= indicator.Last) return entries[match.Entry].Role;
        }
        return before != ActorRole.None ? before : after != ActorRole.None ? after : anywhere;
    }

    /// <summary>An actor inside a longer actor ("boyfriend" in "mum's boyfriend") is the longer one's.</summary>
    private bool ShadowedActor(Scratch s, int m)
    {
        ref var match = ref s.Matches[m];
        foreach (var o in s.OfKind(EntryKind.Actor))
        {
            if (o == m) continue;
            ref var other = ref s.Matches[o];
            if (other.Dropped || other.Shadowed) continue;
            if (other.First <= match.First && other.Last >= match.Last && other.Last - other.First > match.Last - match.First) return true;
        }
        return false;
    }

    private bool OverlapsOwnAge(Scratch s, in EntryMatch time)
    {
        foreach (var m in s.OfKind(EntryKind.Age))
        {
            ref readonly var other = ref s.Matches[m];
            if (other.First <= time.Last && other.Last >= time.First && entries[other.Entry].FirstPerson) return true;
        }
        return false;
    }

    /// <summary>
    /// "ai po shikon ndeshjen pranë meje", "he is watching the match next to me": a he or she before it in its clause is
    /// someone there, though no actor (a bare pronoun names no household); a ball, a keeper or a team is not.
    /// </summary>
    private bool SubjectPronounInClause(Scratch s, int token)
    {
        if (thirdSubjectSet < 0) return false;
        var clause = s.Tokens[token].Clause;
        for (var t = token; t >= 0 && s.Tokens[t].Clause == clause; t--)
        {
            if (s.HasHit(t, thirdSubjectSet)) return true;
        }
        return false;
    }

    /// <summary>A person (an actor) named in the token's sentence.</summary>
    private bool PersonInSentence(Scratch s, int token)
    {
        var sentence = s.Tokens[token].Sentence;
        foreach (var m in s.OfKind(EntryKind.Actor))
        {
            ref readonly var other = ref s.Matches[m];
            if (!other.Dropped && s.Tokens[other.First].Sentence == sentence && entries[other.Entry].Role != ActorRole.None) return true;
        }
        return false;
    }

    /// <summary>Whether a word of the set stands anywhere in the message.</summary>
    private static bool InMessage(Scratch s, int set)
    {
        for (var t = 0; t < s.Count; t++)
        {
            if (s.HasHit(t, set)) return true;
        }
        return false;
    }

    /// <summary>An idiom (or an indicator) with a word of its <c>unless_sentence</c> anywhere in its sentence, not negated, is not read there.</summary>
    private bool CancelledInSentence(Scratch s, in EntryMatch match)
    {
        var set = entries[match.Entry].UnlessSentenceSet;
        if (set < 0) return false;
        var sentence = s.Tokens[match.First].Sentence;
        // a cancelling word negated says the opposite: "it's not a toy", "s'është lodër" leave the weapon standing
        for (var t = match.First; t >= 0 && s.Tokens[t].Sentence == sentence; t--)
        {
            if (s.HasHit(t, set) && !CancelWordDenied(s, t)) return true;
        }
        for (var t = match.First + 1; t < s.Count && s.Tokens[t].Sentence == sentence; t++)
        {
            if (s.HasHit(t, set) && !CancelWordDenied(s, t)) return true;
        }
        return false;
    }

    /// <summary>A cancelling word denied right before it: "not a toy", "no toy", "isn't real", "s'është lodër" ("haven't eaten since lunch" is no denial of lunch).</summary>
    private bool CancelWordDenied(Scratch s, int t)
    {
        if (negationSet < 0 || t == 0) return false;
        if (s.HasHit(t - 1, negationSet)) return true;
        return t >= 2 && s.HasHit(t - 2, negationSet) && s.Tokens[t - 2].Clause == s.Tokens[t].Clause
            && denialLinkSet >= 0 && s.HasHit(t - 1, denialLinkSet);
    }

    /// <summary>
    /// A household thing just after a weapon and a word of place ("pistoletën nën jastëk", "a knife under the mattress"):
    /// where the weapon is kept, not a pillow fight or a carpet beaten.
    /// </summary>
    private bool WhereWeaponKept(Scratch s, in EntryMatch thing)
    {
        if (keptPlaceSet < 0) return false;
        var t = thing.First - 1;
        if (t >= 0 && keptArticleSet >= 0 && s.HasHit(t, keptArticleSet)) t--;
        if (t < 1 || !s.HasHit(t, keptPlaceSet)) return false;
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref readonly var weapon = ref s.Matches[m];
            if (!weapon.Dropped && weapon.Last == t - 1 && (entries[weapon.Entry].Immediacy & Immediacy.Weapon) != 0) return true;
        }
        return false;
    }

    /// <summary>
    /// A word that only names a weapon's kind, just after it and its linking article ("thikën e mishit", "thika e bukës"):
    /// a knife for meat is still a knife in his hand.
    /// </summary>
    private bool KindOfWeapon(Scratch s, in EntryMatch word)
    {
        if (word.First < 2) return false;
        var link = s.Text(s.Tokens[word.First - 1]);
        if (!(link.SequenceEqual("e") || link.SequenceEqual("i") || link.SequenceEqual("te"))) return false;
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref readonly var weapon = ref s.Matches[m];
            if (!weapon.Dropped && weapon.Last == word.First - 2 && (entries[weapon.Entry].Immediacy & Immediacy.Weapon) != 0) return true;
        }
        return false;
    }

    /// <summary>
    /// An idiom hides the words it covers ("dying to see", "cut me off" in traffic). An entry written around an idiom
    /// (`over_idioms`) reads it in its own context instead: "came out … now i'm dead to her", "cut me off from my
    /// friends"; such a match is dropped only by an idiom that is not wholly inside it.
    /// </summary>
    private bool CoveredByIdiom(Scratch s, in EntryMatch match)
    {
        var touched = false;
        for (var t = match.First; t <= match.Last && !touched; t++) touched = s.Idiom[t];
        if (!touched || !entries[match.Entry].OverIdioms) return touched;
        foreach (var i in s.OfKind(EntryKind.Idiom))
        {
            ref readonly var idiom = ref s.Matches[i];
            if (idiom.Last < match.First || idiom.First > match.Last) continue;
            var inside = idiom.First >= match.First && idiom.Last <= match.Last && idiom.Last - idiom.First < match.Last - match.First;
            if (!inside) return true;
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

    /// <summary>Someone's whereabouts: here, back, arrived — the signs a "not" in their own words denies.</summary>
    private const Immediacy Whereabouts = Immediacy.Presence | Immediacy.Returned | Immediacy.Arrived;

    /// <summary>
    /// A sign of now whose own words hold a negator after its subject: "he is not at the door", "they're not outside
    /// anymore" (the pattern's gap took the "not"). Read back from its last word to its first, within its clause, and
    /// only up to a subject or question word: "can't talk, he's watching" keeps its "he's watching".
    /// </summary>
    private bool NegatedWithin(Scratch s, in EntryMatch match)
    {
        if (negationSet < 0) return false;
        var clause = s.Tokens[match.Last].Clause;
        for (var t = match.Last - 1; t > match.First; t--)
        {
            if (s.Tokens[t].Clause != clause || negationBarrierSet >= 0 && s.HasHit(t, negationBarrierSet)) break;
            if (s.HasHit(t, negationSet)) return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="inner"/> lies inside a standing match of a <paramref name="cue"/> entry other than <paramref name="except"/>.</summary>
    private bool InsideCue(Scratch s, in EntryMatch inner, Cue cue, string? except = null)
    {
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref var match = ref s.Matches[m];
            if (!match.Dropped && match.First <= inner.First && match.Last >= inner.Last && entries[match.Entry].Cue == cue
                && (except is null || entries[match.Entry].Id != except)) return true;
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
        var (writer, asItsObject) = WriterIn(s, match, english);
        return asObject ? asItsObject : writer;
    }

    /// <summary>
    /// <see cref="IsFirstPerson"/> both ways from one reading of the match and its clause, each class's tokens read as
    /// its row's bits over the span: whether the writer is in it at all, and whether as its object.
    /// </summary>
    private (bool Writer, bool AsObject) WriterIn(Scratch s, in EntryMatch match, bool english)
    {
        if (firstPersonSet < 0) return (true, true);
        if (IsFirstPersonWithin(s, match)) return (true, true);
        var subject = Hits(s, match.First, match.Last, firstSubjectSet) || english && Hits(s, match.First, match.Last, englishISet);
        if (Hits(s, match.First, match.Last, thirdObjectSet)) return (subject, false);
        // the clause the match starts in, whole
        var clause = s.Tokens[match.First].Clause;
        var from = match.First;
        while (from > 0 && s.Tokens[from - 1].Clause == clause) from--;
        var to = match.First;
        while (to + 1 < s.Count && s.Tokens[to + 1].Clause == clause) to++;
        // a first-person word of the clause counts unless the writer is the one told
        var asObject = false;
        for (var t = s.FirstIn(firstPersonSet, from, to); t >= 0 && !asObject; t = s.FirstIn(firstPersonSet, t + 1, to)) asObject = !ListenerOfTelling(s, t);
        return (subject || asObject || Hits(s, from, to, firstSubjectSet) || english && Hits(s, from, to, englishISet), asObject);
    }

    /// <summary>
    /// "gjyshi na tregonte si …", "mum told me that …": the writer as the one told, next to a verb of telling, is the
    /// listener of what is told, not the one it is done to.
    /// </summary>
    private bool ListenerOfTelling(Scratch s, int t) =>
        toldToSet >= 0 && (t + 1 < s.Count && s.Tokens[t + 1].Clause == s.Tokens[t].Clause && s.HasHit(t + 1, toldToSet)
            || t > 0 && s.Tokens[t - 1].Clause == s.Tokens[t].Clause && s.HasHit(t - 1, toldToSet));

    private bool PlaceInContext(Scratch s, int first)
    {
        if (first > 0 && placePrepositionSet >= 0 && s.HasHit(first - 1, placePrepositionSet)) return true;
        return false;
    }
}
