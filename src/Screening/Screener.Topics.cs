using Hotline.Core;

namespace Hotline.Screening;

// Stage "topics": a message that talks about a category's subject — trafficking, abuse at home, a child's safety, online
// harassment, discrimination — without a sign of danger the rules read (a question, a referral, a past now over, a worry
// about someone else) keeps the category the topic names, at low. A topic never raises above low, never adds a category
// beside one the rules or the opinion gave, and stands only where the rules found no more than medium: a topic alone
// cannot make an alarm. The topics are the lexicon's "topics" section; negation, idioms and figurative frames (a film, a
// game) drop a topic word as they drop an indicator.
public sealed partial class Screener
{
    private void ApplyTopics(string text, Scratch s, ref Assessment a)
    {
        if (a.CategoryBits != 0 || a.Severity > Severity.Medium || a.Figurative) return;
        // a show, a game or a joke that names the subject ("that cartel show is so violent, loved it") is not about it,
        // unless the message asks the line something ("could a caseworker check our film's script on trafficking?")
        var asks = a.Information || a.Has(Cue.Service);
        if ((a.Has(Cue.Fiction) || a.Has(Cue.Media) || a.Has(Cue.Play) || a.Has(Cue.Joking)) && !asks) return;
        // where the rules read nothing at all, a subject named stands in a message that asks: news, a documentary, a
        // workshop that was useful name it without asking anything of the line. Violence denied of someone named ("my
        // husband decides everything, he has never hit me") is her own account: it needs no question, and in a question
        // to the service it is the reason she gives why it is not about violence ("free legal aid for a divorce? he is
        // not violent").
        var silent = a.Severity == Severity.None && !asks && !text.Contains('?', StringComparison.Ordinal);
        var bits = 0;
        var byActor = false;
        foreach (var m in s.OfKind(EntryKind.Indicator))
        {
            ref var match = ref s.Matches[m];
            // set aside by AssessIndicators (a topic that context did not drop carries its category)
            if (match.Dropped && match.Categories != 0 && entries[match.Entry].Topic && (entries[match.Entry].TopicByActor ? !asks : !silent))
            {
                match.Dropped = false;
                bits |= match.Categories;
                byActor |= entries[match.Entry].TopicByActor;
            }
        }
        if (bits == 0) return;
        // a child's own account of home short of blows ("jam 13 … s'më ka prekur") is a child's at risk as well: the
        // writer's own age, not any age named ("our daughter is 6")
        if (byActor && a.Age is < 18 && OwnAge(s)) bits |= Categories.Child;
        a.CategoryBits = bits;
        a.Severity = Max(a.Severity, Severity.Low);
    }

    /// <summary>
    /// A violence topic's category by who is named: "he's never hit me" of a partner or a relative is the home's, of an
    /// employer trafficking's, beside words for who she is (gay, trans, Roma) hate's; nobody named, none.
    /// </summary>
    private int TopicActorCategory(Scratch s, in EntryMatch match, ulong cues)
    {
        var role = NearestActor(s, match);
        if ((cues & (Bit(Cue.Identity) | Bit(Cue.Slur))) != 0 && role != ActorRole.Partner) return Categories.Hate;
        return role switch
        {
            ActorRole.Partner or ActorRole.Family => Categories.Domestic,
            ActorRole.Employer => Categories.Trafficking,
            _ => 0,
        };
    }
}
