using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Causes read in the seventeenth writer's batch B and the eighteenth writer's batch A, tested in wordings written here:
/// a child taken from school or kindergarten without the parent's permission (the taking verb in every form, both
/// languages), a girl being married off while she is taken abroad, a drunk child driven off by a man, a friend's age in
/// brackets, and a question asked for a relative or about what a parent may do; beside each, the everyday wording that
/// must stay quiet (a parent's pick-up, a sibling's wedding, a parent driving a drunk teenager home, a legal question).
/// </summary>
public sealed class ChildrenTakenCausesTests
{
    [Fact]
    public void A_child_taken_without_the_parent_s_permission_is_critical_and_a_pick_up_is_nothing() => Expect.Each(text => Screen(text).Severity, new()
    {
        [Severity.Critical] = Lines("""
            babai i vajzës e mori nga kopshti pa dijeninë time dhe s'po e hap telefonin, ajo është 4 vjeç
            ish-shoqja ime i mori çunat nga shkolla pa më pyetur e tani s'di ku janë
            my ex took our son from daycare without my consent and won't say where they are
            his mother picked up my daughter from school without telling me and now nobody answers
            """),
        [Severity.None] = Lines("""
            e mora vajzën nga kopshti më herët sot se kishte temperaturë
            gjyshja i mori fëmijët nga shkolla se unë isha në punë
            my husband picked up the kids from school today so I could rest
            djali mori biçikletën pa leje dhe iku te shokët
            """),
    });

    [Fact]
    public void A_child_taken_is_domestic_and_child_at_risk() =>
        AtLeast(Severity.Critical, "my ex took our son from daycare without my consent and won't say where they are", "domestic_violence", "child_at_risk");

    [Fact]
    public void A_question_about_what_a_parent_may_do_or_asked_for_a_relative_is_low() => Expect.Each(text => Screen(text).Severity, new()
    {
        [Severity.Low] = Lines("""
            can a mother take her kids abroad without the father's permission?
            a mundet një nënë t'i marrë fëmijët me vete pa lejen e babait? pyes për një kushërirë
            can men stay at a shelter too? asking for my neighbour
            """),
    });

    [Fact]
    public void A_girl_married_off_while_she_is_taken_away_is_critical_and_a_sibling_s_wedding_trip_is_not() => Expect.Each(text => Screen(text).Severity, new()
    {
        [Severity.Critical] = Lines("""
            jam 16 vjeç, më kanë hipur në autobus për në Maqedoni dhe po më martojnë atje me një burrë që s'e njoh
            i'm 16 and my uncles are driving me to kosovo, they told my mum i'm getting married there. we're at the border now
            """),
        [Severity.None] = Lines("""
            jam 16 vjeç dhe vëllai po martohet atje verën që vjen, po nisemi tani me autobus
            i'm getting married there next summer, any tips for a wedding in Italy?
            """),
    });

    [Fact]
    public void A_drunk_child_driven_off_by_a_man_is_critical_and_a_parent_driving_her_home_is_not() => Expect.Each(text => Screen(text).Severity, new()
    {
        [Severity.Critical] = Lines("""
            my cousin is 15, she is very drunk and just drove off with an older guy from the party
            mbesa 14 vjeç ishte krejt e pirë dhe hipi në makinën e një të panjohuri para lokalit
            """),
        [Severity.None] = Lines("""
            my 16 year old was drunk after prom so her dad drove her home
            shoqja ime 16 vjeç ishte e dehur dhe babai i saj e mori me makinë
            """),
    });

    [Fact]
    public void A_drunk_child_with_a_man_is_sexual_violence() =>
        AtLeast(Severity.Critical, "my cousin is 15, she is very drunk and just drove off with an older guy from the party", "sexual_violence", "child_at_risk");

    [Fact]
    public void An_adult_getting_into_a_stranger_s_car_is_not_urgent() =>
        Below(Severity.Medium, "shoqja ime 25 vjeçe hipi në makinën e një të panjohuri para lokalit, i kishte dhënë numrin");

    [Fact]
    public void A_friend_s_age_in_brackets_makes_the_message_about_a_minor() =>
        Assert.True(Screen("a man keeps offering my friend (16) a job as a hostess in Milan, she wants to go").Minor);
}
