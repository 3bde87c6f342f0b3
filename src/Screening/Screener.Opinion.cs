using Hotline.Core;

namespace Hotline.Screening;

// Stage "second opinion": the learned heads (Opinion) may raise what the rules found — to high, to critical, a category,
// a minor; when they raise, the words that drove them are listed as indicators. The one thing it lowers is the rules'
// high, to medium, on a score that held-out folds show almost no urgent message reaches (measured in README-screening.md).
public sealed partial class Screener
{
    /// <summary>How many of the words that drove a raise are listed.</summary>
    internal const int OpinionSpans = 3;

    /// <summary>
    /// The fewest words on which the opinion may lower the rules' high: a shorter message gives a sum of word weights too
    /// little evidence to overrule them ("someone is sharing my naked photos online"). Measured in README-screening.md.
    /// </summary>
    internal const int LowerMinTokens = 8;

    private void ApplyOpinion(Scratch s, ref Assessment a)
    {
        // a sum of word weights drifts with length: beyond the length of the messages it learned from it says nothing
        if (opinion is null || s.Count > Opinion.MaxTokens || s.Count == 0) return;
        Opinion.Features(s);
        Span<float> z = s.OpinionScores;
        opinion.ScoreAll(s, z);
        a.OpinionScored = true;
        var thresholds = opinion.Thresholds;
        var driver = -1;
        // the rules' high on words the opinion has learned are nearly never urgent ("the film ends with a drowning"):
        // medium, still a case a human reads; never the rules' critical
        // A threat of what will be done (to kill, against a group) is not lowered: at the 2 % budget the threats the rules
        // read were among what the opinion doubted, and a threat is what an operator must read first. Nor a message of
        // fewer than LowerMinTokens words: the rules' reading stands where the opinion has little evidence either way.
        if (a.Severity == Severity.High && !a.Critical && s.Count >= LowerMinTokens && z[Opinion.Urgent] < opinion.LowerBelow && !ThreatStanding(s, a))
        {
            a.Severity = Severity.Medium;
            a.OpinionLowered = true;
        }
        // a game, a story, an animal, medicine as the doctor said, with no risk the rules kept: the words that weigh for
        // urgency ("killed", "shot", "pills") are the frame's, so the opinion does not raise it
        var framed = a.RiskIndicators == 0 && (a.Figurative || a.Has(Cue.Prescribed))
            // "he was in a cannabis farm five years ago, he's home and fine now": a past the rules capped, over by her own word
            || a.Has(Cue.SafeNow) && (a.Context & ScreeningContext.DistantPast) != 0
            // "she'll kill me with kindness": the risk words the rules read as an idiom, and nothing else
            // — but not where a sign of danger stands outside every idiom: "he won't let me out of his sight, he locked the
            // front door and hid the key" (the idiom is of "let me out", not of the lock beside it)
            || a.RiskIndicators == 0 && (a.Context & ScreeningContext.Idiom) != 0 && !ActOutsideIdioms(s)
            // "my dad locks the front door at night because of the burglaries": a lock against outsiders, no risk the rules kept
            || a.RiskIndicators == 0 && a.Has(Cue.Protective)
            // "my son is 8 and alone with his grandpa, they're fishing", "my aunt is here now, we're cooking": company doing
            // an ordinary thing together, with no risk, fear or plea the rules kept; the words that weigh are "alone with",
            // "here now", the company's
            || a.RiskIndicators == 0 && !a.Has(Cue.Fear) && (a.Immediacy & Immediacy.Plea) == 0 && Stands(s, EntryKind.Cue, doingTogetherEntry)
            // "my mum found out i'm gay and she accepted me anyway": a good end told, thanks or fondness, with no risk the rules
            // kept; the words that weigh ("found out", "gay") are the story's, so the opinion does not raise it
            || a.RiskIndicators == 0 && Stands(s, EntryKind.Cue, kindWordsEntry);
        a.OpinionFramed = framed;
        // a question for information stays a question: the rules' reading of who asks is kept
        if (a.Severity < Severity.High && !a.Information && !framed && z[Opinion.Urgent] >= opinion.RaiseThreshold(Opinion.Urgent, s.Count))
        {
            a.Severity = Severity.High;
            driver = Opinion.Urgent;
        }
        if (a.Severity == Severity.High && !a.DeEscalated && !a.Information && !framed && z[Opinion.Critical] >= opinion.RaiseThreshold(Opinion.Critical, s.Count))
        {
            a.Severity = Severity.Critical;
            driver = Opinion.Critical;
        }
        // ages given, every one of them adult ("jam 67", "im 19"): the writer's word on age stands over a learned guess for
        // the minor flag; and where the adult age is her own, for child_at_risk ("… or my sister pays. im 20" is no child at
        // risk; "he's 32" said of the man she met is no word on her age)
        var adultsOnly = a.AdultAge && !a.MinorAge;
        var adultWriter = adultsOnly && a.Age >= 18 && OwnAge(s);
        if (a.Severity >= Severity.Medium)
        {
            // A category is added beside the rules' reading where its head reaches its threshold, which grows on a short
            // message as the urgent one does: a sum of a few word weights near even chance decides nothing ("my son got
            // punched outside the pension", two men beating a boy at the station). Where the opinion itself raised, the
            // raise has passed its own short-message threshold already, and a category at even chance is named. A raise
            // no head gives even chance keeps no category: naming the likeliest below it named a harm with no evidence
            // (a flat refused for a dog as hate_violence); the operator still sees the raise and the words that drove it.
            var added = 0;
            for (var k = 0; k < Categories.Names.Length; k++)
            {
                if (adultWriter && !a.Minor && 1 << k == Categories.Child) continue;
                // a cut by accident or at a chore ("e kam prerë pak me brisk duke u rruar"): the rules' self-harm
                // indicators give way to it, and so does the head
                if (1 << k == Categories.SelfHarm && a.Has(Cue.Accident)) continue;
                var head = Opinion.FirstCategory + k;
                var from = driver >= 0 ? thresholds[head] : opinion.RaiseThreshold(head, s.Count);
                if (z[head] >= from && (a.CategoryBits & (1 << k)) == 0) added |= 1 << k;
            }
            if (added != 0)
            {
                a.CategoryBits |= added;
                a.OpinionCategories = added;
                if (driver < 0) driver = Opinion.FirstCategory + System.Numerics.BitOperations.TrailingZeroCount(added);
            }
        }
        if (!a.Minor && !adultsOnly && z[Opinion.MinorHead] >= thresholds[Opinion.MinorHead])
        {
            a.Minor = true;
            a.OpinionMinor = true;
            if (driver < 0) driver = Opinion.MinorHead;
        }
        a.OpinionHead = driver;
        if (driver >= 0) TopFeatures(s, driver);
    }

    /// <summary>
    /// Per category (in <see cref="Categories.Names"/> order), the opinion's score from which it names the category on a
    /// message the rules, topics included, read as none and named nothing for: the lowest score from which at least 19
    /// namings in 20 were right on writers 24 to 31, held out from the category heads trained the same way on writers
    /// 1 to 23 (and stayed so up to 1.75 higher); chosen once on those heads' scores and kept for the
    /// heads retrained the same way on writers 1 to 33 (2026.12.126+20561/2026.12.16+7840).
    /// Never digital_violence or self_harm: at any score that still names something they name the everyday
    /// look-alikes the rules were narrowed for (a photo of one's own posted, paracetamol kept in a bag); never
    /// child_at_risk: a child named with no risk read is no child at risk (<see cref="SettleMinor"/>). Measured in
    /// README-screening.md; choose them again when the opinion is retrained.
    /// </summary>
    internal static readonly float[] NameAloneFrom =
        [2f, 4.5f, 4.25f, float.PositiveInfinity, float.PositiveInfinity, float.PositiveInfinity, 4f];

    /// <summary>
    /// Once every stage has settled severity and the minor flag, the opinion names a category it is sure of where the
    /// rules read none and named nothing. It moves no severity and no minor flag: nothing after it reads the categories.
    /// Never on a message the opinion stage read as framed (a game, a story, an idiom, a past over, a lock against
    /// outsiders) nor on a question for information.
    /// </summary>
    private void NameWhatTheRulesLeftUnnamed(Scratch s, ref Assessment a)
    {
        if (!a.OpinionScored || a.Severity != Severity.None || a.CategoryBits != 0 || a.Information || a.OpinionFramed) return;
        // "a friend drove me home when i was drunk, so kind of him", "i still remember it fondly": thanks or fondness for
        // what was done, or its good end told ("they love me no matter what", "he paid me back"): no harm to name
        if (Stands(s, EntryKind.Cue, kindWordsEntry)) return;
        var z = s.OpinionScores;
        // an act told only by a veil word beside a party, a silence kept or shame ("pas festës një shok më bëri diçka,
        // s'i kam thënë askujt"): too little for the rules to raise, enough for sexual_violence from even chance
        var actKeptUntold = Stands(s, EntryKind.Cue, actKeptUntoldEntry);
        var added = 0;
        for (var k = 0; k < Categories.Names.Length; k++)
        {
            var from = actKeptUntold && 1 << k == Categories.Sexual ? MathF.Min(NameAloneFrom[k], 0f) : NameAloneFrom[k];
            if (z[Opinion.FirstCategory + k] >= from) added |= 1 << k;
        }
        if (added == 0) return;
        a.CategoryBits = added;
        a.OpinionCategories = added;
        if (a.OpinionHead >= 0) return;
        a.OpinionHead = Opinion.FirstCategory + System.Numerics.BitOperations.TrailingZeroCount(added);
        TopFeatures(s, a.OpinionHead);
    }

    /// <summary>The features that weighed most for <paramref name="head"/>, on different words: what the operator is shown.</summary>
    private void TopFeatures(Scratch s, int head)
    {
        var top = s.OpinionFeatures;
        // the listed features' weights and tokens, kept beside them instead of read again for every feature
        Span<float> topWeight = stackalloc float[OpinionSpans];
        Span<int> topFirst = stackalloc int[OpinionSpans];
        Span<int> topLast = stackalloc int[OpinionSpans];
        var buckets = s.FeatureBuckets;
        var n = 0;
        for (var f = 0; f < s.FeatureCount; f++)
        {
            var w = opinion!.Weight(buckets[f], head);
            if (w <= 0) continue;
            var (first, last) = Opinion.FeatureTokens(s, f);
            var at = -1;
            for (var k = 0; k < n; k++)
            {
                // one span a word: overlapping features, or the same word again elsewhere, count once
                if (topFirst[k] <= last && topLast[k] >= first || buckets[top[k]] == buckets[f]) { at = k; break; }
            }
            if (at < 0 && n < OpinionSpans) at = n++;
            else if (at < 0)
            {
                var weakest = 0;
                for (var k = 1; k < n; k++)
                {
                    if (topWeight[k] < topWeight[weakest]) weakest = k;
                }
                if (!(w > topWeight[weakest])) continue;
                at = weakest;
            }
            else if (!(w > topWeight[at])) continue;
            top[at] = f;
            topWeight[at] = w;
            topFirst[at] = first;
            topLast[at] = last;
        }
        s.OpinionFeatureCount = n;
    }

    /// <summary>A threat of what will be done (an indicator acute only with strong immediacy: to kill, against a group) still standing.
    /// A self-harm reading beside a farewell ("kujdesuni për qenin tim dhe më falni për gjithçka, lamtumirë") is last words,
    /// which the lowering was never measured on, and stands as well.</summary>
    private bool ThreatStanding(Scratch s, in Assessment a)
    {
        var farewell = a.Has(Cue.Farewell);
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped) continue;
            if (entries[match.Entry].AcuteStrongOnly) return true;
            if (farewell && (match.Categories & Categories.SelfHarm) != 0 && match.Level >= Severity.High) return true;
        }
        return false;
    }
    /// <summary>
    /// Acts of danger: a lock, a weapon, blood, being driven off, the means at hand, a blow under way. Not a time, nor someone
    /// beside her or a hush, which an idiom may be of ("she's on a work call next to me so i can't talk").
    /// </summary>
    private const Immediacy DangerActs = Immediacy.Weapon | Immediacy.Locked | Immediacy.Bleeding | Immediacy.Moving | Immediacy.Means | Immediacy.InProgress;

    /// <summary>
    /// Whether an act of danger stands with none of its words inside an idiom: an idiom is read as the frame of its own
    /// words only, never of an act told beside it.
    /// </summary>
    private bool ActOutsideIdioms(Scratch s)
    {
        foreach (var m in s.OfKind(EntryKind.Immediacy))
        {
            ref readonly var match = ref s.Matches[m];
            if (match.Dropped || (entries[match.Entry].Immediacy & DangerActs) == 0) continue;
            var inIdiom = false;
            for (var t = match.First; t <= match.Last && !inIdiom; t++) inIdiom = s.Idiom[t];
            if (!inIdiom) return true;
        }
        return false;
    }
}
