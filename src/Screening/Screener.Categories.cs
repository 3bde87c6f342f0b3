using Hotline.Core;

namespace Hotline.Screening;

// Stage "categories by the act": a category the words did not name, read from what is happening to whom once the
// severity is known. A child with a grown-up met in a game, an app or online, where the message is already urgent (she
// is meeting him, he is waiting, she is with him and does not answer), is a child being groomed for sexual abuse face to
// face: sexual violence, and the online contact's digital violence, beside whatever else the rules read. Not where she is
// being taken abroad or over a border, or a debt or papers are named (the labels call that trafficking), not a question
// for information, not a story or a game.
public sealed partial class Screener
{
    private static void NameCategoriesByTheAct(ref Assessment a)
    {
        if (a.Severity < Severity.High || a.Information || a.Figurative || !a.Minor) return;
        if (!a.Has(Cue.Online) || !a.Has(Cue.Meeting) || a.Has(Cue.Abroad) || a.Has(Cue.Trafficking)) return;
        // the meeting is now: he is there or coming, she is in his car or shut in, it is minutes away, or it is told as
        // going on now ("met on snapchat" alone is how she knows him; gone and not answering since is labelled a child's
        // danger, not this)
        var now = (a.Immediacy & (ImmediacyCombinations.Danger | Immediacy.Arrived)) != 0 || a.Has(Cue.Imminent)
            || (a.Immediacy & Immediacy.Now) != 0 && !a.Has(Cue.LostContact);
        if (!now) return;
        a.CategoryBits |= Categories.Sexual | Categories.Digital | Categories.Child;
    }
}
