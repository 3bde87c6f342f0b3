using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A harm told by the act rather than by its name: clothes torn off her or an undressing forced, going on after her no,
/// a beating with the clitic dropped; a hidden number calling by a person, not by a service; a faint that is over. Each
/// read with the opinion and by the rules alone, beside the everyday look-alikes the same words tell.
/// </summary>
public sealed class ActsToldByWhatWasDoneTests
{
    [Fact]
    public void Clothes_torn_off_her_an_undressing_forced_or_going_on_after_her_no_is_sexual_violence() => Each(SexualViolence, new()
    {
        [true] = Lines("""
            he shoved me onto the sofa and ripped my clothes off
            ai më shtyu në dyshek dhe m'i shqeu rrobat
            më detyruan të zhvishem para tyre
            he made me take my clothes off in his car
            my husband carried on even when i begged him to stop
            vazhdoi edhe pasi i thashë të ndalonte
            """),
        [false] = Lines("""
            the tailor ripped the sleeves off my old jacket to fix them
            mjeku më tha të zhvishem për ekografinë
            we ripped our clothes off and ran into the sea
            my son kept going even after i told him to stop, he finished all the biscuits
            vajza vazhdoi të luante edhe pasi i thashë të ndalonte
            two boys held me down and took my bag at the bus stop
            """),
    });

    [Fact]
    public void Torn_clothes_forced_undressing_and_a_no_ignored_are_high()
    {
        AtLeast(Severity.High, "he shoved me onto the sofa and ripped my clothes off", "sexual_violence");
        AtLeast(Severity.High, "më detyruan të zhvishem para tyre", "sexual_violence");
        AtLeast(Severity.High, "my husband carried on even when i begged him to stop", "sexual_violence");
        Below(Severity.Medium, "mjeku më tha të zhvishem për ekografinë");
        Below(Severity.Medium, "we ripped our clothes off and ran into the sea");
    }

    [Fact]
    public void A_beating_told_with_more_for_the_clitic_is_read() => Each(r => r.Severity >= Severity.High, new()
    {
        [true] = Lines("""
            more ka goditur para pak minutash, jam fshehur në dhomë
            more rrahu sonte prapë, më dhemb koka
            """),
        [false] = Lines("""
            more, sa shumë ka rrahur era sot
            i want more of the cake my mum baked
            """),
    });

    [Fact]
    public void A_hidden_number_calling_again_and_again_is_digital_violence_from_a_person_not_from_a_service() => Each(DigitalViolence, new()
    {
        [true] = Lines("""
            someone rings me from a private number every night and says nothing
            he keeps calling from a blocked number all night
            ish-burri më telefonon nga një numër i fshehur çdo natë dhe hesht
            """),
        [false] = Lines("""
            the bank calls me from a withheld number every month about my card
            the clinic rings me from a private number every week to remind me of the check-up
            shkolla më telefonon nga një numër i fshehur çdo mëngjes
            """),
    });

    [Fact]
    public void A_faint_that_is_over_is_no_danger_now_one_told_now_stays() => Each(r => r.Severity >= Severity.Medium, new()
    {
        [true] = Lines("""
            a man collapsed in front of me at the bus stop
            """),
        [false] = Lines("""
            a boy collapsed at the match and the medics came, he's okay now
            someone fainted during the wedding speech but she was fine after some water
            """),
    });
}
