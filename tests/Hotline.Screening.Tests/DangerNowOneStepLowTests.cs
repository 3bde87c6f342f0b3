using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Danger now read one step low (lexicon 2026.12.79): a weapon pointed, a meat knife taken up, Kuçovë read as a dog, "you're
/// finished" from someone on the way, not let out alive, a push while pregnant, small children alone for days, a beating
/// still going on; each beside look-alikes that must not fire.
/// </summary>
public sealed class DangerNowOneStepLowTests
{
    [Fact]
    public void A_finger_pointed_while_shouting_is_no_weapon() =>
        Assert.DoesNotContain(Screen("he's pointing his finger at me and shouting").Indicators, i => i.Id == "v.weapon_pointed");

    [Fact]
    public void A_weapon_pointed_at_her_is_critical() => StayAtLeast(Severity.Critical, Lines("""
        he's pointing a knife at me in the kitchen
        he broke a bottle on the table and is pointing the sharp end at me
        ai po ma drejton thikën, jemi në kuzhinë
        """));

    [Fact]
    public void A_finger_a_toy_or_a_knife_cutting_meat_is_no_weapon_pointed() => StayQuiet(Lines("""
        the baby is pointing her toy at me and laughing
        she was holding a glass at my party
        mum is cutting the meat with the kitchen knife
        po pres mishin me thikën e bukës
        babi po mpreh thikën e mishit për darkë
        """), r => r.Indicators.Any(i => i.Id is "v.weapon_pointed" or "v.weapon_held"));

    [Fact]
    public void A_meat_knife_taken_up_with_a_threat_is_a_weapon_not_food() => StayAtLeast(Severity.Critical, Lines("""
        mori thikën e mishit dhe tha që do na vrasë
        e ka marrë thikën e bukës në dorë dhe bërtet që do më therrë
        """));

    [Fact]
    public void Kucove_is_a_town_not_a_dog() => StayAtLeast(Severity.Critical, Lines("""
        ai më goditi me shqelm dhe tani po vjen me sëpatë, jam në Kuçovë
        më theu buzën dhe tani është në oborr me thikë, jemi në Kuçovë
        """));

    [Fact]
    public void Someone_on_the_way_who_said_she_is_finished_is_critical() => StayAtLeast(Severity.Critical, Lines("""
        he's on his way here, he texted 'tonight you're finished'
        my ex is coming over now, he said you're finished
        """));

    [Fact]
    public void Finished_with_a_laptop_or_asked_if_finished_is_no_threat() => StayQuiet(Lines("""
        are you finished? then come downstairs
        when you're finished with the laptop give it back
        the exam proctor said you're finished, you can leave
        """), r => r.Indicators.Any(i => i.Id.StartsWith("v.threat", StringComparison.Ordinal)));

    [Fact]
    public void Not_let_out_alive_is_critical() => StayAtLeast(Severity.Critical, Lines("""
        vjehrri dhe djemtë e tij thonë që s'më lënë të dal gjallë nga kjo shtëpi
        my in-laws say they won't let me leave this house alive
        """));

    [Fact]
    public void An_exam_or_the_heat_no_one_leaves_alive_is_no_threat() => StayQuiet(["we won't get out of this exam alive lol", "we will not make it out of this heat alive"],
        r => r.Indicators.Any(i => i.Id is "v.threat_kill" or "v.threat_not_alive"));

    [Fact]
    public void Pushed_or_hit_while_pregnant_with_pain_or_bleeding_is_critical() => StayAtLeast(Severity.Critical, Lines("""
        he shoved me into the wall, i'm pregnant and bleeding a little
        më shtyu nga shkallët, jam shtatzënë dhe kam dhimbje të forta
        """));

    [Fact]
    public void The_baby_s_kicks_or_cramps_asked_about_are_not() => StayQuiet(Lines("""
        i'm 7 months pregnant and the baby kicked so hard, having cramps
        jam shtatzënë 5 muajshe dhe kam dhimbje barku, a është normale?
        """), r => r.Indicators.Any(i => i.Id == "v.pregnant_hurt"));

    [Fact]
    public void Small_children_left_for_days_who_no_longer_answer_are_in_danger_now() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        fqinjët kanë ikur prej 4 ditësh, fëmijët e vegjël janë vetëm. nuk hapin derën kur trokas
        the neighbours left 3 days ago and their two little kids are alone, nobody's answering the door
        """));

    [Fact]
    public void Children_at_their_grandmother_s_or_alone_for_an_hour_are_not() => Each(r => r.Severity >= Severity.Critical, new()
    {
        [false] = Lines("""
            ka 2 ditë që fëmijët janë te gjyshja, nuk përgjigjen kur i marr në telefon
            the kids are home alone for an hour and not answering the phone
            """),
    });

    [Fact]
    public void A_beating_still_going_on_is_critical() => StayAtLeast(Severity.Critical, Lines("""
        he's still hitting me, please come
        po vazhdon të më rrahë edhe tani
        """));

    [Fact]
    public void Kids_who_will_not_stop_kicking_a_ball_are_not() => StayQuiet(["the kids won't stop kicking the ball against the garage"],
        r => r.Severity >= Severity.Medium);
}
