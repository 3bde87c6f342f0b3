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

    [Fact]
    public void Old_age_and_a_son_in_everyday_life_raise_nothing() => StayQuiet(Lines("""
            djali im 8 vjeç u mbyll në banjo duke luajtur
            i'm 70 and my son took me to the seaside for my birthday
            gjyshi 80 vjeç më tregoi si djali i tij e çoi për peshk
            dola në pension sot, djali më bëri një surprizë të bukur
            """), r => r.Categories.Count > 0);
}
