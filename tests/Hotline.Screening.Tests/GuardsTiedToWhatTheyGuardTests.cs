using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// The guards of the over-reads narrowed last round tied to what they guard rather than to a word anywhere in the
/// sentence: a child guarded only by a body beside it, a phone off as always rather than an errand, a border crossed
/// for one's own holiday rather than a holiday promised, a name restored by honest work rather than a shop nearby,
/// cooking rather than salt or a butcher's simile, a poet quoted or a price complained of rather than school or the rent
/// given as the reason, a coach's threat over telling, the police as where help is. Each danger is read with the
/// opinion and by the rules alone, and each look-alike the guards were made for stays quiet.
/// </summary>
public sealed class GuardsTiedToWhatTheyGuardTests
{
    private static bool ChildAtRisk(ScreeningResult r) => r.Categories.Contains("child_at_risk");
    private static bool Trafficking(ScreeningResult r) => r.Categories.Contains("trafficking");
    private static bool DomesticViolence(ScreeningResult r) => r.Categories.Contains("domestic_violence");

    [Fact]
    public void A_small_child_at_a_drop_watched_from_afar_or_on_a_call_stays_critical() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        our 3 year old son has climbed out onto the window ledge on the 9th floor, i'm with him on facetime from the office and there is no one else in the flat
        vajza ime 2 vjeç ka hipur në parvazin e dritares në katin e 7, unë jam në punë dhe e shoh në kamera, s'ka njeri në shtëpi
        """));

    [Fact]
    public void A_small_child_hanging_with_a_hand_held_through_the_railings_stays_danger() => Each(r => (r.Severity >= Severity.High, ChildAtRisk(r)), new()
    {
        [(true, true)] = Lines("""
            my little boy is 3 and he's dangling off the balcony railing on the 5th floor, i'm holding his hand through the railings please come
            """),
    });

    [Fact]
    public void A_small_child_on_a_sill_with_guards_fitted_and_the_parent_beside_is_not() => StayQuiet(Lines("""
        my 3 year old loves sitting on the windowsill on the 4th floor to wave at buses, we have window restrictors fitted and i'm right next to him
        vajza 4 vjeç rri në parvaz në katin e tretë, por kemi hekura në dritare dhe unë jam pranë saj
        """), ChildAtRisk);

    [Fact]
    public void A_sorry_note_then_hours_of_silence_stays_critical_whatever_errand_was_named() => StayAt(Severity.Critical, "self_harm", Lines("""
        dad left a note saying he's sorry and told us he was taking the dog for a walk. that was 6 hours ago and his phone is switched off
        my sister sent me a text saying she was sorry, said she'd gone to the supermarket, she left this morning and her phone is off now
        """));

    [Fact]
    public void A_sorry_note_beside_a_phone_off_as_always_is_not() => StayQuiet(Lines("""
        my husband left a note saying he's sorry, he went to training and his phone is off as usual
        babai la një shënim ku kërkon falje, shkoi në punë dhe telefoni i është fikur si gjithmonë
        """), SelfHarm);

    [Fact]
    public void A_border_crossed_after_a_holiday_promised_or_in_a_lorry_stays_trafficking() => Each(r => (r.Severity >= Severity.High, Trafficking(r)), new()
    {
        [(true, true)] = Lines("""
            we are crossing the border right now hidden in a lorry, 10 of us, the man said it's a trip to pick fruit
            they promised us a holiday in france, now we're crossing the border at night in the back of a van and they took our phones
            burri na tha se do shkojmë për pushime, por tani po kalojmë kufirin me një kamion dhe s'na lënë të dalim
            """),
    });

    [Fact]
    public void A_border_crossed_for_the_familys_own_holiday_is_travel() => StayQuiet(Lines("""
        we're crossing the border into montenegro for our summer holiday, do the kids need passports?
        nesër po kalojmë kufirin në Kakavijë për pushime me fëmijët, sa pritet në doganë?
        """), Trafficking);

    [Fact]
    public void An_honour_threat_with_a_shop_or_honesty_elsewhere_in_the_sentence_stays_a_threat() => Each(r => (r.Severity >= Severity.High, DomesticViolence(r)), new()
    {
        [(true, true)] = Lines("""
            xhaxhai im tha se do e lajë turpin me gjak sepse më pa me një djalë para dyqanit ku punoj
            my cousins saw me at the shop with my boyfriend and now they say they'll wash our family's shame tonight
            babai tha se do e lajë nderin me gjakun tim sepse s'jam vajzë e ndershme, po vjen në shtëpi
            """),
    });

    [Fact]
    public void A_name_restored_by_honest_work_or_a_firms_good_name_is_not() => StayQuiet(Lines("""
        after the fraud in our family's firm my father wants to restore our name through hard work
        pas skandalit do ta lajmë turpin e familjes me punë të ndershme, jo me fjalë
        """), DomesticViolence);

    [Fact]
    public void Cuts_told_with_salt_or_like_a_butcher_stay_self_injury() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            prita barkun mbrëmë si kasap dhe ende po më del gjak
            çdo natë i pres kofshët me brisk e pastaj hedh kripë mbi plagë që të dhembin më shumë
            """),
    });

    [Fact]
    public void Thighs_and_breast_seasoned_for_the_oven_are_cooking() => StayQuiet(Lines("""
        preva kofshët e gjoksin dhe i lyeva me kripë e piper para se t'i fus në furrë
        """), SelfHarm);

    [Fact]
    public void Life_not_worth_living_with_school_a_page_or_the_rent_beside_it_stays_ideation() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            i don't care about exams or homework anymore, honestly life isn't worth living
            i wrote on the back page of my notebook that life isn't worth living
            got fired today and can't pay the rent, life isn't worth living anymore and i've got a bottle of pills in my hand
            """),
    });

    [Fact]
    public void Life_not_worth_living_as_a_poets_theme_or_of_a_wage_is_not() => StayQuiet(Lines("""
        for our english homework we must explain why the poet thinks life isn't worth living
        me këto rroga s'ia vlen të jetosh në këtë vend, prandaj ikin të rinjtë
        with these prices life isn't worth living in this city, we're moving
        """), SelfHarm);

    [Fact]
    public void A_coachs_or_teachers_threat_over_telling_stays_a_threat() => StayAtLeast(Severity.High, Lines("""
        the swimming coach said he'll kill me if i tell my parents about the practice at his house
        mësuesi më tha se do më mbysë nëse tregoj për detyrat që bëjmë në shtëpinë e tij
        """));

    [Fact]
    public void A_boss_or_coach_over_coffee_or_a_workout_is_hyperbole() => StayQuiet(Lines("""
        my boss is going to murder me, i spilled coffee all over the new printer
        trajneri do më vrasë nesër, s'i bëra ushtrimet e stërvitjes
        """), r => r.Categories.Count > 0);

    [Fact]
    public void Not_let_go_to_the_police_with_a_document_kept_stays_held() => StayAt(Severity.Critical, "trafficking", Lines("""
        the man won't let me go to the police, he has my id card and locks the gate every night
        """));
}
