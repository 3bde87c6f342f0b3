using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Rules that read everyday messages high or critical, narrowed at their cause: what follows a witness' "he'll jump" in
/// its clause, a saying quoted for school or a wage complained of, a weekend with no plans, meat cut for the oven, a
/// teacher's letters, a wish named beside "no courage yet", an errand beside a sorry note, a guarded sill, water
/// spurting, something sold to her rather than her sold, a place she may not go rather than a door held, one club
/// striking another. Each danger is read as before and each look-alike stays quiet, with the opinion and by the rules
/// alone.
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
        my brother left a note saying he's sorry for everything and now his phone is off
        """));

    [Fact]
    public void A_sorry_note_with_an_errand_named_is_not_a_farewell() => StayQuiet(Lines("""
        she left a note saying she is sorry, went to the gym and her phone is off as always
        djali la një shënim ku kërkon falje, doli në pazar dhe telefoni i është fikur
        """), SelfHarm);

    [Fact]
    public void A_small_child_on_a_high_sill_with_nobody_home_stays_critical() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        my 2 year old is sitting on the window ledge on the 4th floor and nobody is home with her
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
}
