using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Who is held, by whom, and since when: a parent's no to an outing is a permission refused, not a door held; doors or
/// gates locked with no one of the writer's behind them are a building's or a story's; a child with a grandparent doing
/// an ordinary thing together is company, whatever the second opinion makes of "alone with"; a lock that began hours ago
/// and is not told to have ended goes on now. Each read with the opinion and by the rules alone, beside the real danger
/// the same words tell.
/// </summary>
public sealed class OutingsGatesCompanyAndHoursAgoTests
{
    private static bool LockedIn(ScreeningResult r) => (r.Immediacy & Immediacy.Locked) != 0;

    [Fact]
    public void A_parents_no_to_an_outing_beside_cant_talk_is_no_one_held() => StayQuiet(Lines("""
        cant talk rn, my dad won't let me go out tonight
        can't talk now, my parents won't let me go out to the party
        s'mund të flas, mami s'më lë të dal sonte
        nuk mund të flas, babi nuk më lejon të dal me shoqet
        mom says i cannot go out this weekend, can't talk long
        my mum won't let me go out
        """), LockedIn);

    [Fact]
    public void Someone_in_the_next_room_a_door_held_a_lock_or_keys_taken_stay_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            cant talk, hes in the other room
            can't talk, he won't let me out of the flat
            my mum won't let me go out, she locked me in my room
            can't talk, my husband won't let me go out, he took my keys
            babai e kyçi vajzën në dhomë
            ai më kyçi në dhomë dhe s'më lë të dal
            """),
    });

    [Fact]
    public void Gates_and_doors_locked_in_a_siege_a_stadium_a_film_or_a_hospital_are_no_one_locked_in() => StayQuiet(Lines("""
        gjatë rrethimit, jeniçerët i mbyllën portat e qytetit
        rojet i mbyllën portat e stadiumit pas ndeshjes
        në film, hajdutët i kyçën dyert e bankës
        mjeku i kyçi dyert e spitalit natën
        """), r => r.Severity > Severity.Low || AnyCategory(r));

    [Fact]
    public void Doors_locked_with_the_writer_inside_stay_critical()
    {
        Each(r => r.Severity, new()
        {
            [Severity.Critical] = Lines("""
                taksisti nuk ndal, i mbylli dyert e po më flet keq
                kam hapur gazin dhe i kam mbyllur dritaret
                """),
        });
        AtLeast(Severity.Critical, "kam hapur gazin dhe i kam mbyllur dritaret", "self_harm");
    }

    [Fact]
    public void A_lock_of_hours_ago_not_told_to_have_ended_is_now() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            he locked me in the basement three hours ago
            an hour ago my husband locked me in the bedroom and went out
            para dy orësh më mbyllën në bodrum
            para tri orësh na mbylli në bodrum
            """),
    });

    [Fact]
    public void A_blow_of_hours_ago_is_over_and_a_lock_told_with_its_end_stays_past_by_the_rules()
    {
        Each(r => r.Severity, new()
        {
            [Severity.High] = Lines("""
                para dy orësh më goditi me grusht
                two hours ago he punched me
                """),
        });
        // the rules read the end told; the second opinion still reads these critical (see README-screening.md)
        Expect.Each(text => Screener.RulesOnly.Screen(text).Severity, new()
        {
            [Severity.High] = Lines("""
                two hours ago he locked me in the storeroom but now i'm out
                three hours ago he locked me in the bathroom, then he let me out
                """),
        });
    }

    [Fact]
    public void A_child_with_a_grandparent_or_company_here_doing_an_ordinary_thing_together_is_not_raised() => StayQuiet(Lines("""
        my son (8) is alone with his grandpa right now, they're fishing
        my daughter is 6 and alone with her grandad now, they're baking
        im 12 and alone with my grandpa, we're fishing
        djali 8 vjeç është vetëm me gjyshin tani, po peshkojnë
        my sister arrived an hour ago and she's here now, we're painting the kitchen
        """), AnyCategory);

    [Fact]
    public void A_child_alone_with_the_adult_a_harm_is_told_of_or_company_feared_stays_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            my daughter is 8 and alone with her uncle, she told me he touches her
            he's here now, we're eating dinner and he keeps staring at me, i'm scared
            """),
    });

    [Fact]
    public void A_rope_or_scarf_tied_beside_a_see_you_or_a_goodbye_to_a_season_is_no_farewell() => StayQuiet(Lines("""
        i tied a rope to the branch for the tyre swing, goodbye winter!
        i tied my scarf around my neck, bye dad see you after practice
        i tied a cord round the xmas tree lights, goodbye 2025
        i tied my belt tighter, bye guys see you later
        lidha shallin fort se bën ftohtë, ciao shihemi nesër
        """), SelfHarm);

    [Fact]
    public void A_ligature_with_a_goodbye_to_people_or_a_see_you_on_the_other_side_stays_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        i've tied the cord to the hook in the ceiling. bye everyone, i'm sorry
        bye mum, i tied the belt to the banister, i love you all
        i tied the rope to the beam. bye everyone, see you on the other side
        """));

    [Fact]
    public void Last_words_asking_for_a_pet_to_be_looked_after_are_not_lowered_by_the_second_opinion()
    {
        // read high by the rules; the opinion's lowering to medium was measured on other kinds of highs
        AtLeast(Severity.High, "kujdesuni për qenin tim dhe më falni për gjithçka, lamtumirë", "self_harm");
        AtLeast(Severity.High, "ju lutem kujdesuni për macen time, më vjen keq për gjithçka, lamtumirë", "self_harm");
        Below(Severity.Medium, "kujdesuni për macen ndërsa jam me pushime, më falni që ju lajmërova vonë, mirupafshim");
    }

    [Fact]
    public void Held_down_for_a_blow_or_on_a_judo_mat_is_not_sexual_violence_held_down_alone_or_with_an_act_unnamed_is()
    {
        Expect.Each(text => SexualViolence(Screen(text)), new()
        {
            [false] = Lines("""
                my brother held me down and punched me in the face
                at judo today the instructor held me down for a full minute, i tapped out
                two guys pinned me down and robbed my wallet
                """),
            [true] = Lines("""
                he held me down and i couldn't stop him, he did things to me
                my stepdad held me down on the bed last night
                he held me down and filmed me on his phone
                ai më mbajti për toke dhe më filmoi me telefonin
                """),
        });
        AtLeast(Severity.High, "my brother held me down and punched me in the face", "domestic_violence");
        Below(Severity.Medium, "at judo today the instructor held me down for a full minute, i tapped out");
    }

    private static bool SexualViolence(ScreeningResult r) => r.Categories.Contains("sexual_violence");

    [Fact]
    public void Out_for_cigarettes_or_raki_and_back_in_a_moment_beside_a_threat_is_critical_bread_alone_is_not()
    {
        Each(r => r.Severity, new()
        {
            [Severity.Critical] = Lines("""
                më kërcënoi me thikë këtë mëngjes, tani ka dalë për cigare dhe kthehet pas pak
                burri më tha që do më mbysë, shkoi për raki e vjen shpejt
                """),
        });
        StayQuiet(Lines("""
            babi doli për bukë dhe kthehet pas pak
            mami doli për bukë, kthehet pas pak, po luaj me vëllanë
            """), AnyCategory);
    }

    [Fact]
    public void Thanks_or_fondness_for_what_was_done_gets_no_category_from_the_opinion_a_silence_kept_does()
    {
        foreach (var text in Lines("""
            my cousin's friend gave me a lift home after the wedding when i'd had too much wine, so sweet of him
            pas dasmës një shok më solli në shtëpi kur isha e dehur, shumë i sjellshëm
            at 13 on the school trip we did mad things, i'm 45 now and i remember it fondly
            """)) Assert.Empty(Screen(text).Categories);
        Assert.Contains("sexual_violence", Screen("pas festës një shok më bëri diçka kur isha e pirë, s'i kam thënë askujt").Categories);
    }
}
