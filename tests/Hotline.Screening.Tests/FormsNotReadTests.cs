using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Urgent messages read lower because a form or a construction was not read (lexicon 2026.12.60): the subjunctive of
/// "mbys" in a threat, the Gheg participle "thy" of a broken bone, a small child lost at a place, starving or laxatives
/// followed by a collapse, a place locked by someone who says nobody goes out, "better death than this life" — each
/// beside look-alikes that must not fire; and (lexicon 2026.12.67) a small child by a road with "no adults anywhere".
/// </summary>
public sealed class FormsNotReadTests
{
    [Fact]
    public void A_threat_to_choke_in_the_subjunctive_is_a_threat_to_kill() => Each(r => r.Indicators.Any(i => i.Id == "v.threat_kill"), new()
    {
        [true] = Lines("""
            tha që do na mbysë të dy dhe doli nga dhoma
            më shkroi se do të më mbysë kur të kthehet
            """),
    });

    [Fact]
    public void The_heat_or_a_cough_that_will_choke_is_no_threat() => StayQuiet(Lines("""
        kjo vapë do na mbysë, hajde në plazh
        do të mbysë kolla po s'more shurup
        rutina po më vret këtë javë
        """), r => r.Indicators.Any(i => i.Id == "v.threat_kill"));

    [Fact]
    public void A_bone_broken_told_in_gheg_is_violence() => StayAtLeast(Severity.High, Lines("""
        ish-i që m'ka thy dorën po më pret poshtë pallatit
        burri m'ka thy hundën dje e sot po kthehet
        """));

    [Fact]
    public void A_phone_broken_in_gheg_is_not() => StayQuiet(["m'ka thy telefonin e ri vëllai, s'kam si të shkruaj"],
        r => r.Indicators.Any(i => i.Id == "v.beating"));

    [Fact]
    public void A_small_child_lost_at_a_place_is_a_missing_child() => Each(r => (r.Severity >= Severity.High, r.Categories.Contains("child_at_risk")), new()
    {
        [(true, true)] = Lines("""
            djali im 4 vjeç humbi në plazh, ndihmë
            mbesa ime 6 vjeçe humbi sot në treg, s'e gjejmë
            """),
    });

    [Fact]
    public void A_match_lost_or_keys_lost_at_the_market_is_no_missing_child() => StayQuiet(Lines("""
        vajza humbi ndeshjen në park
        i humbi çelësat në treg
        gjyshi humbi në qytet dje po u gjet
        """), r => r.Indicators.Any(i => i.Id == "ch.missing"));

    [Fact]
    public void Starving_or_laxatives_then_a_collapse_is_high_self_harm() => StayAt(Severity.High, "self_harm", Lines("""
        i stopped eating and use laxatives every day, i fainted on the bus this morning
        i haven't eaten in a week and i passed out in the shower
        kam javë pa ngrënë, sot më ra të fikët në autobus
        """));

    [Fact]
    public void A_faint_from_heat_drink_or_one_food_given_up_is_not() => StayQuiet(Lines("""
        i stopped eating sugar and fainted once in the gym
        passed out at the party after too many shots
        më ra të fikët nga vapa në plazh
        i've stopped eating lunch to save money
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void A_place_locked_by_someone_who_says_nobody_goes_out_is_confinement() => StayAtLeast(Severity.Critical, Lines("""
        the boss locked the warehouse where we sleep and says nobody goes out till we sign
        boss lock the door of the barrack, he say nobody go out
        shefi e mbylli depon e tha që askush s'del deri në mëngjes
        """));

    [Fact]
    public void A_shop_shut_for_a_curfew_is_not() => StayQuiet(["they locked the shop at 9, nobody goes out after that because of the curfew"],
        r => r.Indicators.Any(i => i.Id == "ctl.locked_in"));

    [Fact]
    public void Better_death_than_this_life_is_suicidal() => Each(r => r.Categories.Contains("self_harm"), new()
    {
        [true] = Lines("""
            më mirë vdekja se kjo jetë, s'dua më
            me mire vdekja se turpi qe me bere
            """),
        [false] = Lines("""
            më mirë vdekja se kjo vapë në autobus
            """),
    });

    [Fact]
    public void A_small_child_by_a_road_with_no_adult_anywhere_is_critical() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        a toddler is sitting by the railway line, no grown-ups in sight
        there's a little girl maybe 3 on the edge of the main road, no adults anywhere
        """));

    [Fact]
    public void No_adults_at_a_party_or_a_meeting_is_not_urgent() => StayQuiet(Lines("""
        there were no adults anywhere at the party, just us and music lol
        the kids played in the yard, no adults present because of the teachers' meeting
        """), r => r.Severity >= Severity.High);
}
