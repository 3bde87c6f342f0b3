using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Self-harm and plans to die told without the words the rules knew (lexicon 2026.12.93): a place (a cliff edge with no
/// going back, a bridge visited each night without the courage yet), an engine running in a shut garage or a hose from the
/// exhaust, letters written to everyone, a message to her mother timed for the morning, pills kept "just in case" beside
/// "not today", a poison or an overdose taken, a stab or a cut of the thighs and belly, life said not worth living,
/// wondering how it would be not to exist, someone said to be saying he'll jump, a photo of pills or a sorry note followed
/// by silence — each read with the opinion and by the rules alone, beside look-alikes that must not fire: a city's bridge,
/// a roof mended, a pen-friend's letters, medicine as prescribed, a cooking burn, a novel's plot, a student's question.
/// </summary>
public sealed class SelfHarmToldWithoutItsWordsTests
{
    [Fact]
    public void No_going_back_said_at_a_cliff_edge_is_a_plan_now() => StayAt(Severity.Critical, "self_harm", Lines("""
        i'm on the edge of the cliff above the bay, i have no intention of going back
        jam në buzë të greminës mbi liqen. s'kam ndërmend të kthehem më
        jam ne buze te shkembit te kalase, s'dua te kthehem me
        """));

    [Fact]
    public void No_going_back_to_the_city_after_a_hike_is_not() => StayQuiet(Lines("""
        jemi në majë të malit, pamje e bukur. s'dua të kthehem në qytet nesër
        i'm not going back to that gym, the coach yells
        """), SelfHarm);

    [Fact]
    public void A_bridge_visited_each_night_without_the_courage_yet_is_an_intent_with_its_place() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            i go to the bridge every night and stand at the railing. don't have the guts yet
            prej një jave dal natën te ura dhe shoh ujin poshtë, por s'kam guxim ende
            """),
    });

    [Fact]
    public void The_courage_to_jump_into_the_river_in_summer_or_to_tell_dad_is_not() => StayQuiet(Lines("""
        te ura e fshatit djemtë kërcejnë në lumë çdo verë, unë s'kam guxim akoma
        i go to the bridge every evening with the boys to dive, i don't have the guts yet
        s'kam guxim t'i them babait për notat
        we walked across the old bridge after dinner, lovely at night
        """), SelfHarm);

    [Fact]
    public void An_engine_running_in_a_shut_garage_or_a_hose_from_the_exhaust_is_an_act_going_on() => StayAt(Severity.Critical, "self_harm", Lines("""
        the engine is on in the shut garage and i'm sitting in the car. sorry everyone
        makina është ndezur në garazhin e mbyllur, jam brenda
        i'm in my car by the lake with a hose from the exhaust through the window
        jam në makinë në pyll, kam lidhur një tub te marmitja
        """));

    [Fact]
    public void A_warning_about_garages_or_a_mechanic_s_emissions_test_is_not() => StayQuiet(Lines("""
        never leave the engine running in a closed garage, carbon monoxide kills
        the mechanic put a hose on the exhaust to test the emissions
        mekaniku lidhi një tub te marmitja për testin e emetimeve
        """), SelfHarm);

    [Fact]
    public void Letters_written_to_everyone_are_a_farewell_prepared() => StayAt(Severity.High, "self_harm", Lines("""
        u kam shkruar letra të gjithëve në familje. nuk e kam vendosur ditën
        ua shkrova letrat të gjithëve. s'e di ende kur
        """));

    [Fact]
    public void Letters_written_to_everyone_with_tonight_are_a_plan_now() => StayAt(Severity.Critical, "self_harm", [
        "u kam shkruar letra të gjithëve. sonte mbaroj",
    ]);

    [Fact]
    public void Wedding_letters_christmas_cards_or_a_pen_friend_s_letters_are_not() => StayQuiet(Lines("""
        u kam shkruar letra të gjithëve për dasmën e vajzës
        u kam shkruar letra të gjithëve, i dërgoj me kartolinat e krishtlindjeve
        i write letters to my pen pal in japan every month
        wrote letters to my friends from the summer camp
        """), SelfHarm);

    [Fact]
    public void A_message_to_her_mother_timed_for_the_morning_on_a_roof_is_a_farewell_now() => StayAt(Severity.Critical, "self_harm", [
        "on the roof of the hospital. wrote my mum a message and scheduled it for tomorrow morning",
    ]);

    [Fact]
    public void A_birthday_message_or_a_shop_s_post_timed_is_not() => StayQuiet(Lines("""
        i scheduled a birthday message to my mum for midnight
        wrote my mum a message and scheduled it for the morning, happy anniversary to them
        """), SelfHarm);

    [Fact]
    public void Pills_kept_just_in_case_beside_not_today_are_means_kept() => StayAt(Severity.High, "self_harm", Lines("""
        kam disa hapa që i fsheh në sirtar për çdo rast. jo sot, por mendimi vjen
        i've hidden some pills in my wardrobe just in case. not today though
        """));

    [Fact]
    public void Paracetamol_kept_in_a_bag_just_in_case_is_a_first_aid_kit() => StayQuiet(Lines("""
        i keep paracetamol in my bag just in case
        kam paracetamol në çantë për çdo rast
        mbaj ilaçet e tensionit në çantë për çdo rast, si më tha doktori
        """), SelfHarm);

    [Fact]
    public void A_weed_killer_drunk_or_an_overdose_taken_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        drank a glass of weed killer an hour ago, my throat is on fire
        i overdosed on my sleeping pills, my heart is pounding
        """));

    [Fact]
    public void Medicine_as_prescribed_a_cooking_burn_or_a_novel_s_poison_is_not() => StayQuiet(Lines("""
        i take my blood pressure pills as prescribed, can i drink coffee with them?
        burned my hand on the oven tray while cooking, it stings
        in the novel the hero drinks poison at the end, i cried
        sprayed weed killer on the path this morning, the weeds are gone
        """), SelfHarm);

    [Fact]
    public void An_overdose_taken_is_critical_and_one_thought_of_is_high() => Each(r => (r.Severity, SelfHarm(r)), new()
    {
        [(Severity.Critical, true)] = Lines("""
            i took an overdose
            walked the dog took an overdose
            """),
        [(Severity.High, true)] = ["thinking about an overdose"],
    });

    [Fact]
    public void A_pet_overdosing_on_treats_or_an_overdose_of_coffee_is_not() => StayQuiet(Lines("""
        the dog overdosed on treats lol
        i overdosed on coffee today, can't sleep
        my cat overdosed on catnip haha
        """), SelfHarm);

    [Fact]
    public void Self_harm_again_after_months_or_cutting_the_thighs_and_belly_is_high() => StayAt(Severity.High, "self_harm", Lines("""
        self harmed again yesterday after a year without, i hate myself
        kam një vit që pres kofshët, tani edhe gjoksin. s'dua të vdes
        """));

    [Fact]
    public void A_stab_to_her_own_thigh_with_the_blood_gushing_is_critical() => StayAt(Severity.Critical, "self_harm", [
        "stabbed my thigh with a kitchen knife and the blood is gushing out",
    ]);

    [Fact]
    public void A_chicken_s_thighs_or_a_fish_s_belly_cut_for_dinner_is_not() => StayQuiet(Lines("""
        po pres kofshët e pulës për drekë
        preva barkun e peshkut dhe e pastrova
        """), SelfHarm);

    [Fact]
    public void Life_said_not_worth_living_or_wondering_how_it_would_be_not_to_exist_is_ideation() => StayAt(Severity.High, "self_harm", Lines("""
        në kohët e fundit mendoj se s'ia vlen të jetoj. plan s'kam
        honestly life isn't worth living anymore. no plan, just tired
        shpesh mendoj si do ishte sikur të mos ekzistoja. s'do bëj gjë
        sometimes i wonder what it would be like if i wasn't here anymore
        """));

    [Fact]
    public void Not_worth_living_in_a_town_or_how_it_would_be_in_another_job_is_not() => StayQuiet(Lines("""
        s'ia vlen të jetosh në Tiranë me këto qira
        life isn't worth living without coffee lol
        si do ishte sikur të mos isha mjeke? ndoshta mësuese
        what would it be like to live in japan
        """), SelfHarm);

    [Fact]
    public void Someone_said_to_be_saying_he_ll_jump_from_a_roof_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        my sister (15) is on the roof of the school and says she'll jump if we come closer
        """));

    [Fact]
    public void A_coach_saying_she_ll_jump_higher_is_not() => StayQuiet(Lines("""
        the coach says she'll jump higher next season
        vajza thotë që do hidhet në pishinë nga trampolina
        """), SelfHarm);

    [Fact]
    public void A_photo_of_pills_or_a_sorry_note_followed_by_silence_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        my friend sent me a photo of a handful of pills and now she isn't answering
        my son (17) left a note saying sorry and took the car, his phone goes to voicemail
        """));

    [Fact]
    public void A_photo_of_pills_sent_with_a_goodbye_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        motra më dërgoi foto të tabletave të saj në dorë dhe shkroi lamtumirë
        my friend sent me a pic of a pile of pills and wrote goodbye
        """));

    [Fact]
    public void A_photo_of_new_pills_with_a_bye_for_now_is_not() => StayQuiet(Lines("""
        my mum sent me a photo of her new pills, bye for now
        mami më dërgoi foto të ilaçeve të reja që i dha doktori, lamtumirë për sot
        """), SelfHarm);

    [Fact]
    public void A_photo_of_vitamins_or_a_note_sorry_for_a_vase_is_not() => StayQuiet(Lines("""
        my mum sent me a photo of her new vitamins
        my son left a note saying sorry for breaking the vase and went to football, his phone is off
        """), SelfHarm);

    [Fact]
    public void A_girlfriend_s_age_in_brackets_is_her_age() => Each(r => r.Minor, new()
    {
        [true] = Lines("""
            my girlfriend (16) says she took all her mum's pills an hour ago
            my boyfriend (15) cuts his arms every night
            """),
    });

    [Fact]
    public void Letters_left_for_her_children_are_her_farewell_not_a_child_at_risk() => Each(r => (r.Severity >= Severity.High, SelfHarm(r), r.Minor), new()
    {
        [(true, true, false)] = Lines("""
            kam një javë pa gjumë dhe u kam shkruar letra fëmijëve. s'e di kur
            i have written letters to my kids, no day chosen yet
            """),
    });

    [Fact]
    public void On_the_roof_or_the_bridge_now_said_alone_stays_the_means_at_hand() => StayAt(Severity.Critical, "self_harm", Lines("""
        i'm up on the roof of my building. i can't do this anymore
        jam ulur në buzë të urës. s'mundem më
        """));

    [Fact]
    public void A_roof_terrace_a_roof_being_mended_or_a_rooftop_bar_is_not() => StayQuiet(Lines("""
        i'm up on the roof terrace with friends, i'm not coming down till the fireworks end
        i'm on the roof fixing the antenna, the signal is bad again
        jam në çati për antenën, s'ka sinjal
        i'm on the rooftop bar, come up
        """), SelfHarm);

    [Fact]
    public void Jumping_ship_a_queue_a_rent_a_table_set_or_a_parents_meeting_is_not() => StayQuiet(Lines("""
        my brother says he'll jump ship to the other company
        she says she'll jump the queue at the bank
        living in tirana isn't worth it with these rents
        wrote my mum a text and set the table for dinner
        u kam shkruar letra të gjithë prindërve për mbledhjen e shkollës
        i bought painkillers just in case. no plans this weekend
        the car was running in the garage while dad fixed the brakes
        """), SelfHarm);

    [Fact]
    public void A_student_s_question_or_scars_of_long_ago_stay_below_high() => Each(r => r.Severity >= Severity.High, new()
    {
        [false] = Lines("""
            for my psychology class: why do people self harm? need sources
            i self harmed years ago, now i'm fine, are scars permanent?
            """),
    });
}
