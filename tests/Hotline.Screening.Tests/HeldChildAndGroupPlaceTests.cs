using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Two category errors of the same family as sexual violence told without its words: a child held by one man, for no
/// work, offer, marriage or journey, was put in trafficking (it is a sexual danger, as the labelled sets have it);
/// an attack on a Roma camp, houses or neighbourhood named no hate, as the group was its only sign. Beside them: several
/// men or work to pay off keep trafficking; a school visit to a Roma neighbourhood or a flood at a camp names nothing.
/// </summary>
public sealed class HeldChildAndGroupPlaceTests
{
    private static string HeldBy(ScreeningResult r) =>
        r.Categories.Contains("trafficking") ? "trafficking"
            : r.Categories.Contains("sexual_violence") ? "sexual_violence"
            : $"{r.Severity}";

    [Fact]
    public void A_child_held_by_one_man_is_sexual_violence_several_men_or_work_keep_trafficking() => Each(HeldBy, new()
    {
        ["sexual_violence"] = Lines("""
            a man has my 13 year old classmate in his van outside the school and won't let her out
            një burrë e ka mbyllur shoqen time 15 vjeç në dhomën e tij dhe s'e lë të dalë
            nje burre e ka mbyllur shoqen time 15 vjec ne dhomen e tij dhe s'e le te dale
            """),
        ["trafficking"] = Lines("""
            two men locked my 16 year old brother in a warehouse and say he has to work off the debt
            """),
    });

    [Fact]
    public void An_attack_on_a_roma_camp_or_houses_is_hate_violence()
    {
        foreach (var text in Lines("""
            some men are throwing stones at the roma houses by the railway right now, the kids are inside
            po na godasin me gurë në lagjen e romëve, fëmijët janë brenda
            po na godasin me gure ne kampin e romeve, femijet jane brenda
            """))
        {
            AtLeast(Severity.High, text, "hate_violence");
        }
    }

    [Fact]
    public void A_visit_to_a_roma_neighbourhood_or_a_flood_at_a_camp_names_no_hate() => Each(r => r.Categories.Contains("hate_violence"), new()
    {
        [false] = Lines("""
            we visited the roma neighbourhood in korca for a school project, what charities work there?
            the roma camp by the river flooded last night, do you know who collects donations?
            kemi vizituar lagjen e romëve me klasën, a ka ndonjë shoqatë që mbledh libra?
            """),
    });
}
