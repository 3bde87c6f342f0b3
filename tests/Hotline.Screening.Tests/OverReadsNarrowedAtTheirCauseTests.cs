using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Rules that read everyday messages high or critical, narrowed at their cause: what follows a witness' "he'll jump" in
/// its clause, a saying quoted for school or a wage complained of, a weekend with no plans, meat cut for the oven, a
/// teacher's letters, a wish named beside "no courage yet", an errand beside a sorry note, a guarded sill, water
/// spurting, something sold to her rather than her sold, a place she may not go rather than a door held, one club
/// striking another, a height in brackets, shame set aside or a name restored with honest work, a border crossed for a
/// holiday, a grandparent's war told to the family, a boss, a coach or a mother who "will kill" her over a trifle. Each
/// danger is read as before and each look-alike stays quiet, with the opinion and by the rules alone.
/// </summary>
public sealed class OverReadsNarrowedAtTheirCauseTests
{
    [Fact]
    public void A_jump_that_goes_on_in_its_clause_or_in_a_story_is_not() => StayQuiet(Lines("""
        the coach said she'll jump second in the relay, right after me
        deputetët thonë se do të hidhet poshtë amendamenti i qeverisë
        djali tha që do hidhet me ski nga trampolina e vogël të shtunën
        in the series the thief says he'll jump if they corner him on the train
        """), SelfHarm);

    [Fact]
    public void A_witness_saying_someone_will_jump_with_nothing_after_or_with_an_if_is_self_harm() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            my flatmate says she is going to jump if her ex comes round again
            my uncle keeps saying he will jump. we can't calm him down
            gjyshi thotë që do hidhet poshtë. s'po e bindim dot
            motra thotë se do hidhet nëse vjen babai
            """),
    });

    [Fact]
    public void Life_not_worth_living_said_by_the_writer_stays_ideation() => StayAtLeast(Severity.High, Lines("""
        honestly life isn't worth living anymore, i'm done pretending
        nuk ia vlen me jetu ma, jam lodh krejt
        """));

    [Fact]
    public void Life_not_worth_living_quoted_for_school_as_a_saying_or_of_a_wage_is_not() => StayQuiet(Lines("""
        homework: explain why the poet says life is not worth living anymore after the war
        gjyshja thoshte që jeta pa këngë s'ia vlen të jetohet
        me këtë pagë s'ia vlen të jetosh, do ikim në Itali
        """), SelfHarm);

    [Fact]
    public void Means_kept_just_in_case_with_no_plan_yet_stay_high() => StayAt(Severity.High, "self_harm", Lines("""
        i've hidden a box of pills in my wardrobe just in case. no plan yet
        """));

    [Fact]
    public void Medicine_kept_just_in_case_and_no_plans_for_the_weekend_is_not_a_plan_put_off() => StayQuiet(Lines("""
        i keep a strip of painkillers in my coat pocket just in case. no plans for the evening, staying in with tea
        """), SelfHarm);

    [Fact]
    public void Cutting_her_own_thighs_stays_self_injury() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            sonte preva përsëri kofshët, s'e ndal dot veten
            """),
    });

    [Fact]
    public void Breast_and_thighs_cut_for_the_oven_are_cooking() => StayQuiet(Lines("""
        preva gjoksin dhe kofshët, tani i pjek në furrë me patate
        i preva kofshët dhe barkun, i lashë në marinadë gjithë natën
        """), SelfHarm);

    [Fact]
    public void Letters_to_everyone_with_tonight_stay_a_farewell() => StayAtLeast(Severity.High, Lines("""
        u kam shkruar letra të gjithëve. sonte mbaron gjithçka
        """));

    [Fact]
    public void A_teachers_letters_to_her_class_are_not() => StayQuiet(Lines("""
        jam mësuese dhe u kam shkruar letra të gjithëve në klasë para pushimeve
        u kam shkruar letra fëmijëve të klasës së katërt për festën e fundvitit
        """), SelfHarm);

    [Fact]
    public void No_nerve_yet_at_the_tracks_stays_high() => StayAt(Severity.High, "self_harm", Lines("""
        i go to the tracks every night. i don't have the nerve yet
        """));

    [Fact]
    public void No_courage_yet_for_a_wish_named_in_its_sentence_is_not() => StayQuiet(Lines("""
        i go to the bridge every evening with the lads. there's a girl i want to ask out but i'm not brave enough yet
        dal te ura me shokët çdo mbrëmje. dua ta ftoj në takim po s'kam guxim akoma
        """), SelfHarm);

    [Fact]
    public void A_sorry_note_then_silence_stays_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        our grandad wrote us a message saying he is sorry for everything, since then his phone is switched off
        """));

    [Fact]
    public void A_sorry_note_with_an_errand_named_is_not_a_farewell() => StayQuiet(Lines("""
        she left a note saying she is sorry, went to the gym and her phone is off as always
        djali la një shënim ku kërkon falje, doli në pazar dhe telefoni i është fikur si gjithmonë
        """), SelfHarm);

    [Fact]
    public void A_small_child_on_a_high_sill_with_nobody_home_stays_critical() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        our 3 yo has climbed up onto the sill on the 5th floor, nobody else is in
        """));

    [Fact]
    public void A_small_child_on_a_guarded_sill_with_the_parent_beside_is_not() => Each(r => r.Severity >= Severity.High, new()
    {
        [false] = Lines("""
            my 4 year old likes to sit on the windowsill on the 3rd floor, there are window locks and i'm right beside her
            djali 3 vjeç rri ulur në parvaz, jemi në katin e dytë por ka grila në dritare
            """),
    });

    [Fact]
    public void Bleeding_that_keeps_gushing_stays_a_sign_of_now() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        my husband hit my head with a bottle and it keeps gushing
        """));

    [Fact]
    public void Water_spurting_from_a_pipe_is_no_bleeding() => Each(r => r.Severity == Severity.Critical, new()
    {
        [false] = Lines("""
            my husband hit me last week. today the tap is spurting water all over the floor
            """),
    });

    [Fact]
    public void Sold_as_a_person_stays_trafficking() => StayAt(Severity.Critical, "trafficking", Lines("""
        they sold me to a man in italy, i'm in his flat now
        babai më shiti një burri për para, tani jam në shtëpinë e tij
        """));

    [Fact]
    public void Medicine_a_pharmacy_will_not_sell_her_is_discrimination_not_trafficking() => Each(r => (r.Categories.Contains("trafficking"), r.Categories.Contains("hate_violence")), new()
    {
        [(false, true)] = Lines("""
            i'm trans and the chemist refused to sell me my pills, they mocked me at the counter
            """),
    });

    [Fact]
    public void Not_let_leave_stays_critical() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        my husband locked the front door and won't let me leave
        """));

    [Fact]
    public void Not_let_go_to_a_place_named_is_control_not_a_door_held() => Each(r => (r.Severity, r.Categories.Contains("domestic_violence")), new()
    {
        [(Severity.High, true)] = Lines("""
            my brother won't let me go to college in durres, he says girls who study away get ideas
            """),
    });

    [Fact]
    public void One_football_club_striking_another_is_a_match() => Each(r => r.Severity, new()
    {
        [Severity.None] = Lines("""
            Dinamo e goditi Kukësin dy herë në pjesën e parë
            Teuta ia theu hundët Bylisit në shtëpi të vet
            """),
    });

    [Fact]
    public void Fans_hurt_at_a_match_stay_violence() => StayAtLeast(Severity.High, Lines("""
        tifozët e Vllaznisë e goditën me thikë një djalë të Tiranës para stadiumit
        """));

    [Fact]
    public void A_wish_not_to_exist_said_by_the_writer_stays_high() => StayAtLeast(Severity.High, Lines("""
        some nights i think how peaceful it would be to not exist
        """));

    [Fact]
    public void Pupils_asking_what_not_existing_is_like_is_a_teachers_question() => StayQuiet(Lines("""
        my pupils were asking what it would be like not to exist. how do i answer 7 year olds?
        """), SelfHarm);

    [Fact]
    public void A_height_in_brackets_is_no_age_but_an_age_there_stays_one() => Each(r => (r.Minor, r.Categories.Contains("child_at_risk")), new()
    {
        [(false, false)] = Lines("""
            my gf (5'6) shoved me into the wardrobe last night
            """),
        [(true, true)] = Lines("""
            my gf (16) shoved me into the wardrobe last night
            """),
    });

    [Fact]
    public void Relatives_who_will_wash_the_shame_in_blood_stay_a_threat() => StayAtLeast(Severity.High, Lines("""
        vëllezërit thonë se do ta lajnë turpin me gjakun tim
        """));

    [Fact]
    public void Shame_set_aside_a_name_restored_by_work_or_the_honour_of_playing_are_not() => StayQuiet(Lines("""
        e la turpin mënjanë dhe doli në skenë të këndonte
        after the scandal in his business we must restore the family's name with honest work
        """), r => r.Categories.Contains("domestic_violence"));

    [Fact]
    public void A_border_crossed_at_night_in_a_van_stays_trafficking() => StayAtLeast(Severity.High, Lines("""
        po kalojmë kufirin natën me një furgon, s'di ku na çojnë
        """));

    [Fact]
    public void A_border_crossed_for_a_holiday_or_a_school_trip_is_travel() => StayQuiet(Lines("""
        po kalojmë kufirin në Hanin e Hotit për pushime, a duhet pasaporta?
        we're crossing the border into greece on a school trip tomorrow
        """), r => r.Categories.Contains("trafficking"));

    [Fact]
    public void Taken_abroad_for_a_holiday_to_be_engaged_stays_trafficking() => Each(r => r.Categories.Contains("trafficking"), new()
    {
        [true] = Lines("""
            prindërit më çojnë në Kosovë për pushime dhe dëgjova që do më fejojnë atje me një burrë të madh
            """),
    });

    [Fact]
    public void A_grandparents_war_told_to_the_family_is_history() => StayQuiet(Lines("""
        gjyshja na rrëfente që në luftë ushtarët i dogjën shtëpitë e Voskopojës
        """), r => r.Categories.Contains("domestic_violence"));

    [Fact]
    public void A_beating_told_to_the_writer_by_the_one_beaten_stays_hers() => StayAtLeast(Severity.High, Lines("""
        mum told me my stepdad hit her again tonight
        """));

    [Fact]
    public void An_engine_left_running_in_a_garage_with_her_inside_stays_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        i'm sitting in the garage with the engine running
        jam në garazh, makina ndezur, dera e mbyllur
        """));

    [Fact]
    public void An_engine_running_in_a_garage_for_the_brakes_or_to_warm_up_is_not() => StayQuiet(Lines("""
        dad is in the garage with the engine running, fixing the brakes
        babi është në garazh me motorrin ndezur, po rregullon frenat
        the engine is running in the garage to warm up before we leave for school
        """), SelfHarm);

    [Fact]
    public void A_boss_coach_or_mother_who_will_kill_her_over_a_trifle_is_hyperbole() => StayQuiet(Lines("""
        our swim coach is going to murder us this evening, 40 laps again
        my boss will kill me, i spilled juice on the photocopier
        mami do më vrasë nëse s'i laj pjatat para se të vijë
        shefi do më vrasë se harrova t'i sjell kafen
        """), r => r.Indicators.Any(i => i.Id == "v.threat_kill"));

    [Fact]
    public void A_boss_or_coach_who_will_kill_her_over_money_or_silence_stays_a_threat() => StayAtLeast(Severity.High, Lines("""
        my boss said he will kill me if i don't pay back the money for the passport
        the coach said he will kill me if i tell anyone what he does in the locker room
        """));
}
