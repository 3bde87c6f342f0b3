using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Danger now told by where someone is, what he does with a door, how many minutes, and who is down, not by the words
/// "here", "locked in" or "now": a door locked on her or held shut; gone out for the others or back any minute; waiting in
/// front of her work or walking at her; a pursuer who found her; blows going on for minutes or minutes ago; someone fallen
/// and silent; a child behind a door locked by, or alone with, the adult the harm is told of; the perfect of the act
/// ("kam lidhur", "kam bërë") across the paradigm. Each read with the opinion and by the rules alone, beside look-alikes in
/// everyday life, sport, history, films and games that must stay quiet.
/// </summary>
public sealed class DangerNowByPresenceAndMovementTests
{
    [Fact]
    public void A_door_locked_on_her_by_him_or_held_shut_beside_a_harm_is_critical() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        burri më rrahu dhe ma ka kyçur derën e banjës, s'kam si dal
        burri na mbylli derën me çelës mua dhe fëmijëve dhe po bërtet se do na djegë
        my uncle locked the door of the spare room with me inside and took the key, he keeps shouting he'll break my neck
        burri m'ka mshel derën e m'ka rrah, s'muj me dal
        s'mund të flas, i dashuri ka mbyllur derën dhe s'më lë të dal nga dhoma
        """));

    [Fact]
    public void Keys_forgotten_a_shop_closing_an_escape_room_a_siege_or_a_bike_locked_are_not() => StayQuiet(Lines("""
        mami e ka kyçur derën dhe unë harrova çelësat, po pres jashtë
        the shop owner locked the door at 8 so we finished our coffee inside, lol
        escape room tonight! they lock the door and you have an hour to get out
        in the history lesson: the army locked the gates of the city for 40 days
        i locked my bike in the shed and lost the key
        """), AnyCategory);

    [Fact]
    public void Gone_out_for_the_others_or_back_any_minute_beside_a_threat_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            ka dalë të marrë vëllezërit e tij dhe tha që kur të kthehen do më vrasin
            he went to fetch his brothers, says they'll beat me when they get back
            shkoi të blejë raki e kthehet pas pak, tha që sonte do më vrasë
            he'll be back any minute and he said he'd strangle me
            """),
    });

    [Fact]
    public void Bread_fetched_friends_met_at_the_airport_a_pizza_or_back_for_dinner_are_not() => StayQuiet(Lines("""
        babi doli të marrë bukë e kthehet pas pak
        my husband went to get his friends from the airport, back in 20 minutes
        he'll be back any minute with the pizza
        burri shkoi në qytet sot dhe kthehet në darkë
        """), r => r.Severity > Severity.None);

    [Fact]
    public void Waiting_in_front_of_her_work_walking_at_her_or_a_pursuer_who_found_her_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            my ex is walking towards me across the car park, he swore he'd kill me if he saw me again
            dy burra që më kanë kërcënuar me vdekje më presin përpara punës tani
            he found me. i'm in the changing rooms at the pool
            ai e gjeti strehëzën. makina e tij është jashtë tani
            """),
    });

    [Fact]
    public void A_striker_at_the_keeper_a_game_of_hide_and_seek_a_flat_found_or_a_dog_are_not() => StayQuiet(Lines("""
        the striker ran straight towards the keeper and scored
        the kids played hide and seek and they found me behind the sofa.
        they found me a new flat near the sea
        my dog found me.
        """), r => r.Severity > Severity.None);

    [Fact]
    public void Blows_going_on_for_minutes_or_minutes_ago_stones_thrown_now_or_a_child_beaten_now_are_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            fqinji e rreh gruan prej 20 minutash, dëgjohen britma
            my dad hit me with a chair 10 minutes ago and i think my arm is broken
            he has been kicking the door for twenty minutes screaming he'll kill me
            po na gjuajnë me shishe dhe gurë te dyqani se jemi romë
            tani po i bie vajzës me rrip, po qan
            a gang is throwing bottles at us outside the bar because we're gay
            """),
    });

    [Fact]
    public void Training_for_minutes_a_headache_pill_flowers_snowballs_a_ball_or_a_guitar_are_not() => StayQuiet(Lines("""
        we trained for 40 minutes and then had lunch
        i took two paracetamol 20 minutes ago for a headache
        the crowd was throwing flowers at the singer
        the kids are throwing snowballs at us in the park
        fëmijët po na gjuajnë me top në plazh
        po i bie kitarës në dhomë
        """), AnyCategory);

    [Fact]
    public void Someone_fallen_and_silent_after_a_blow_is_critical() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        babai e shtyu mamin, ajo ra në kuzhinë dhe s'po flet
        xhaxhai ra në oborr dhe s'po flet fare, djali e goditi me shkop
        """));

    [Fact]
    public void A_sulk_after_a_fall_or_a_cat_asleep_are_not() => StayQuiet(Lines("""
        u rrëzua nga biçikleta dhe s'po flet nga inati
        gjyshja ra në kopsht dje dhe s'po flet me ne nga inati
        the cat collapsed on the sofa after dinner lol
        """), r => r.Severity > Severity.None);

    [Fact]
    public void A_child_behind_a_door_locked_by_or_alone_with_the_adult_the_harm_is_told_of_is_critical() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        my 10-year-old is upstairs with her mum's boyfriend and he has locked her bedroom door. last week she told me he touches her
        my nephew is 7 and he's alone with the neighbour who touched him at easter
        motra ime 9 vjeç është vetëm me burrin e tezes, ai e ngacmon kur s'ka njeri
        """));

    [Fact]
    public void A_child_alone_with_a_grandparent_baking_or_cooking_is_not() => StayQuiet(Lines("""
        my daughter is 6 and she's alone with her grandad this afternoon, baking a cake
        vajza ime 10 vjeç është vetëm me gjyshin, po bëjnë byrek
        """), r => r.Severity > Severity.None);

    [Fact]
    public void The_means_made_ready_told_in_the_perfect_or_held_in_hand_with_a_goodbye_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        kam lidhur shallin te tubi i banjës. desha vetëm që dikush ta dijë
        lidha një litar në trarin e garazhit. më falni të gjithë
        jam 16. kam në dorë helmin e minjve që bleva sot. s'dua të jetoj më
        """));

    [Fact]
    public void A_washing_line_a_boat_or_glad_news_told_first_are_not() => StayQuiet(Lines("""
        kam lidhur një litar për rrobat në ballkon
        we just wanted to tell someone first: we're getting married!
        """), SelfHarm);

    [Fact]
    public void A_threat_to_shut_her_up_for_good_or_a_demand_to_sleep_with_his_clients_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            said tonight they'd shut me up for good
            the manager says i have to sleep with his clients tonight or i don't get my passport back
            """),
    });

    [Fact]
    public void A_team_silencing_its_critics_or_a_night_light_are_not() => StayQuiet(Lines("""
        do t'ua mbyllim gojën kritikëve njëherë e mirë me një fitore
        my son has to sleep with the light on after that film
        """), AnyCategory);

    // The same acts told in Gheg (the participle "bo / ba", the infinitive "me fjet", the aorist "shtyni"), and a beating with
    // nobody named while she hides in a room of the home, which is the household's.
    [Fact]
    public void Insulin_all_given_and_sleep_for_ever_read_alike_in_Gheg_and_Tosk() => StayAt(Severity.Critical, "self_harm", Lines("""
        kam bo gjithë insulinën para gjysë ore, dua me fjet përgjithmonë
        kam bërë gjithë insulinën para gjysmë ore, dua të fle përgjithmonë
        kom ba krejt insulinën tash
        """));

    [Fact]
    public void Sleep_for_ever_in_the_Gheg_infinitive_is_ideation_as_in_Tosk() => Each(r => r.Severity >= Severity.High && SelfHarm(r), new()
    {
        [true] = Lines("""
            s'po muj ma, dua me fjet përgjithmonë
            s'po mundem më, dua të fle përgjithmonë
            """),
    });

    [Fact]
    public void A_mother_pushed_who_fell_and_does_not_move_reads_alike_in_Gheg_and_Tosk() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        burri e shtyni nanën për shkallësh, ra e nuk po lëviz
        burri e shtyu nënën nga shkallët, ra dhe nuk po lëviz
        """));

    [Fact]
    public void Insulin_as_prescribed_a_long_sleep_a_push_in_sport_or_a_stalled_car_are_not() => StayQuiet(Lines("""
        kam bo insulinën si ma ka thanë doktori, tash po ha darkë
        bëra insulinën e mëngjesit siç më tha mjeku, tani po ha
        sot kom bo gjithë punën e shpisë, dua me fjet gjatë
        lodhem shumë, dua me fjet deri n'drekë
        e shtyni topin n'portë, lojtari ra e nuk po lëviz për dy minuta, pastaj u çu
        shtyni makinën se nuk ndizet
        """), AnyCategory);

    [Fact]
    public void A_beating_minutes_ago_while_she_hides_in_a_room_of_the_home_is_the_households()
    {
        foreach (var text in Lines("""
            më ka rrahur para pesë minutash, jam fshehur në kuzhinë
            he beat me five minutes ago, i'm hiding in the kitchen
            më ka rrahur para 10 minutash, jam në banjë
            """))
        {
            Is(Severity.Critical, text, "domestic_violence");
        }
    }

    [Fact]
    public void Beaten_at_school_or_at_chess_or_hiding_in_a_game_is_no_household_harm()
    {
        foreach (var text in Lines("""
            më rrahën në shkollë, jam fshehur në banjë
            the bullies beat me at school, i'm hiding in the bathroom
            """))
        {
            Assert.DoesNotContain("domestic_violence", Screen(text).Categories);
        }
        StayQuiet(Lines("""
            më ka mundur në shah para 10 minutash, ishte lojë e bukur
            po luajmë fshehtas, jam fshehur në dollap
            i'm hiding in the wardrobe, hide and seek with my little cousins
            """), AnyCategory);
    }
}
