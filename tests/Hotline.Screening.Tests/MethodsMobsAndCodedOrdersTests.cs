using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Causes of misses read in a writer's first sets (lexicon 2026.12.46), each as a construction in own wording beside
/// look-alikes that must not fire: a way to die told as what she will do (a car into a wall, an attempt to be tried again,
/// an end sought slowly, a passive wish); a man beaten by fans of a match; a threat on the children's lives while he drives
/// off with them; a girl taken by force to the groom's house; a coded order with an address; a group around a house with
/// sticks; a small child shivering with nobody; and false alarms of "nearly killed me", "do i … there", a question whom to
/// turn to, "s'muj me shkru ma"; and (lexicon 2026.12.50) children inside with her in an emergency, Gheg "fmijët", "we
/// are 3 albanian girls" as a count.
/// </summary>
public sealed class MethodsMobsAndCodedOrdersTests
{
    [Fact]
    public void A_passive_wish_not_to_exist_is_high_self_harm_with_or_without_a_plan() => StayAt(Severity.High, "self_harm", Lines("""
        sa mirë do ishte të mos isha më. s'kam plan, thjesht e mendoj çdo natë
        sa mire do ishte te mos isha me, nuk kam ndonje plan
        it would be so much easier if i didn't exist. i don't have a plan
        i wish i'd never been born, that's all i think about lately
        """));

    [Fact]
    public void Not_being_tired_or_at_work_any_more_is_no_wish_to_die() => StayQuiet(Lines("""
        sa mirë do ishte të mos isha më e lodhur pas punës
        it would be nice to not work tomorrow
        i wish i wasn't so tired all the time
        """), r => r.Indicators.Any(i => i.Id == "sh.passive_wish"));

    [Fact]
    public void An_end_sought_slowly_is_at_least_high_self_harm() => AtLeastHigh("self_harm", Lines("""
        s'po i marr ilaçet e zemrës që të vdes ngadalë
        dua të mbaroj ngadalë, pa e kuptuar askush
        i stopped taking my insulin so that i die slowly
        """));

    [Fact]
    public void Finishing_homework_slowly_or_skipping_allergy_pills_is_not() => StayQuiet(Lines("""
        dua të mbaroj ngadalë detyrat e shtëpisë sot
        s'i marr ilaçet e alergjisë, më zënë gjumë
        """), r => r.Indicators.Any(i => i.Id == "sh.slow_end"));

    [Fact]
    public void Medicine_stopped_for_its_side_effects_gives_the_rules_no_self_harm() =>
        Assert.True(Screener.RulesOnly.Screen("i stopped taking my pills on purpose because they made me dizzy").Severity < Severity.High);

    [Fact]
    public void Starting_the_car_to_crash_it_is_critical_self_harm() => StayAt(Severity.Critical, "self_harm", Lines("""
        po e ndez makinën, do i përplasem murit të urës. mos më kërkoni
        po e nis veturën e do t'i bie murit te kthesa
        i'm in the car now, i'm going to drive into a tree
        """));

    [Fact]
    public void A_crash_planned_without_a_now_is_high_self_harm() =>
        StayAt(Severity.High, "self_harm", ["one of these days i'm going to drive my car into a wall"]);

    [Fact]
    public void A_ball_a_head_or_a_drive_to_town_is_no_crash() => StayQuiet(Lines("""
        do t'i bie murit me kokë nga mërzia
        i'm going to drive into town later
        the kids are going to kick the ball into the wall
        po e nis makinën, do shkoj te gjyshja
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void An_attempt_with_the_will_to_try_again_is_critical_whenever_it_was() => StayAt(Severity.Critical, "self_harm", Lines("""
        i put a belt around my neck last night but it broke. i'm going to try again
        lidha një rrip rreth qafës dje, u këput. do provoj prapë sonte
        e lidha nji litar n'qafë, u këput. du me provu prap
        """));

    [Fact]
    public void Trying_a_test_again_or_a_scarf_for_the_cold_is_not()
    {
        StayQuiet(Lines("""
            i failed my driving test, going to try again next month
            e lidha shallin rreth qafës se bënte ftohtë
            """), r => r.Categories.Contains("self_harm"));
        // the rules read no means in a scarf for the cold; the learned opinion still calls this one critical (left)
        Assert.DoesNotContain("self_harm", Screener.RulesOnly.Screen("i tied a scarf around my neck, it's freezing outside").Categories);
    }

    [Fact]
    public void A_whole_insulin_pen_injected_is_an_overdose_taken() => StayAt(Severity.Critical, "self_harm", Lines("""
        i injected my whole insulin pen an hour ago
        injektova gjithë insulinën para gjysmë ore
        """));

    [Fact]
    public void Insulin_as_usual_is_no_overdose() =>
        StayQuiet(["i injected my insulin as usual before lunch"], r => r.Categories.Contains("self_harm"));

    [Fact]
    public void A_coded_order_with_an_address_and_do_not_call_is_a_critical_covert_call() =>
        StayAt(Severity.Critical, "domestic_violence", ["dua 2 byrekë në rrugën e Kavajës, pallati 5. mos më telefononi, ejani"]);

    [Fact]
    public void An_order_with_thanks_or_call_me_later_is_nothing() => StayQuiet(Lines("""
        dua 2 byrekë në rrugën e Kavajës, pallati 5. faleminderit
        më merrni në telefon pas orës 5
        """), r => r.Indicators.Any(i => i.Id == "ctl.phone_taken"));

    [Fact]
    public void Not_let_out_with_a_progressive_po_is_high() =>
        Assert.Contains(Screener.RulesOnly.Screen("ai s'po më lë të dal nga shtëpia").Indicators, i => i.Id == "ctl.not_let_out");

    [Fact]
    public void A_girl_taken_by_force_to_the_grooms_house_now_is_critical_child_marriage() =>
        StayAt(Severity.Critical, "trafficking", Lines("""
            po më çojnë me zor te shtëpia e dhëndrit, jam 16. jemi në makinë tani
            po m'çojnë me zor n'shpi t'dhandrrit, jom 16. jena n'makinë
            """), also: "child_at_risk");

    [Fact]
    public void A_wedding_lunch_at_the_grooms_house_is_no_child_marriage()
    {
        Assert.DoesNotContain(Screener.RulesOnly.Screen("po më çojnë në shtëpinë e dhëndrit për drekë, jam 16, dasma e kushëririt").Indicators,
            i => i.Id == "tr.child_engaged");
        StayQuiet(["motra po martohet sot, po shkojmë te shtëpia e dhëndrit me makinë"], r => r.Categories.Contains("trafficking"));
    }

    [Fact]
    public void A_threat_on_the_childrens_lives_as_he_drives_off_with_them_is_critical() =>
        StayAt(Severity.Critical, "domestic_violence", Lines("""
            my husband took the kids and drove off drunk, he said i'll never see them alive again
            burri i mori fëmijët dhe iku me makinë i dehur, tha s'do t'i shohësh më gjallë
            """), also: "child_at_risk");

    [Fact]
    public void A_drive_to_the_beach_or_a_band_never_seen_live_is_no_threat() => StayQuiet(Lines("""
        my husband took the kids and drove off to the beach
        we'll never see the band live again, they split up
        """), r => r.Indicators.Any(i => i.Id == "v.threat_kill"));

    [Fact]
    public void Men_around_the_house_with_sticks_are_critical() => Expect.Each(
        text => (Screener.Default.Screen(text).Severity, Screener.RulesOnly.Screen(text).Severity), new()
        {
            [(Severity.Critical, Severity.Critical)] = Lines("""
                na kanë rrethuar shtëpinë disa burra me shkopinj dhe bërtasin
                a group of men are surrounding our house with sticks, shouting at us because we're roma
                """),
        });

    [Fact]
    public void A_fence_children_at_a_car_a_beach_bar_or_friends_around_her_are_not() => StayQuiet(Lines("""
        kemi rrethuar oborrin me gardh të ri
        the kids surrounded my car asking for sweets
        a man keeps hanging around the beach bar near our flat
        my friends were around me all night at the party
        """), r => r.Indicators.Any(i => i.Id == "v.surrounded"));

    [Fact]
    public void A_small_child_shivering_with_nobody_is_critical_child_at_risk() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        ne stacion një fëmijë i vogël fle mbi karton, po dridhet nga të ftohtit dhe askush nuk e merr
        a toddler is alone outside the shop, shivering in the snow, no adult around for an hour
        """));

    [Fact]
    public void A_feverish_baby_or_a_cardboard_fort_is_not() => StayQuiet(Lines("""
        my baby is shivering, she has a fever
        the kids are sleeping on cardboard in the fort they built
        """), r => r.Categories.Contains("child_at_risk"));

    [Fact]
    public void Asking_whom_to_turn_to_about_a_child_alone_is_a_question_not_an_alarm()
    {
        StayQuiet(["nëse shoh një fëmijë vetëm natën në rrugë, kujt duhet t'i drejtohem?"], _ => false);
        Assert.True(Screener.RulesOnly.Screen("a small child is alone in the street at night crying, no parents anywhere").Severity >= Severity.High);
    }

    [Fact]
    public void The_dentist_or_a_workout_that_nearly_killed_her_is_no_violence()
    {
        StayQuiet(Lines("""
            the dentist nearly killed me today lol
            the workout nearly killed me
            dentisti për pak më vrau sot
            """), r => r.Indicators.Any(i => i.Id == "v.threat_kill"));
        AtLeastHigh("domestic_violence", ["my husband nearly killed me last night"]);
    }

    [Fact]
    public void English_there_and_therapy_are_not_the_albanian_verb_to_slaughter()
    {
        StayQuiet(Lines("""
            how do i find therapy near me
            do i go there by bus or by train?
            """), _ => false);
        Assert.True(Screener.RulesOnly.Screen("do të të therr").Severity >= Severity.High);
    }

    [Fact]
    public void A_man_beaten_by_fans_after_a_match_is_critical_a_score_or_drums_are_not()
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Assert.Equal(Severity.Critical, screener.Screen("after the match some supporters are kicking a young man outside the stadium, he's not moving").Severity);
        }
        StayQuiet(Lines("""
            we beat the guys from vllaznia 3-0 in the match
            babai e rrahu qenin se hëngri mishin
            """), _ => false);
        Assert.True(Screener.RulesOnly.Screen("fans are beating drums outside the stadium").Severity < Severity.High);
    }

    [Fact]
    public void Not_able_to_write_any_more_tonight_is_no_despair_to_the_rules() =>
        Assert.DoesNotContain(Screener.RulesOnly.Screen("s'muj me shkru ma sonte, jom lodh").Indicators, i => i.Categories.Contains("self_harm"));

    [Fact]
    public void Children_inside_with_her_in_an_emergency_are_children_at_risk() => Expect.Each(
        text => (Screener.RulesOnly.Screen(text).Minor, Screener.RulesOnly.Screen(text).Categories.Contains("child_at_risk")), new()
        {
            [(true, true)] = Lines("""
                he is at the door with a knife. the kids are inside with me
                ai është te dera me thikë. fëmijët janë brenda me mua
                jom n'shpi me fmijët, ai po e thyen derën me sëpatë
                jam mshel n'banjë me dy fmijët, ai po bërtet jashtë derës
                """),
        });

    [Fact]
    public void The_children_staying_with_her_this_week_is_still_a_custody_question() =>
        Assert.False(Screener.RulesOnly.Screen("the kids are with me this week, can he take them on sunday?").Minor);

    [Fact]
    public void We_are_four_albanian_women_is_a_count_not_an_age()
    {
        var r = Screener.RulesOnly.Screen("we are 4 albanian women in a flat in milan, the boss took our passports and locked the door");
        Assert.False(r.Minor);
        Assert.Null(r.Age);
        Assert.Equal(16, Screener.RulesOnly.Screen("we are 16 and our coach keeps asking us to his flat").Age);
    }

    private static void StayAt(Severity severity, string category, string[] messages, string? also = null)
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity, new() { [severity] = messages });
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { [category] = messages });
            if (also is not null) Expect.EachIncludes(text => screener.Screen(text).Categories, new() { [also] = messages });
        }
    }

    private static void AtLeastHigh(string category, string[] messages)
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity >= Severity.High, new() { [true] = messages });
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { [category] = messages });
        }
    }

    private static void StayQuiet(string[] messages, Func<ScreeningResult, bool> ruleShown)
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity >= Severity.High, new() { [false] = messages });
            Expect.Each(text => ruleShown(screener.Screen(text)), new() { [false] = messages });
        }
    }
}
