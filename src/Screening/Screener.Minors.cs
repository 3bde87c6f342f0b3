using Hotline.Core;

namespace Hotline.Screening;

// Stage "minors": ages (the writer's own first), child words, and whether the message is about a minor.
public sealed partial class Screener
{
    /// <summary>Ages and child words: an age under 18 or a child named makes the message about a minor.</summary>
    private void ReadMinors(string text, Scratch s, ref Assessment a)
    {
        ReadAges(text, s, a.Language == Language.Sq);
        ReadAgesInApposition(text, s);
        for (var i = 0; i < s.AgeCount; i++)
        {
            var value = s.Ages[i];
            if (InSentence(s, s.AgeTokens[i], Cue.DistantPast)) continue;
            if (value < 18) a.MinorAge = true;
            else a.AdultAge = true;
            if (s.AgeFirstPerson[i]) a.Age = value;
        }
        if (a.Age is null)
        {
            for (var i = 0; i < s.AgeCount; i++)
            {
                if (a.Age is null || s.Ages[i] < a.Age) a.Age = s.Ages[i];
            }
        }
        var childMention = false;
        // "i wrote letters to my kids … they're asleep next to me": letters to children she says are with her, or takes along
        var lettersAway = !Stands(s, EntryKind.Cue, childrenWithHerEntry);
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var entry = entries[match.Entry];
            if (entry.Cue is not (Cue.Child or Cue.Minor)) continue;
            // "to see the kids", "take the children": a parent's children in a custody dispute are not the ones at risk
            if (entry.Cue == Cue.Child && InsideCue(s, match, Cue.Custody)) continue;
            // "fëmijët janë te gjyshja", "the kids are at school": her children away from the danger are not the ones at risk
            // and letters she has written to her children are her farewell, unless they are with her
            if (entry.Cue == Cue.Child && InsideCue(s, match, Cue.ChildrenAway, lettersAway ? null : "cue.letters_to_children")) continue;
            if (!InSentence(s, match.First, Cue.DistantPast)) childMention = true;
        }
        a.Minor = a.MinorAge || childMention;
        if (a.Minor && a.AdultAge) a.Cues |= Bit(Cue.Older);
        if (a.Minor) a.Cues |= Bit(Cue.Minor);
        // "I'm a teacher; today we saw belt marks on a pupil's back": a professional telling of a case seen today, yesterday or
        // now is a referral of a real person, not a question for information
        // "a 15-year-old girl told me her mother took money to marry her off; what steps do I take?": a child of a stated age who
        // told the writer is a real case too, unless the sentence is an "if"
        a.Information = a.Has(Cue.Information) && !Dated(s, now: false, recentPast: true) && !HurtBeforeHerNow(s) && !ChildToldHer(s)
            // "how can i help my son who is being bullied online?": a harm going on to someone named is a case
            && !HarmBeingDone(s);
    }

    /// <summary>
    /// A child's own account told to the writer: a disclosure verb beside a first-person word ("më tha", "told me") in a
    /// sentence that gives someone else's age under 18 and is not a hypothetical ("if a pupil tells me").
    /// </summary>
    private bool ChildToldHer(Scratch s)
    {
        if (toldSet < 0 || firstPersonSet < 0) return false;
        for (var i = 0; i < s.AgeCount; i++)
        {
            if (s.Ages[i] >= 18 || s.AgeFirstPerson[i]) continue;
            var sentence = s.Tokens[s.AgeTokens[i]].Sentence;
            if ((s.SentenceCues[sentence] & Bit(Cue.Hypothetical)) != 0) continue;
            for (var t = 0; t < s.Count; t++)
            {
                if (s.Tokens[t].Sentence != sentence || !s.HasHit(t, toldSet)) continue;
                if (t > 0 && s.HasHit(t - 1, firstPersonSet) || t + 1 < s.Count && s.HasHit(t + 1, firstPersonSet)) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// "he hanged himself in the bathroom, I'm holding him up, he isn't breathing right, what do I do": someone unconscious,
    /// not breathing, bleeding or hurt so he cannot get up, now — a "what do I do" there is a plea, not a question for information.
    /// </summary>
    private bool HurtBeforeHerNow(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && entries[match.Entry].Id is "imm.unconscious" or "imm.collapsed" or "imm.cant_breathe" or "imm.bleeding" or "imm.injured") return true;
        }
        return false;
    }

    /// <summary>A child word said of the writer: "jemi nxënës", "jemi një grup nxënësish", "we're pupils", "im a teen".</summary>
    private bool ChildWordOfWriter(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped || entries[match.Entry].Cue is not (Cue.Child or Cue.Minor)) continue;
            for (var t = Math.Max(0, match.First - 3); t < match.First; t++)
            {
                if (s.Tokens[t].Sentence == s.Tokens[match.First].Sentence && (firstSubjectSet >= 0 && s.HasHit(t, firstSubjectSet) || selfLeadSet >= 0 && s.HasHit(t, selfLeadSet) || s.Text(s.Tokens[t]) is "were")) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A time that dates what is told: today, tonight, for days now, and also a plain "now", a recent past ("yesterday",
    /// "two hours ago") or a habit ("every night") as asked. A habit is read as <see cref="Habit.Told"/> (any "every
    /// night", "when he drinks" too) or only <see cref="Habit.AsFact"/>: what keeps happening said as a fact ("every
    /// day", "çdo natë", "always"), not a "when"/"kur" that makes it a case supposed ("kur nëna shkon në strehë …").
    /// </summary>
    private bool Dated(Scratch s, bool now, bool recentPast, Habit habit = Habit.None)
    {
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var value = entries[match.Entry].Value;
            if (value is "today" or "tonight" or "ongoing" || now && value is "now" || recentPast && value is "recent-past") return true;
            if (value is "habitual" && (habit == Habit.Told || habit == Habit.AsFact && s.Text(s.Tokens[match.First]) is not ("kur" or "when" or "whenever"))) return true;
        }
        return false;
    }

    /// <summary>Which habits <see cref="Dated"/> reads as a time told.</summary>
    private enum Habit
    {
        /// <summary>No habit dates it.</summary>
        None,

        /// <summary>Any habit told, "when he drinks" as well as "every night".</summary>
        Told,

        /// <summary>A habit said as a fact, not one supposed after "when" / "kur".</summary>
        AsFact,
    }

    /// <summary>
    /// An age under 18 whatever the severity ("kam 13 vjet", "my 8 year old's tablet"), a child named in a message with
    /// some risk; not a child who is only the subject of a question (a parent or teacher asking how to explain, the age
    /// of consent). child_at_risk only with some risk.
    /// </summary>
    private void SettleMinor(Scratch s, ref Assessment a)
    {
        if (a.Minor && a.Information && a.Severity < Severity.Medium && !(a.Age is < 18 && OwnAge(s))) a.Minor = false;
        else if (a.Minor && !a.MinorAge && a.Severity < Severity.Medium && !AnyIndicator(s)) a.Minor = false;
        // "my daughter is 11 and just got a phone, how do I set parental controls?", "a keni grup mbështetjeje për prindërit? djali
        // im 15 vjeç …": a parent's or a professional's question of prevention — a risk's subject named (a topic's category at
        // low) or the line's service asked — about someone else's child, no harm of medium or more read, is not
        // a minor's case; a child's own age or school ("jemi nxënës të klasës së nëntë"), a case told as now or today, or a child refused or set apart for who they are
        // (hate_violence) still is
        else if (a.Minor && a.Severity < Severity.Medium && !(a.Age is < 18 && OwnAge(s)) && !ChildWordOfWriter(s) && a.RiskIndicators == 0 && !Dated(s, now: true, recentPast: false, Habit.AsFact) && !HarmBeingDone(s)
            && (a.CategoryBits & Categories.Hate) == 0 && (a.Information || a.Has(Cue.Service) || a.CategoryBits != 0)) a.Minor = false;
        if (a.Minor && a.Severity >= Severity.Medium) a.CategoryBits |= Categories.Child;
    }

    /// <summary>
    /// A risk's subject (a topic, or an indicator of low) told as done to someone and going on, in the passive: "who is being bullied online", "gets harassed",
    /// "keeps getting threatened", said of someone of the writer's — a case, not a question of prevention ("how do I protect him from bullying?").
    /// </summary>
    private bool HarmBeingDone(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (!(entries[match.Entry].Topic || entries[match.Entry].Level <= Severity.Low) || (match.Context & (ScreeningContext.Negated | ScreeningContext.Idiom)) != 0 || match.First == 0) continue;
            if (s.Tokens[match.First - 1].Clause != s.Tokens[match.First].Clause || harmPassiveSet < 0 || !s.HasHit(match.First - 1, harmPassiveSet)) continue;
            // someone of the writer's ("my daughter … who is being bullied"), not "a child" in general ("signs a child is being groomed")
            for (var t = match.First - 2; t >= 0 && s.Tokens[t].Sentence == s.Tokens[match.First].Sentence; t--)
            {
                if (ofOursSet >= 0 && s.HasHit(t, ofOursSet)) return true;
            }
        }
        return false;
    }

    private static bool OwnAge(Scratch s)
    {
        for (var a = 0; a < s.AgeCount; a++)
        {
            if (s.AgeFirstPerson[a]) return true;
        }
        return false;
    }

    /// <summary>
    /// An age set off after a word for a person, with a comma or in brackets: "a boy, 15", "im albanian, 17", "my girlfriend
    /// (16)", "a kid from our street, maybe 12," — of the writer when "I'm"/"jam" comes before the person word. Only ages of
    /// 10 to 17 and only where the number stands alone in its clause ("my son, 15 minutes ago" is no age).
    /// </summary>
    private void ReadAgesInApposition(string text, Scratch s)
    {
        if (agePersonSet < 0) return;
        for (var t = 1; t < s.Count; t++)
        {
            ref readonly var token = ref s.Tokens[t];
            if ((token.Flags & TokenFlags.Number) == 0 || token.Number is < 10 or > 17) continue;
            // the number ends its clause: a comma, a bracket, a full stop or the end of the message after it
            var after = token.Start + token.Length;
            while (after < text.Length && text[after] == ' ') after++;
            if (after < text.Length && text[after] is not (',' or ')' or '.' or ';' or '!' or '?' or '\n')) continue;
            var lead = t;
            if (ageHedgeSet >= 0 && s.HasHit(t - 1, ageHedgeSet) && s.Tokens[t - 1].Sentence == token.Sentence) lead = t - 1;
            if (lead == 0) continue;
            // set off from what comes before: a comma or an opening bracket right before it
            ref readonly var before = ref s.Tokens[lead - 1];
            var gap = text.AsSpan(before.Start + before.Length, s.Tokens[lead].Start - before.Start - before.Length);
            if (gap.IndexOfAny(',', '(') < 0 || before.Sentence != token.Sentence) continue;
            var person = -1;
            for (var p = lead - 1; p >= Math.Max(0, lead - 5) && s.Tokens[p].Sentence == token.Sentence; p--)
            {
                if (s.HasHit(p, agePersonSet)) { person = p; break; }
            }
            if (person < 0) continue;
            var firstPerson = selfLeadSet >= 0 && s.FirstIn(selfLeadSet, Math.Max(0, person - 3), person - 1) is var at and >= 0
                && s.Tokens[at].Sentence == token.Sentence;
            s.AddAge(token.Number, t, firstPerson);
        }
    }

    /// <summary>A number joined by "and" / "dhe" / "e" to a second number under 18 that ends its clause or names years: "6 and 8,", "7 dhe 9 vjeç".</summary>
    private static bool AgesPaired(Scratch s, int numberAt)
    {
        if (numberAt + 2 >= s.Count || s.Tokens[numberAt + 2].Sentence != s.Tokens[numberAt].Sentence) return false;
        ref readonly var next = ref s.Tokens[numberAt + 2];
        if (s.Text(s.Tokens[numberAt + 1]) is not ("and" or "dhe" or "e") || (next.Flags & TokenFlags.Number) == 0 || next.Number is < 1 or > 17) return false;
        // the second number closes its clause or names years: "we are 3 and 2 more are coming" is a count
        var after = numberAt + 3;
        return after >= s.Count || s.Tokens[after].Clause != next.Clause
            || s.Text(s.Tokens[after]) is "and" or "dhe" or "e" or "years" or "yrs" or "yo" or "vjec" or "vjece" or "vjet" or "vjeç" or "vjeçe";
    }

    /// <summary>A number written straight on with an apostrophe or a prime and more digits: feet and inches (5'11, 6′2).</summary>
    private static bool Height(string text, in Token number)
    {
        var after = number.Start + number.Length;
        return after + 1 < text.Length && text[after] is '\'' or '’' or '′' && char.IsAsciiDigit(text[after + 1]);
    }

    private static bool SaidOfUs(Scratch s, int from, int to)
    {
        for (var t = from; t < to; t++)
        {
            if (s.Text(s.Tokens[t]) is "we" or "were" or "jemi") return true;
        }
        return false;
    }

    private void ReadAges(string text, Scratch s, bool albanian)
    {
        foreach (var m in s.OfKind(EntryKind.Age))
        {
            ref var match = ref s.Matches[m];
            var entry = entries[match.Entry];
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
            // a pupil in the last grade is 17 or 18: still at school, read as a minor ("4 guys from 12th grade")
            if (entry.Grade) value = value is >= 1 and <= 12 ? Math.Min(value + 6, 17) : -1;
            if (value is < 1 or > 99) continue;
            // "my bf (5'11)": feet and inches, a height, not an age
            if (Height(text, s.Tokens[numberAt])) continue;
            // "we are 3", "jemi 8": a number under ten after "we" with no word for years is a count of people, not an age ("im 9" is one)
            // — but "we are 6 and 8", "jemi 7 e 9": two numbers joined by "and" are each child's age, not a count
            if (entry.FirstPerson && !entry.Grade && value < 10 && numberAt == match.Last && SaidOfUs(s, match.First, numberAt) && !AgesPaired(s, numberAt)) continue;
            // "is one glass ok?": "one" without a word for years is a pronoun or an article, not an age
            if (value == 1 && numberAt == match.Last && !char.IsAsciiDigit(s.Text(s.Tokens[numberAt])[0])) continue;
            // "ora është 5", "the time is 9": an hour, not an age
            if (clockSet >= 0 && s.FirstIn(clockSet, Math.Max(0, numberAt - 2), numberAt - 1) >= 0) continue;
            if (entry.Guarded && match.Last + 1 < s.Count && ageBlockSet >= 0 && s.HasHit(match.Last + 1, ageBlockSet)) continue;
            if (entry.UnlessNextSet >= 0 && match.Last + 1 < s.Count && s.HasHit(match.Last + 1, entry.UnlessNextSet)) continue;
            var firstPerson = entry.FirstPerson;
            // Albanian "vëllai im 13 vjeç" is "my brother, 13": "im" after a word is "my", not "I'm"
            if (firstPerson && albanian && match.First > 0 && s.Tokens[match.First - 1].Sentence == s.Tokens[match.First].Sentence
                && s.Text(s.Tokens[match.First]).SequenceEqual("im")) firstPerson = false;
            s.AddAge(value, numberAt, firstPerson);
        }
    }
}
