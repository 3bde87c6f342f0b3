using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Defects the review of lexicons 2026.12.62 – .68 found and left, mended at their cause (lexicon 2026.12.69 on):
/// someone at her door in the sentence after the news (a message too long to be read whole) was taken for the news'
/// story, so the opinion could not read it; (2026.12.70) a meal missed today or a patient's faint read as starving herself
/// to a collapse; (2026.12.71) a child lost and already found read as missing; (2026.12.72) an engagement she or they
/// are glad of, or one in a game, read as a marriage pressed on her; (2026.12.73) spending or pockets checked for a
/// purpose shared or harmless read as control. Each beside the look-alike it must not be confused with.
/// </summary>
public sealed class SecondReviewLeftoversMendedTests
{
    [Fact]
    public void Someone_at_her_door_in_the_sentence_after_the_news_is_hers()
    {
        // with the opinion: the door is hers, as it was before the news was a frame
        Expect.Each(text => Screener.Default.Screen(text).Severity >= Severity.High, new()
        {
            [true] = Lines("""
                i saw on the news that he got out of prison. he is outside my door now
                pashë në lajme që e liruan nga burgu javën e kaluar. tani ai është para derës sime dhe bërtet
                """),
            [false] = Lines("""
                i read in the news that a man got out of prison early. the reporter is outside the court now
                lexova në lajme që një burrë doli nga burgu në Shkodër, tani gazetarët janë para gjykatës
                """),
        });
        // the news' own violence stays dropped, with the opinion and by the rules alone
        Each(r => r.Severity >= Severity.Medium, new()
        {
            [false] = Lines("""
                I read in the news that a man was murdered in Durres
                pashë në lajme që një grua u vra nga i shoqi në Elbasan
                """),
        });
    }

    [Fact]
    public void A_meal_missed_today_or_a_patient_is_no_starving_collapse_but_her_own_starving_is()
    {
        StayAtLeast(Severity.High, Lines("""
            i haven't eaten in 4 days and i collapsed in the shower
            been taking laxatives every day and fainted at work
            s'kam ngrënë asgjë prej 5 ditësh dhe më ra të fikët në shkollë
            nuk ha fare prej një jave, dje u rrëzova në rrugë
            """));
        // the meal missed is no starving (its "haven't eaten since" is still read as a child's neglect by the rules alone)
        Each(r => r.Indicators.Any(i => i.Id == "sh.eating_collapse"), new() { [false] = ["haven't eaten since lunch, nearly fainted at practice haha"] });
        StayQuiet(Lines("""
            s'kam ngrënë drekë sot, gati më ra të fikët në palestër
            question for my nursing exam: the patient stopped eating completely and fainted, what do you check first?
            """), r => r.Indicators.Any(i => i.Id == "sh.eating_collapse"));
    }

    [Fact]
    public void A_child_found_again_is_missing_no_more_but_one_not_found_still_is()
    {
        Each(r => r.Severity >= Severity.Medium || r.Categories.Contains("child_at_risk"), new()
        {
            [false] = Lines("""
                djali im 4 vjeç humbi në plazh, e gjetëm pas gjysmë ore, është mirë tani
                my little girl (4) went missing at the beach, the lifeguard found her after a few minutes, all fine now
                """),
        });
        Each(r => r.Severity >= Severity.High && r.Categories.Contains("child_at_risk"), new()
        {
            [true] = Lines("""
                vajza 9 vjeç ka humbur, e kemi kërkuar gjithë natën dhe nuk e gjetëm
                my son is 6 and missing since noon, we found his bike by the river but not him
                vajza ime 5 vjeç ka humbur që nga mëngjesi, policia s'e ka gjetur ende
                """),
        });
    }

    [Fact]
    public void A_glad_engagement_or_one_in_a_game_is_no_marriage_pressed_but_an_unhappy_one_still_is()
    {
        Each(r => r.Indicators.Any(i => i.Id == "tr.marriage_pressed"), new()
        {
            [false] = Lines("""
                prindërit po më fejojnë me djalin e mikut të babait, jam shumë e lumtur, e dua
                my parents found me a husband in the sims lol
                """),
            [true] = Lines("""
                po më fejojnë me një burrë që s'e njoh, s'jam e lumtur
                my parents are looking for a husband for me and i'm not happy about it, i'm 17
                """),
        });
        Each(r => r.Severity >= Severity.Medium, new() { [false] = ["prindërit po më fejojnë me djalin e mikut të babait, jam shumë e lumtur, e dua"] });
    }

    [Fact]
    public void A_check_for_a_shared_or_harmless_purpose_is_no_control_but_a_check_of_her_still_is()
    {
        Each(r => r.Indicators.Any(i => i.Id == "dv.checks_and_counts"), new()
        {
            [false] = Lines("""
                my husband goes through my receipts so we can do the taxes together
                my boyfriend searches my purse every morning since i keep losing my keys
                kunati ma kontrollon makinën dhe kilometrat te mekaniku para udhëtimit
                """),
            [true] = Lines("""
                my boyfriend checks my pockets every night and asks where i was
                my husband checks every receipt and gets angry if i bought something for myself
                burri ma kontrollon çantën çdo ditë kur kthehem nga puna
                """),
        });
    }
}
