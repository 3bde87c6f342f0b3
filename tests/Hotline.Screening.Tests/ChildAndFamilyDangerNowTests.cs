using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A child in danger now told without the violent words — tied up somewhere, a head struck against a wall, on a ledge
/// high up with no one home, going off with a stranger, into a stranger's van, kept where grown men are, taken to be
/// married, pressed by a man while sleeping rough, left by rising water, made to work in traffic and hit, gone to meet
/// a man met online — and danger from a partner or the family now without a threat word: he has just found her messages
/// to the line, brothers on the way over "honour", a photo of where she is after a break-in or a tracker, a coded order
/// beside "he raised his hand again" (lexicon 2026.12.98). Each is read with the opinion and by the rules alone; each has
/// look-alikes that must stay quiet: a school trip, a playground, a delivery van, a family visit, a real order, a team's
/// honour, one's own head against the wall, a hand raised in class.
/// </summary>
public sealed class ChildAndFamilyDangerNowTests
{
    private static bool Shows(ScreeningResult r, params string[] ids) => r.Indicators.Any(i => ids.Contains(i.Id));

    [Fact]
    public void A_person_tied_up_in_a_place_is_held_there_now() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            vajzën e motrës e kanë lidhur në bodrum që nga mëngjesi
            vajzen e kane lidhur ne bodrum qe nga mengjesi dhe s e lene te dale
            djalin e kan lidh n'kasolle e s'po e len me dal
            the farmer tied my nephew (10) up in the barn because a goat ran off and won't let him come down
            """),
    });

    [Fact]
    public void An_animal_or_a_boat_tied_and_lidhur_me_as_about_are_no_one_held() => StayQuiet(Lines("""
        bariu e lidhi qenin në stan që të mos ikë
        e kemi lidhur qenin në kasolle se kafshon
        e kam lidhur varkën në mol, po errësohet
        i lidhi këpucët djalit dhe dolën në park
        my son tied his shoes up and went to the playground
        kam nje pyetje lidhur me shtepine e femijeve ne Durres
        """), r => Shows(r, "ctl.tied_up_somewhere"));

    [Fact]
    public void A_head_struck_against_a_wall_by_a_parent_holding_the_child_is_violence_now() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        my stepdad has my sister in a headlock and is slamming her head into the door, i'm 14
        """));

    [Fact]
    public void Ones_own_head_against_the_wall_a_game_and_a_past_over_stay_quiet() => StayQuiet(Lines("""
        im banging my head against the wall with this maths homework
        my dad is banging his head against the wall over the tax forms lol
        we played wrestling and my brother put me in a headlock, it was fun
        when i was small my dad used to bang my head against the wall, i'm 30 now and safe
        """), r => Shows(r, "dv.head_struck_against"));

    [Fact]
    public void A_small_child_on_a_ledge_high_up_with_no_one_home_is_critical() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        the 4 year old from next door is sitting on the window ledge of the 7th floor and nobody is home
        vajza e komshiut 3 vjeç ka dalë në parvazin e ballkonit në katin e 9, s'ka njeri në shtëpi
        djali 4 vjec po rri ulur ne parvaz te dritares ne katin e 7 dhe s ka njeri ne shtepi
        """));

    [Fact]
    public void A_cat_on_the_ledge_and_children_at_a_window_with_an_adult_stay_quiet() => StayQuiet(Lines("""
        our cat likes sitting on the window ledge of the 7th floor in the sun
        macja rri ulur ne parvaz te dritares ne katin e 7 gjithe diten
        fëmijët e shikonin paradën nga dritarja e katit të 6 me gjyshen
        """), r => Shows(r, "ch.child_at_a_drop"));

    [Fact]
    public void A_child_going_off_with_a_stranger_or_into_his_van_is_being_moved_now() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        my daughter is 8 and a man she doesn't know just walked off with her towards the car park
        djali im 7 vjeç po ikën me një burrë të panjohur nga parku, s'e njoh fare
        cuni im 6 vjec u largua me nje burre te panjohur nga lodrat, s e njoh fare
        a guy in a grey van was giving kids chocolate by the school gate and a girl just climbed in
        """));

    [Fact]
    public void A_grandfather_a_school_trip_and_a_delivery_van_stay_quiet() => StayQuiet(Lines("""
        my son (9) went off with his grandpa to the lake this morning
        vajza ime shkoi me gjyshin në park sot pasdite
        the kids left with the teacher on the school trip to the museum
        the kids got into the minibus for the school trip with their teacher
        someone walked off with my bag at the station, never saw them again
        a man in a van came to deliver our new sofa and the kids got in to have a look lol
        the furniture van came today, the kids helped carry boxes and one got in the back to look
        """), r => Shows(r, "ch.gone_with_stranger", "pr.into_adults_car"));

    [Fact]
    public void A_man_from_the_club_not_known_when_back_is_no_stranger_walking_off() => Each(r => Shows(r, "ch.gone_with_stranger"), new()
    {
        [false] = Lines("""
            my son (9) went with a man from the football club, i don't know when they'll be back
            """),
    });

    [Fact]
    public void A_minor_not_let_out_where_grown_men_are_is_sexual_danger_now() => StayAt(Severity.Critical, "sexual_violence", Lines("""
        my son is 15 and texted me from a flat in durres, they won't let him leave and there are grown men there
        mbesa ime 15 vjeç më shkroi nga një apartament, s'e lënë të dalë dhe brenda janë burra të rritur
        """));

    [Fact]
    public void A_school_trips_curfew_stays_quiet() => StayQuiet(Lines("""
        on the school trip the teachers won't let the kids out after ten
        our 16 year old is on a school trip in Vlora, the teachers won't let them out after 10
        """), r => Shows(r, "sv.minor_kept_with_men"));

    [Fact]
    public void A_girl_taken_today_to_be_married_with_someone_waiting_is_critical() => StayAt(Severity.Critical, "trafficking", Lines("""
        vajza e fqinjit 15 vjeç thotë që sonte do ta marrin për ta martuar në Shkodër, babai i saj po e pret jashtë
        po e marrin vajzen 14 vjec per ta martuar sot, xhaxhai eshte te porta
        """));

    [Fact]
    public void A_bride_fetched_at_a_wedding_stays_quiet() => StayQuiet(Lines("""
        do ta marrim nusen të shtunën, jemi shumë të gëzuar
        do ta marrin nusen te shtunen me krushqit, jemi gati per dasem
        """), r => Shows(r, "tr.forced_marriage"));

    [Fact]
    public void A_child_sleeping_rough_pressed_by_a_grown_man_there_is_critical() => StayAt(Severity.Critical, "sexual_violence", Lines("""
        i'm 16, got kicked out, sleeping at the train station and an older man keeps pushing me to go to his place, he's right here
        """));

    [Fact]
    public void Sleeping_rough_in_Gheg_is_where_she_is_not_her_abuser_asleep() =>
        AtLeast(Severity.Critical, "jam 15 vjeç, babai më nxori nga shtëpia, po fle n'park e një burrë i madh po më ngul të shkoj me të, është këtu afër", "child_at_risk");

    [Fact]
    public void Small_children_left_by_rising_water_are_critical_whoever_has_gone() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        two little kids are on the river bank alone, their mum left them and went, the water is rising
        tre fëmijë të vegjël janë vetëm buzë lumit, nëna i la dhe iku, uji po ngrihet
        """));

    [Fact]
    public void Children_by_water_with_a_parent_or_left_with_a_grandmother_stay_quiet() => StayQuiet(Lines("""
        kids are playing by the river with their dad, the water is cold
        nena i la femijet te gjyshja dhe iku ne pune
        """), r => Shows(r, "ch.neglect"));

    [Fact]
    public void Children_made_to_work_in_traffic_and_hit_are_exploited_now() => StayAt(Severity.Critical, "trafficking", Lines("""
        dy fëmijë 7 e 9 vjeç po shesin shami në mes të autostradës natën, një burrë i mbikëqyr dhe i rreh kur pushojnë
        two boys about 8 are washing windscreens in the middle of the motorway at night and the man watching them slaps them when they stop
        """));

    [Fact]
    public void A_parents_shop_and_a_lemonade_stand_stay_quiet() => StayQuiet(Lines("""
        my kids work at my shop after school and sometimes i raise my voice
        femijet e lagjes shesin limonade ne rruge per lodra
        """), r => Shows(r, "ch.child_worked_and_hit"));

    [Fact]
    public void A_mother_working_nights_whose_husband_hits_the_children_is_no_child_labour() => Each(r => Shows(r, "ch.child_worked_and_hit") || r.Categories.Contains("trafficking"), new()
    {
        [false] = Lines("""
            i have 2 kids, working nights, sometimes my husband hits them
            """),
    });

    [Fact]
    public void A_child_gone_to_meet_a_man_met_online_and_not_answering_is_critical() => StayAt(Severity.Critical, "sexual_violence", Lines("""
        my 13 yo went to meet a 'girl' from snapchat at the mall, now i see the profile is a 35 year old man, she's not answering
        """));

    [Fact]
    public void A_friend_met_online_who_answers_stays_below_critical() => Each(r => r.Severity < Severity.Critical && !Shows(r, "sv.gone_to_meet_online_adult"), new()
    {
        [true] = Lines("""
            my 15 yo went to meet a friend from instagram at the mall, she just texted she's on the bus home
            """),
    });

    [Fact]
    public void He_has_just_found_her_messages_to_the_line() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        my husband just found my messages to this line, i don't know what he'll do
        burri sapo zbuloi që ju kam shkruar juve, s'di sa kohë kam
        my boyfriend just saw my texts to you, he's in the kitchen
        """));

    [Fact]
    public void Chats_with_family_about_a_party_or_presents_stay_quiet() => StayQuiet(Lines("""
        my husband found my chats with my sister about his surprise party
        my husband found my chats with my mum about christmas presents
        my mum just read my messages with the teacher about the trip
        dad just found out that i called the plumber without asking
        """), r => Shows(r, "dv.found_her_call_now"));

    [Fact]
    public void Relatives_on_their_way_over_the_familys_honour_are_critical() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        vëllezërit po vijnë nga fshati se mësuan që jam me barrë, babai tha që do ta lajmë turpin
        burri dhe vellezerit jane rruges per ketu, thane qe do e lajne namusin
        my brothers are on their way here because they found out about my boyfriend, dad says they will restore the family's honour
        """));

    [Fact]
    public void A_teams_honour_and_a_students_question_stay_quiet() => StayQuiet(Lines("""
        the team is on its way to the final to restore the club's honour
        the football team will restore the club's honour against their rivals tonight
        skuadra do ta lajë turpin e humbjes në ndeshjen e radhës
        ekipi ynë do ta lajë turpin e humbjes në derbi
        what is an honour killing? for a school essay
        """), r => Shows(r, "dv.honour_threat"));

    [Fact]
    public void A_photo_of_where_she_is_after_a_break_in_or_a_tracker_is_him_there() => StayAt(Severity.Critical, "digital_violence", Lines("""
        he got into my instagram and sent me a picture of the house i'm staying in, 'see you soon'
        i found a tracker under my car seat and he just sent me a photo of us at the cafe, we're still here
        my ex hacked my icloud, he just sent a pic of my flat door, 'see you tonight'
        """));

    [Fact]
    public void A_family_photo_or_a_sister_coming_up_is_no_photo_of_where_she_is() => Each(r => Shows(r, "dg.photo_of_where_she_is"), new()
    {
        [false] = Lines("""
            my mum sent me a photo of us at the park when i was little
            my sister sent a photo of our new flat, she's coming up to help us paint
            we moved into a new flat and mum sent me a photo of the flat door
            """),
    });

    [Fact]
    public void An_order_with_dont_call_beside_a_hand_raised_again_is_a_coded_call() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        a keni libra me përralla për fëmijë? t'i dërgoni në rr. Kavajës 10. mos më telefononi, ai e ngriti prapë dorën dhe vogëli po qan
        dua nje pice ne rr. Durresit 5. mos me merrni, ai e ngriti doren perseri
        hello is this the chemist? i need plasters and an ice pack delivered to rruga durresit 5, cant call, hes watching me type
        sorry wrong number. tell mira i can't come tomorrow, he's home and has taken his belt off. rr. e dibres 30
        """));

    [Fact]
    public void A_weapon_with_someone_there_is_his_not_her_means_beside_an_excuse_me() =>
        Each(r => r.Categories.Contains("self_harm"), new()
        {
            [false] = Lines("""
                më falni, gabova numrin. ai është në shtëpi dhe e ka nxjerrë rripin. rr. e kavajës 12
                """),
        });

    [Fact]
    public void A_real_book_order_and_a_hand_raised_in_class_stay_quiet() => StayQuiet(Lines("""
        a keni libra me përralla për fëmijë 5 vjeç? t'i dërgoni në rr. Kavajës 10, faleminderit
        the boy raised his hand again to answer the teacher
        djali ngriti dorën përsëri për të pyetur mësuesen
        djali ngriti doren ne klase per te pyetur
        më falni, gabova numrin, mos më telefononi më
        my little sister is watching me type lol
        """), r => Shows(r, "v.raised_hand") || r.Severity == Severity.Critical);
}
