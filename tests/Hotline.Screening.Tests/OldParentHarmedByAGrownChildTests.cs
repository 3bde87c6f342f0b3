using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// An old parent tied, locked in, hit or pushed by a grown son, daughter or grandchild was left with no category: the
/// child is no actor the rules know (a "djali" is more often the one at risk), so the harm had no doer. Where old age
/// (a pension, an age of sixty or more) and a grown child are both named and no one else is, the harm is the household's.
/// Look-alikes: a small child's own mishap, an outing or a surprise from a son, a stranger's push. Each read with the
/// opinion and by the rules alone.
/// </summary>
public sealed class OldParentHarmedByAGrownChildTests
{
    private static string HomeOr(ScreeningResult r) => r.Categories.Contains("domestic_violence") ? "home" : "not home";

    [Fact]
    public void A_grown_child_harming_an_old_parent_is_domestic_violence() => Each(HomeOr, new()
    {
        ["home"] = Lines("""
            nipi më ka lidhur në karrige se s'i dhashë paratë e pensionit
            jam 77 vjeç, vajza ime më mban të mbyllur në dhomë gjithë ditën
            my grandson shoved me into the wardrobe and locked it, i'm 83, he's watching tv now
            im bir më goditi me bastun sot në mëngjes, jam 80 vjeçare dhe rri vetëm me të
            i'm 71, my granddaughter keeps hitting me when i refuse to give her money
            jam 81 vjeç, djali më ka lidhur këmbët me litar dhe ka ikur në kafe
            """),
    });

    [Fact]
    public void A_small_childs_mishap_a_sons_kindness_and_a_strangers_push_are_not_the_households() => Each(HomeOr, new()
    {
        ["not home"] = Lines("""
            djali im 8 vjeç u mbyll në banjo duke luajtur
            i'm 70 and my son took me to the seaside for my birthday
            gjyshi 80 vjeç më tregoi si djali i tij e çoi për peshk
            dola në pension sot, djali më bëri një surprizë të bukur
            a stranger pushed me on the bus, i'm 75 and my son came to pick me up
            """),
    });

    /// <summary>
    /// An old writer telling of a grown child harmed by someone else, or held away from home, and a pension that is a
    /// guesthouse: the child is not the doer, so nothing is the household's.
    /// </summary>
    [Fact]
    public void A_grown_child_harmed_by_others_or_a_guesthouse_pension_are_not_the_households() => Each(HomeOr, new()
    {
        ["not home"] = Lines("""
            jam 76 vjeç dhe nipi im u rrah nga dy djem te kafeneja
            i'm 69 and my daughter got attacked walking home from her shift, she's in hospital
            my son got punched outside the pension we were staying at, he's 19
            jam pensioniste, vajzën time e mbajnë të mbyllur në një apartament në Milano
            """),
    });

    [Fact]
    public void Old_age_and_a_grown_child_in_everyday_life_raise_nothing() => StayQuiet(Lines("""
            we run a small pension by the lake and my daughter does the breakfasts
            jam 72 vjeç, nipi më çoi me makinë te mjeku sot
            my grandson is 30 today, i'm 78 and baked him a cake
            """), r => r.Categories.Count > 0);
}
