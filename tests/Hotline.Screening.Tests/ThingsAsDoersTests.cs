using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Everyday and figurative verbs (lexicon 2026.12.76): the weather, a day or a week, a lesson, a machine that "chokes",
/// "beats" or "kills", in any form of the verb, Tosk or Gheg, with or without diacritics; olives and a club beaten. Each
/// beside the same verbs done by a person to the writer, which must still fire.
/// </summary>
public sealed class ThingsAsDoersTests
{
    [Fact]
    public void The_weather_a_day_a_lesson_or_a_machine_that_chokes_or_kills_is_no_ones_doing() => StayQuiet(Lines("""
        stuhia po na rreh dritaret gjithë natën
        po rreh breshri mbi makinë që në mëngjes
        ky provim po më vret, s'kam fjetur dy net
        kjo e hënë më mbyti fare
        laptopi po më mbyt, ngec çdo minutë
        vapa na mbyti sot në plazh
        kjo vape po na mbyt te gjitheve
        po me mbyt kjo jave, s'mbaron kurre
        mesimi i fizikes po me vret
        the storm is trying to kill us, the power is out
        my laptop is literally killing me today
        this heat is trying to murder everyone in the city
        """), r => r.Indicators.Any(i => i.Id is "v.beating" or "v.threat_kill"));

    [Fact]
    public void The_same_verbs_done_by_a_person_still_fire() => StayAtLeast(Severity.High, Lines("""
        ai më rrahu në shi
        më mbyti në mes të vapës
        burri po më mbyt, nuk marr frymë
        ma mbyti frymën me dorë
        shiu binte dhe ai më rrahu me shkop
        kjo javë më rrahu keq, burri erdhi i dehur
        the heat was awful and he choked me
        he is trying to kill us, the storm is nothing
        mami më mbylli në dhomë se binte shi
        """));

    [Fact]
    public void Olives_beaten_off_a_tree_or_a_club_beaten_is_no_violence() => StayQuiet(Lines("""
        i rrahim ullinjtë me shkop çdo nëntor
        gjyshja po e shkund pemën me shkop, po mbledhim arrat
        e mbyti Dinamon në minutën e fundit
        """), r => r.Categories.Count > 0);

    [Fact]
    public void A_stick_used_on_her_or_a_child_beside_olives_is_still_violence() => StayAtLeast(Severity.High, Lines("""
        babai më goditi me shkop sepse s'mblodha ullinjtë
        burri më rrahu me shkop te ullinjtë
        """));
}
