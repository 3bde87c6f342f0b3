using Hotline.Core;

namespace Hotline.Screening;

// Stage "figurative frames": the same violence words are literal or not by what the sentence is about. A game, a story,
// a sport, an animal or a kitchen is a frame in which "killed", "destroyed", "shot me in the head" or "locked in" are
// about players, characters, animals or food; a joke about a threat that hangs on an "if" is a joke. Inside a frame the
// words stand only when a person is named as doing it to the writer, or the writer is afraid or asks for help.
public sealed partial class Screener
{
    private const ulong StoryFrames = 1UL << (int)Cue.Play | 1UL << (int)Cue.Fiction;
    /// <summary>A film, a series, a book, a play or a song: a story told, not a game one plays.</summary>
    private const ulong FictionFrame = 1UL << (int)Cue.Fiction;
    /// <summary>The news: told of others, never a game or a role the writer plays, so what it names done to her is hers.</summary>
    private const ulong NewsFrame = 1UL << (int)Cue.Media;
    /// <summary>Every frame but the news: a game, a story, or an animal or a sport (the non-human cue).</summary>
    private const ulong StoryOrAnimalFrames = StoryFrames | 1UL << (int)Cue.NonHuman;
    private const ulong AnyFrame = StoryOrAnimalFrames | NewsFrame;

    /// <summary>Immediacy that a game or a story has too: someone chasing, a gun, blood, a fight going on, someone back.</summary>
    private const Immediacy FrameImmediacy = Immediacy.Presence | Immediacy.Weapon | Immediacy.Bleeding | Immediacy.InProgress | Immediacy.Returned;
    private const Immediacy AnimalImmediacy = Immediacy.Weapon | Immediacy.Bleeding | Immediacy.InProgress;

    private void DropInFigurativeFrames(Scratch s, ref Assessment a)
    {
        DropPleaAskingAboutService(s, ref a);
        DropWhatAThingDoes(s, ref a);
        var joking = a.Has(Cue.Joking);
        if ((a.Cues & AnyFrame) == 0 && !joking) return;
        var fear = a.Has(Cue.Fear);
        var plea = !joking && PleaInMessage(s);
        // the writer afraid or asking for help is no game: every word stands
        if (fear || plea) return;
        var english = a.Language == Language.En;
        var wholeMessage = s.Count <= ShortMessageTokens;
        // something done to the writer, or someone on the way to her, beside the news
        var hers = false;
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var entry = entries[match.Entry];
            var violence = entry.Resolution is Resolution.Violence or Resolution.Control;
            if (!violence && !entry.Acute) continue;
            // a sale or a trafficking told of a film's or a book's character ("the new film about the girl they sell in
            // Italy"): the story's, unless it is done to the writer; inside a game it stays (errands for "skins" and
            // grooming happen there)
            if (!violence && (entry.CategoryBits & Categories.Trafficking) != 0 && InFrame(s, match.First, FictionFrame, a.Cues, wholeMessage)
                && !IsFirstPerson(s, match, english, asObject: true))
            {
                DropAsFigurative(ref match, ref a);
                continue;
            }
            // in a game or a story: only a person named doing it to the writer is real ("babai më rrahu se humba në lojë");
            // what is sexual or digital stays, whatever the frame (grooming happens inside games)
            if (violence && InFrame(s, match.First, StoryFrames, a.Cues, wholeMessage)
                && (joking || !(PersonInFrame(s, match.First, wholeMessage) && IsFirstPerson(s, match, english, asObject: true))))
            {
                DropAsFigurative(ref match, ref a);
                continue;
            }
            // in the news: the violence told is someone else's; what is done to the writer is hers, whoever does it
            // ("the news said he escaped. he texted me he is coming to kill me")
            if (violence && InFrame(s, match.First, NewsFrame, a.Cues, wholeMessage))
            {
                if (!joking && IsFirstPerson(s, match, english, asObject: true)) hers = true;
                else
                {
                    DropAsFigurative(ref match, ref a);
                    continue;
                }
            }
            // the one it is done to is an animal or a thing ("e vrau peshkun", "killed the hens", "e shes këtë kafshë"),
            // whoever does it; not what she does to herself: "helmin e minjve" names the poison she drank
            if ((entry.CategoryBits & Categories.SelfHarm) == 0 && NonHumanTarget(s, match, english))
            {
                DropAsFigurative(ref match, ref a);
                continue;
            }
            // a joke about a threat that hangs on an "if", or about what the writer herself will do ("i'm strangling him 😂")
            if (joking && (InSentence(s, match.First, Cue.Hypothetical) || WriterIsDoer(s, match, english)))
            {
                DropAsFigurative(ref match, ref a);
            }
        }
        // a chase, a gun or blood in a frame is the game's or the animal's, unless a real harm to a person stands beside it
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var entry = entries[match.Entry];
            if ((entry.Immediacy & FrameImmediacy) == 0) continue;
            // an animal or a sport has blood, a stick or a fight going on; only a game or a story has someone chasing or back
            var frames = (entry.Immediacy & AnimalImmediacy) != 0 ? StoryOrAnimalFrames : StoryFrames;
            // the news brings no one to the writer's door: someone there or on the way to her beside it is hers, in the
            // news' own sentence or after it ("saw on the news he got out of prison. he is outside my door now")
            var inNews = InFrame(s, match.First, NewsFrame, a.Cues, wholeMessage);
            var toHer = (a.Cues & NewsFrame) != 0 && IsFirstPerson(s, match, english, asObject: true);
            hers |= toHer;
            if (!(InFrame(s, match.First, frames, a.Cues, wholeMessage) || inNews && !toHer) || HarmInSentence(s, match.First)) continue;
            DropAsFigurative(ref match, ref a);
        }
        // what the learned opinion may not raise: words dropped as a frame's, or a frame with no person in the message at
        // all ("a fox got into the coop"); "the man from the game picked me up" names a person and stays the opinion's, and
        // so does someone at her door or on the way to her after the news
        var frameCues = a.Cues & (hers ? StoryOrAnimalFrames : AnyFrame);
        a.Figurative = (a.Context & ScreeningContext.Figurative) != 0 || frameCues != 0 && !PersonInMessage(s);
    }

    /// <summary>Violence, control or a sign of now that a thing may be the doer of: "po më mbyt", "po rreh", "kill us all".</summary>
    private const Immediacy ThingImmediacy = Immediacy.InProgress | Immediacy.Locked | Immediacy.Weapon;

    /// <summary>
    /// The weather, a day or a week, a lesson, a machine as the doer of a violence word ("vapa po na mbyt", "po më mbyt
    /// kjo javë", "kursi po më mbyt", "kompjuteri po më nxjerr shpirtin", "po rreh shiu", "this heatwave is trying to
    /// kill us all"), in whatever form the verb takes: no one's doing. Not when someone is named in its sentence ("he choked
    /// me in the heat", "burri më mbyti"), nor when she is afraid or pleads.
    /// </summary>
    private void DropWhatAThingDoes(Scratch s, ref Assessment a)
    {
        if (!a.Has(Cue.Thing) || a.Has(Cue.Fear) || PleaInMessage(s)) return;
        var english = a.Language == Language.En;
        var dropped = false;
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var entry = entries[match.Entry];
            if (entry.Resolution is not (Resolution.Violence or Resolution.Control) || !ThingDoes(s, match, english)) continue;
            DropAsFigurative(ref match, ref a);
            dropped = true;
        }
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped || (entries[match.Entry].Immediacy & ThingImmediacy) == 0 || !ThingDoes(s, match, english)) continue;
            DropAsFigurative(ref match, ref a);
            dropped = true;
        }
        // in a short message the thing's doing is all that is told, and the learned opinion may not raise it ("po rreh shiu
        // n'ballkon, ka hy uji"); in a longer one it may still read what the rules do not. Not when a violence word or a sign
        // of now stays beside it: "po më rreh, telefoni po fiket" tells what he does and then what the phone does
        a.Figurative |= dropped && s.Count <= ShortMessageTokens && !ViolenceKept(s);
    }

    /// <summary>A violence or control indicator, or a sign of now a thing may do, that no thing was found doing.</summary>
    private bool ViolenceKept(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && entries[match.Entry].Resolution is Resolution.Violence or Resolution.Control) return true;
        }
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && (entries[match.Entry].Immediacy & ThingImmediacy) != 0) return true;
        }
        return false;
    }

    /// <summary>
    /// A thing (cue.thing) is the subject of the match's verb in its clause, and no one is named in its sentence: just
    /// before it with only clitics, auxiliaries or a genitive between (English: "is", "keeps", "trying to" …), or just after it as
    /// Albanian puts a subject ("po më mbyt kjo javë"), not after a preposition ("më rrahu në shi").
    /// </summary>
    private bool ThingDoes(Scratch s, in EntryMatch match, bool english)
    {
        var clause = s.Tokens[match.First].Clause;
        // "kjo javë më rrahu keq, burri erdhi i dehur": a person anywhere in the sentence may be the doer Albanian leaves unsaid
        if (SomeoneInSentence(s, s.Tokens[match.First].Sentence)) return false;
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref readonly var thing = ref s.Matches[m];
            if (thing.Dropped || entries[thing.Entry].Cue != Cue.Thing || s.Tokens[thing.First].Clause != clause) continue;
            // "kjo e hënë më mbyti": the thing's last word may open the match ("e hënë më mbyti")
            if (thing.First < match.First && thing.Last < match.Last && match.First - thing.Last <= 4
                && SubjectBefore(s, thing, Math.Max(match.First, thing.Last + 1), english)) return true;
            // Albanian puts a subject after its verb; English an object or a time ("was hit last week")
            if (!english && thing.First > match.Last && thing.First - match.Last <= 3 && !Hits(s, match.Last + 1, thing.First - 1, thingPrepositionSet)
                && !StartsItsOwnClause(s, thing)) return true;
        }
        return false;
    }

    /// <summary>
    /// A thing after the verb that is the subject of its own predicate or a time, not the verb's doer: Albanian leaves the
    /// doer unsaid and an SMS its commas, so "po më rreh telefoni po fiket", "po më mbyt bateria 2%", "klima s'punon",
    /// "më rrahu java e kaluar" tell what he does and then the phone, the battery, the heat or when; her own phone or
    /// battery after the verb always does.
    /// </summary>
    private bool StartsItsOwnClause(Scratch s, in EntryMatch thing)
    {
        // her own phone or battery named after the verb is what an SMS tells next ("po më mbyt telefoni", "po m'rreh tash
        // telefoni fiket"), never who beats or chokes her
        if (Hits(s, thing.First, thing.Last, thingOwnDeviceSet)) return true;
        var clause = s.Tokens[thing.Last].Clause;
        for (var t = thing.Last + 1; t <= thing.Last + 2 && t < s.Count && s.Tokens[t].Clause == clause; t++)
        {
            if (t == thing.Last + 1 && ((s.Tokens[t].Flags & TokenFlags.Number) != 0 || Hits(s, t, t, thingOwnPredicateSet))) return true;
            if (Hits(s, t, t, thingTimeAfterSet)) return true;
        }
        return false;
    }

    /// <summary>Nothing between the thing and the verb that makes another its subject or it the object of a preposition.</summary>
    private bool SubjectBefore(Scratch s, in EntryMatch thing, int verb, bool english)
    {
        if (thing.First > 0 && s.Tokens[thing.First - 1].Clause == s.Tokens[thing.First].Clause && thingPrepositionSet >= 0
            && s.HasHit(thing.First - 1, thingPrepositionSet)) return false;
        if (Hits(s, thing.Last + 1, verb - 1, thingBlockSet) || Hits(s, thing.Last + 1, verb - 1, firstSubjectSet)) return false;
        if (!english) return true;
        // "this week i got hit", "the other day got hit": in English only "is", "keeps", "trying to" … stand between
        if (verb == thing.Last + 1 || Hits(s, thing.Last + 1, verb - 1, englishISet)) return false;
        for (var t = thing.Last + 1; t < verb; t++)
        {
            if (thingAuxEnglishSet < 0 || !s.HasHit(t, thingAuxEnglishSet)) return false;
        }
        return true;
    }

    /// <summary>A person in the sentence: an actor, or a he, she, they, you, someone.</summary>
    private bool SomeoneInSentence(Scratch s, int sentence)
    {
        foreach (var m in s.OfKind(EntryKind.Actor))
        {
            ref readonly var actor = ref s.Matches[m];
            if (!actor.Dropped && s.Tokens[actor.First].Sentence == sentence) return true;
        }
        if (someoneSet < 0) return false;
        for (var t = 0; t < s.Count; t++)
        {
            if (s.Tokens[t].Sentence == sentence && s.HasHit(t, someoneSet)) return true;
        }
        return false;
    }

    /// <summary>Whether a token in [<paramref name="from"/>, <paramref name="to"/>] belongs to <paramref name="set"/> (none when the lexicon has no such class): the set's row read over the span at once.</summary>
    private static bool Hits(Scratch s, int from, int to, int set) => set >= 0 && s.FirstIn(set, from, to) >= 0;

    /// <summary>
    /// A person named where the frame is read: in a short message read whole, anywhere in it ("s'flas dot, njerku po
    /// shikon filmin pranë meje. dje më theu dorën": the film is his pastime, the arm hers); else in the token's sentence.
    /// </summary>
    private bool PersonInFrame(Scratch s, int token, bool wholeMessage) =>
        wholeMessage ? PersonInMessage(s) : PersonInSentence(s, token);

    private bool PersonInMessage(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Actor))
        {
            if (!s.Matches[m].Dropped) return true;
        }
        return false;
    }

    /// <summary>"a ndihmoni edhe për lejen e qëndrimit?", "do you help with …": the plea word asks what the service does.</summary>
    private void DropPleaAskingAboutService(Scratch s, ref Assessment a)
    {
        if (!a.Has(Cue.Service)) return;
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref var match = ref s.Matches[m];
            if (!match.Dropped && (entries[match.Entry].Immediacy & Immediacy.Plea) != 0 && InsideCue(s, match, Cue.Service))
            {
                DropAsFigurative(ref match, ref a);
            }
        }
    }

    private static void DropAsFigurative(ref EntryMatch match, ref Assessment a)
    {
        match.Dropped = true;
        match.Context |= ScreeningContext.Figurative;
        a.Context |= ScreeningContext.Figurative;
    }

    private static bool InFrame(Scratch s, int token, ulong frames, ulong messageCues, bool wholeMessage) =>
        wholeMessage ? (messageCues & frames) != 0 : (s.SentenceCues[s.Tokens[token].Sentence] & frames) != 0;

    /// <summary>A plea for help (ndihmë, help me, send someone) that has not been dropped.</summary>
    private bool PleaInMessage(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && (entries[match.Entry].Immediacy & Immediacy.Plea) != 0) return true;
        }
        return false;
    }

    /// <summary>An animal, a team or a food word just before or within three words after the violence, in its clause, and the violence's own words not about the writer.</summary>
    private bool NonHumanTarget(Scratch s, in EntryMatch match, bool english)
    {
        if (english && PersonDoneTo(s, match)) return false;
        // "ullirin me shkop": a match that is only the instrument opens with "me" (with), not "më" (me)
        var instrument = OpensWithWith(s, match);
        if (IsFirstPersonWithin(s, match) && !instrument) return false;
        var clause = s.Tokens[match.Last].Clause;
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref readonly var other = ref s.Matches[m];
            if (other.Dropped || s.Tokens[other.First].Clause != clause || entries[other.Entry].Cue != Cue.NonHuman) continue;
            // after the verb it is the one done to; just before the instrument ("e vrau peshkun me një goditje") too
            if (!instrument && other.First > match.Last && other.First <= match.Last + 3 || other.Last < match.First && other.Last >= match.First - 2) return true;
        }
        return false;
    }

    /// <summary>A match of at most three words that opens with "me" or "with" and holds a weapon: "me shkop", "with a stick".</summary>
    private bool OpensWithWith(Scratch s, in EntryMatch match)
    {
        if (match.Last - match.First > 2) return false;
        var first = s.Text(s.Tokens[match.First]);
        if (!(first.SequenceEqual("me") || first.SequenceEqual("with"))) return false;
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref readonly var weapon = ref s.Matches[m];
            if (weapon.First > match.First && weapon.Last <= match.Last && (entries[weapon.Entry].Immediacy & Immediacy.Weapon) != 0) return true;
        }
        return false;
    }

    /// <summary>
    /// A person named just after the violence's verb, in its clause, is the one it is done to in English: "fans from the
    /// match are beating a guy outside the stadium" is a man beaten, whatever the sport around it. (Albanian puts the doer
    /// after the verb too: "e rrahu qenin babai".)
    /// </summary>
    private bool PersonDoneTo(Scratch s, in EntryMatch match)
    {
        var clause = s.Tokens[match.Last].Clause;
        foreach (var m in s.OfKind(EntryKind.Actor))
        {
            ref readonly var actor = ref s.Matches[m];
            if (actor.Dropped || s.Tokens[actor.First].Clause != clause) continue;
            if (actor.First > match.First && actor.First <= match.Last + 3) return true;
        }
        return false;
    }

    /// <summary>The match's own words name the writer (më, me, my, us, na).</summary>
    private bool IsFirstPersonWithin(Scratch s, in EntryMatch match) => Hits(s, match.First, match.Last, firstPersonSet);

    /// <summary>The writer is the subject ("I", "unë", "i'm") and nobody else is the object of the writer's words.</summary>
    private bool WriterIsDoer(Scratch s, in EntryMatch match, bool english)
    {
        if (IsFirstPersonWithin(s, match)) return false;
        var clause = s.Tokens[match.First].Clause;
        var from = match.First;
        while (from > 0 && s.Tokens[from - 1].Clause == clause) from--;
        for (var t = from; t <= match.Last; t++)
        {
            if (firstSubjectSet >= 0 && s.HasHit(t, firstSubjectSet) || english && englishISet >= 0 && s.HasHit(t, englishISet)) return true;
        }
        return false;
    }

    /// <summary>An indicator of violence, control or acute harm still standing in the token's sentence.</summary>
    private bool HarmInSentence(Scratch s, int token)
    {
        var sentence = s.Tokens[token].Sentence;
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped || s.Tokens[match.First].Sentence != sentence) continue;
            var entry = entries[match.Entry];
            if (entry.Resolution is Resolution.Violence or Resolution.Control || entry.Acute) return true;
        }
        return false;
    }
}
