using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Self-harm rules mended in a second pass after review: each guard is on what follows the match or on who acts, not on a
/// single word that is also how the danger is told. Letters written "të gjithë" (the dative as messages spell it) where the
/// clause ends; a rope or a blade bought just in case with no plan yet; a witness' threat to jump out of a window or the
/// moment someone comes; a photo of new pills with a goodbye and then silence. Each read with the opinion and by the
/// rules alone, beside look-alikes that must stay quiet.
/// </summary>
public sealed class SelfHarmSecondReviewTests
{
    [Fact]
    public void Letters_to_all_spelt_without_the_dative_ending_are_a_farewell() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            ua shkrova letrat të gjithë. nuk e di kur, por jam gati
            i kom shkru letra te gjithe. jam lodh
            """),
    });

    [Fact]
    public void Letters_to_all_parents_or_clients_or_for_a_wedding_name_who_they_are_for() => StayQuiet(Lines("""
        mësuesja u ka shkruar letra të gjithë prindërve për ekskursionin
        u kam shkruar letra te gjithe klienteve per zbritjet e dhjetorit
        u kam shkruar letra të gjithë për ftesat e dasmës
        """), SelfHarm);

    [Fact]
    public void A_rope_or_blades_bought_just_in_case_with_no_plan_yet_are_means_kept() => StayAt(Severity.High, "self_harm", Lines("""
        got some razor blades just in case. not tonight, i have no plan
        i bought a rope just in case, but no plans to do anything yet
        bleva një litar për çdo rast. jo sot, s'kam ndërmend ende
        """));

    [Fact]
    public void Painkillers_or_a_climbing_rope_bought_just_in_case_are_not() => StayQuiet(Lines("""
        bought painkillers just in case, no plans for the weekend
        bought a rope just in case for the climbing trip, no plans yet where to go
        i bought a spare blade for the mower just in case. not today, too much rain
        """), SelfHarm);

    [Fact]
    public void A_threat_to_jump_out_of_a_window_or_the_moment_someone_comes_is_self_harm() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            my mum says she'll jump out of the window if dad breaks the door, we live on the 7th floor
            he keeps saying he will jump the moment the ambulance gets here, he's on the ledge
            """),
    });

    [Fact]
    public void Jumping_through_hoops_the_queue_or_a_pet_that_says_it_is_not() => StayQuiet(Lines("""
        my son says he'll jump through hoops to get into that school
        she says she will jump the queue at the bakery again
        the dog says he'll jump through the window when the postman comes lol, he barks all day
        """), SelfHarm);

    [Fact]
    public void A_photo_of_new_pills_with_a_goodbye_and_then_silence_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        ajo më dërgoi foto të hapave të reja që bleu sot dhe më shkroi lamtumirë. nuk më përgjigjet më
        she texted me a picture of her new pills and then goodbye. now she isn't answering the door
        """));

    [Fact]
    public void A_photo_of_new_pills_with_a_bye_and_an_answer_is_not() => StayQuiet(Lines("""
        my mum sent me a photo of her new pills to ask which one is for the morning, then said bye
        mami më dërgoi foto të ilaçeve të reja nga farmacia dhe shkroi lamtumirë se po fle
        """), SelfHarm);

    [Fact]
    public void A_sorry_note_for_a_fault_named_then_a_walk_with_the_phone_off_is_not_a_farewell() => StayQuiet(Lines("""
        she left a note saying sorry i forgot the keys, then went jogging and her phone is off
        my boy left a note saying sorry he spilled juice on the sofa, he's out with the dog and his phone is off
        """), SelfHarm);

    [Fact]
    public void A_sorry_note_naming_no_fault_then_silence_stays_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        she left me a note saying sorry for everything, her phone is switched off
        he wrote a note saying sorry he couldn't be better, and now his phone is off
        """));
}
