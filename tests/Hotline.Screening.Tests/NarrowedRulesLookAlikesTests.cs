using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Everyday messages that share words with the rules of lexicons 2026.12.22 to 2026.12.27 (an escape's minutes, a drunk
/// child with an older man, a man who flashed someone, "be nice to him if you want …", a child taken without permission,
/// a question of what a woman may do, "ma mbyti gazi", pills lined up, a minor being married), beside the real cases the
/// rules were made for: a run before the children wake, an older brother, a phone flashed with a new ROM, help with
/// homework, the writer's own pick-up, a week's pill box and a sister's wedding are not what the rules are about.
/// </summary>
public sealed class NarrowedRulesLookAlikesTests
{
    [Fact]
    public void Minutes_before_someone_wakes_or_a_shop_closes_are_no_escape_and_minutes_before_he_is_back_are() => Expect.Each(SeverityAndCategories, new()
    {
        ["Critical domestic_violence"] = Lines("""
            we have 10 minutes while he's asleep to leave, where do we go
            duhet të ikim, kemi 10 minuta para se të kthehet burri
            """),
        ["None"] = Lines("""
            I run 30 minutes every morning before they wake up
            I go jogging for 20 minutes before they get up
            I have to go in 10 minutes before they close the shop
            Dal 5 minuta sa te marr buke
            Ikim per 15 minuta para se te vijne mysafiret
            I walk the dog for 15 minutes before they wake up
            dal 10 minuta sa te blej cigare
            we leave in 5 minutes before the shop closes
            """),
    });

    [Fact]
    public void An_older_sibling_or_cousin_and_words_that_only_look_drunk_are_no_sexual_violence() => Expect.Each(text => Screen(text).Categories.Contains("sexual_violence"), new()
    {
        [true] = Lines("""
            i'm 14 and i'm so drunk, an older guy is driving me to his place
            """),
        [false] = [.. OlderFamilyAndWordsThatLookDrunk, .. Lines("""
            I'm 13 and my older brother was wasted at the party
            I'm 15 and my older cousin passed out at the wedding
            """)],
    });

    [Fact]
    public void Older_siblings_and_ambiguous_words_stay_below_urgent() => Expect.Each(text => Screen(text).Severity >= Severity.High, new()
    {
        [false] = OlderFamilyAndWordsThatLookDrunk,
    });

    private static readonly string[] OlderFamilyAndWordsThatLookDrunk = Lines("""
        I'm 14 and I can't stand my older brother
        My older brother smashed my phone, I'm 13
        There was a blackout, I'm 12 and my older sister is with me now
        I'm 15, my older brother was hammered last night
        My 15 year old son got out of it, his older friend helped him with the homework
        I'm 15, my older cousin was drunk at the wedding
        """);

    [Fact]
    public void A_man_who_flashed_someone_is_sexual_and_lights_a_phone_or_a_smile_are_not() => Expect.Each(text => Screen(text).Categories.Contains("sexual_violence"), new()
    {
        [true] = Lines("""
            some guy flashed us at the bus stop, i'm 13
            a man in a car flashed himself at my daughter on her way to school
            """),
        [false] = Lines("""
            a car flashed us on the motorway and my 12 year old got scared
            I flashed my phone with a new ROM
            he flashed me a smile at school, I'm 14
            my brother flashed the router with new firmware
            she flashed me a smile in class, i'm 13
            """),
    });

    [Fact]
    public void Being_nice_for_homework_or_pie_is_nothing_and_for_the_flat_is_sexual() => Expect.Each(SeverityAndCategories, new()
    {
        ["High sexual_violence"] = Lines("""
            the landlord says i have to be nice to him if i want to keep the flat
            """),
        ["None"] = Lines("""
            you have to be nice to him if you want him to help you with homework
            Duhet te jesh e sjellshme me te nese do qe te te ndihmoje
            you have to be nice to grandma if you want her to make you pie
            """),
    });

    [Fact]
    public void The_writer_s_own_pick_up_and_leave_from_work_are_no_child_taken_and_a_relative_s_taking_is() => Expect.Each(SeverityAndCategories, new()
    {
        ["Critical domestic_violence"] = Lines("""
            vjehrra e mori vajzën nga kopshti pa lejen time dhe nuk ma kthen
            """),
        ["None"] = Lines("""
            Do ta marr vajzen nga shkolla pa leje nga puna
            i mora fëmijët nga shkolla pa leje nga puna sot, shefi u nervozua
            do ta marr djalin nga kopshti pa leje, jam nëna e tij
            """),
    });

    [Fact]
    public void A_question_of_what_a_woman_may_do_takes_no_child_and_does_not_lower_a_threat_to_her() => Expect.Each(SeverityAndCategories, new()
    {
        ["High domestic_violence"] = Lines("""
            Can a woman leave the house? He said he would kill me if I go
            can a mother legally take the kids abroad? he threatened to kill me if I leave
            what does the law say about custody? he told me he would kill me if i take the kids
            """),
        ["Medium domestic_violence"] = Lines("""
            a lejohet nje grua te marre femijet pa lejen e burrit? ai me kercenon
            """),
        ["Low"] = Lines("""
            can a woman leave the house without her husband's permission? asking for a friend
            can a mother take her kids abroad without the father's permission?
            """),
    });

    [Fact]
    public void Gas_that_chokes_is_no_laughter_and_laughter_that_chokes_is_nothing() => Expect.Each(SeverityAndCategories, new()
    {
        ["Critical domestic_violence"] = Lines("""
            burri hapi gazin, po na mbyt gazi, ndihme
            """),
        // gas opened on purpose is an attempt on a life (v.gas_or_brakes, lexicon 2026.12.42): high, no longer medium
        ["High domestic_violence"] = Lines("""
            burri hapi gazin me qellim, po na mbyt gazi
            """),
        ["High"] = Lines("""
            bombola e gazit rrjedh, më mbyti gazi, ndihmë
            """),
        ["None"] = Lines("""
            ma mbyti gazi me ate video
            po ma mbyti gazi me ate shaka
            mu mbyt gazi me ate komedine
            """),
    });

    [Fact]
    public void A_week_s_pills_lined_up_are_nothing_and_pills_lined_up_before_her_are_critical() => Expect.Each(SeverityAndCategories, new()
    {
        ["Critical self_harm"] = Lines("""
            i have all my pills lined up in front of me and i'm ready
            i've lined up all my pills on the desk. just want to say bye to someone
            """),
        ["None"] = Lines("""
            I lined up all my meds for the week in the pill box
            i lined up the kids' vitamins for the week
            """),
    });

    [Fact]
    public void A_sibling_s_or_a_friend_s_wedding_is_nothing_for_a_minor_and_hunting_is_no_threat() => Expect.Each(SeverityAndCategories, new()
    {
        ["None"] = Lines("""
            I'm 15 and my sister is getting married next month, I'm so happy
            I'm 15 and my best friend is getting married in june, can't wait for the party
            Take the gun if you go hunting with dad
            keep the rifle in the car if you go hunting this weekend
            """),
    });

    [Fact]
    public void A_brother_s_teasing_is_no_slur_and_a_colleague_s_is_hate_even_with_a_nervous_laugh() => Expect.Each(text => Screen(text).Categories.Contains("hate_violence"), new()
    {
        [true] = Lines("""
            they call me a terrorist at work lol, i hate it
            boys at school call me a gypsy every day
            """),
        [false] = Lines("""
            My brother called me a monkey lol
            my sister calls me a monkey haha
            """),
    });

    /// <summary>The severity and the categories but child_at_risk, as an operator reads them: "High domestic_violence".</summary>
    private static string SeverityAndCategories(string text)
    {
        var result = Screen(text);
        var categories = result.Categories.Where(c => c != "child_at_risk").Order();
        return string.Join(' ', new[] { result.Severity.ToString() }.Concat(categories));
    }
}
