using Hotline.Core;

namespace Hotline.Screening;

// Stage "minors": ages (the writer's own first), child words, and whether the message is about a minor.
public sealed partial class Screener
{
    /// <summary>Ages and child words: an age under 18 or a child named makes the message about a minor.</summary>
    private void ReadMinors(Scratch s, ref Assessment a)
    {
        ReadAges(s, a.Language == Language.Sq);
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
        foreach (var m in s.OfKind(EntryKind.Cue))
        {
            ref var match = ref s.Matches[m];
            if (match.Dropped) continue;
            var entry = entries[match.Entry];
            if (entry.Cue is not (Cue.Child or Cue.Minor)) continue;
            // "to see the kids", "take the children": a parent's children in a custody dispute are not the ones at risk
            if (entry.Cue == Cue.Child && InsideCue(s, match, Cue.Custody)) continue;
            // "fëmijët janë te gjyshja", "the kids are at school": her children away from the danger are not the ones at risk
            if (entry.Cue == Cue.Child && InsideCue(s, match, Cue.ChildrenAway)) continue;
            if (!InSentence(s, match.First, Cue.DistantPast)) childMention = true;
        }
        a.Minor = a.MinorAge || childMention;
        if (a.Minor && a.AdultAge) a.Cues |= Bit(Cue.Older);
        if (a.Minor) a.Cues |= Bit(Cue.Minor);
        // "I'm a teacher; today we saw belt marks on a pupil's back": a professional telling of a case seen today, yesterday or
        // now is a referral of a real person, not a question for information
        // "a 15-year-old girl told me her mother took money to marry her off; what steps do I take?": a child of a stated age who
        // told the writer is a real case too, unless the sentence is an "if"
        a.Information = a.Has(Cue.Information) && !DatedCase(s) && !HurtBeforeHerNow(s) && !ChildToldHer(s);
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
            if (!match.Dropped && entries[match.Entry].Id is "imm.unconscious" or "imm.cant_breathe" or "imm.bleeding" or "imm.injured") return true;
        }
        return false;
    }

    /// <summary>A time that dates what is told: now, tonight, today, yesterday, since this morning.</summary>
    private bool DatedCase(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Time))
        {
            ref readonly var match = ref s.Matches[m];
            if (!match.Dropped && entries[match.Entry].Value is "today" or "recent-past" or "tonight" or "ongoing") return true;
        }
        return false;
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
        if (a.Minor && a.Severity >= Severity.Medium) a.CategoryBits |= Categories.Child;
    }

    private static bool OwnAge(Scratch s)
    {
        for (var a = 0; a < s.AgeCount; a++)
        {
            if (s.AgeFirstPerson[a]) return true;
        }
        return false;
    }

    private void ReadAges(Scratch s, bool albanian)
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
