using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Severity read by cause: a knife taken up for food, medicines sorted for the days ahead, a parent's no to an outing in
/// Gheg or before an exam, a stalker "since last year", a lock with its key taken, her car-borne abuser outside, her own
/// death told as "better", an overdose or a poison taken, a body that burns, a push down the stairs; and what the second
/// opinion does beside a good end told or a job told with its terms in order. Each read with the
/// opinion and by the rules alone, beside the look-alike or the real danger the same words tell.
/// </summary>
public sealed class SeverityByCauseTests
{
    private static bool SelfHarmOrAlarm(ScreeningResult r) => SelfHarm(r) || r.Severity >= Severity.High;

    [Fact]
    public void A_knife_taken_up_for_food_or_a_meal_is_no_weapon() => StayQuiet(Lines("""
        he's slicing the lobster with a sharp knife for our dinner
        grandpa took the big knife to gut the fish from the lake
        dad grabbed a knife and carved the turkey for lunch
        babi mori thikën dhe e pastroi peshkun për drekë
        mamaja mori thiken per te prere torten
        """), AnyCategory);

    [Fact]
    public void A_knife_from_the_table_turned_on_her_stays_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            he grabbed a knife from the dinner table and pointed it at me
            e mori thikën e bukës dhe ma vuri në fyt
            burri mori thikën nga tavolina e darkës dhe më kërcënoi
            """),
    });

    [Fact]
    public void Medicines_counted_or_sorted_for_a_trip_or_the_week_are_no_means_gathered() => StayQuiet(Lines("""
        my mother counted out her tablets into the weekly box for our trip
        mum counted out all her tablets for the two weeks we're away on holiday
        dad is sorting his pills into the organiser for the two weeks away
        mami i numëroi hapat e tensionit për dy javët e pushimeve
        gjyshja i ndau ilaçet në kuti për udhëtimin
        """), SelfHarmOrAlarm);

    [Fact]
    public void Pills_counted_out_beside_an_end_stay_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            i've counted out all my pills, tonight i end it
            i counted out the tablets and i'm going to swallow them all
            """),
    });

    [Fact]
    public void A_knife_cutting_the_food_itself_is_no_weapon() => StayQuiet(Lines("""
        she was cutting the cake with a big knife for my birthday lunch
        i took the knife to slice the bread for dinner
        nëna preu bukën me thikë për darkë
        nena e qeroi mollen me thike pas dreke
        babi mori thikën për të prerë mishin e drekës
        """), AnyCategory);

    [Fact]
    public void A_knife_taken_at_a_meal_and_turned_on_someone_stays_urgent() => Each(r => r.Severity >= Severity.High, new()
    {
        [true] = Lines("""
            dad grabbed a knife off the dinner table and went after my brother
            my husband took the bread knife at lunch and said tonight is my last night
            babai mori thikën e mishit dhe e ndoqi vëllain tim nëpër shtëpi
            babai mori thiken e mishit dhe e ndoqi vellain tim neper shtepi
            burri mori thikën e bukës në drekë dhe u vërsul drejt nesh
            """),
    });

    [Fact]
    public void Pills_counted_as_enough_not_to_wake_stay_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            i've counted out all my pills for the week, it's enough so i won't wake up
            """),
    });

    [Fact]
    public void A_parents_no_to_an_outing_in_gheg_or_before_an_exam_is_no_one_held() => StayQuiet(Lines("""
        mum won't let me out tonight, i have a maths test tomorrow
        dad won't let me out tonight, i've got a test in the morning
        my dad doesn't let us out on school nights
        mami s'po më lë me dal sonte se kam provim nesër
        nana s'po m'le me dal sonte, neser kam provim
        baba nuk m'len me dal sot se kom test neser
        babai nuk m'lshon me dal sonte
        """), AnyCategory);

    [Fact]
    public void An_outing_refused_with_the_house_keys_or_by_a_partner_stays_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            my dad won't let me out of the house, he took my keys
            mami s'më lë të dal nga shtëpia, ka mbyllur derën me çelës
            my boyfriend won't let me out tonight
            """),
    });

    [Fact]
    public void Stalked_since_last_year_and_outside_now_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            the man who has been following me since last year is waiting outside my work
            he has followed me from last year and he is waiting outside my work
            ai që më ndjek që nga viti i kaluar po më pret jashtë pallatit tani
            ai me ndjek qysh vitin e kaluar dhe tani po me pret jashte punes
            """),
    });

    [Fact]
    public void A_following_of_last_year_told_as_over_stays_below_high() => Each(r => r.Severity < Severity.High, new()
    {
        [true] = Lines("""
            last year a man followed me home, it stopped after the police came
            vitin e kaluar një burrë më ndiqte deri në shtëpi, tani ka mbaruar
            """),
    });

    [Fact]
    public void A_door_locked_on_her_with_its_key_taken_or_hidden_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            he locked the front door and hid the key
            he locked the front door and took the key with him
            my husband locked the door and took the keys with him to work
            e mbylli derën e jashtme dhe e fshehu çelësin
            e mbylli derën me çelës dhe e mori çelësin me vete
            burri e kyçi derën dhe e mori çelësin me vete
            """),
    });

    [Fact]
    public void A_spare_key_left_for_someone_holds_no_one() => StayQuiet(Lines("""
        we locked the front door and hid the key under the mat for the cat sitter
        e mbyllëm derën dhe e lamë çelësin te fqinja
        """), r => (r.Immediacy & Immediacy.Locked) != 0);

    [Fact]
    public void His_car_outside_after_a_threat_is_him_here() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            my ex said he would kill me if i left him. his car is outside my building now
            burri më tha do të të vras. sapo pashë makinën e tij të ndalet para portës
            """),
    });

    [Fact]
    public void His_car_outside_with_nothing_feared_is_no_alarm_by_the_rules()
    {
        foreach (var text in Lines("""
            my brother is picking me up, his car is outside
            babai erdhi, makina e tij është poshtë pallatit
            """)) Assert.True(Screener.RulesOnly.Screen(text).Severity < Severity.High, text);
    }

    [Fact]
    public void Her_death_told_as_better_is_a_wish_to_die() => StayAt(Severity.High, "self_harm", Lines("""
        mendoj që do ishte më mirë të vdisja.
        it would be better if i just died, nobody would notice
        ndonjëherë mendoj se do ishte me mire te vdisja, s'kam plan
        """));

    [Fact]
    public void Someone_else_better_off_or_a_film_ending_is_no_wish_to_die() => StayQuiet(Lines("""
        do ishte më mirë të vdiste plaku në film, se vuante shumë
        it would be better if i just left early, the party is boring
        """), SelfHarmOrAlarm);

    [Fact]
    public void An_overdose_or_a_poison_taken_on_purpose_is_critical_self_harm() => StayAt(Severity.Critical, "self_harm", Lines("""
        i took way more insulin than i should on purpose and now i'm shaking
        i swallowed double my sleeping pills deliberately
        mora më shumë ilaçe se duhet me qëllim
        piva një gotë me zbardhues para pak, më djeg gryka
        i drank bleach an hour ago
        """));

    [Fact]
    public void A_dose_changed_by_the_doctor_or_bleach_drunk_by_accident_is_no_self_harm() => StayQuiet(Lines("""
        the doctor told me to take more insulin before meals
        piva zbardhues pa dashje, ishte në një shishe uji
        """), SelfHarm);

    [Fact]
    public void An_extra_dose_for_its_purpose_or_pool_water_swallowed_is_no_self_harm() => StayQuiet(Lines("""
        i took an extra paracetamol on purpose before the exam so the headache wouldn't start
        i had one more ibuprofen on purpose before the match, my knee hurts
        i swallowed a bit of chlorine water at swim practice, feel sick
        piva pak uje me klor ne pishine, me vjen per te vjell
        """), SelfHarm);

    [Fact]
    public void Too_many_or_all_of_a_medicine_on_purpose_stays_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        i took too many of my antidepressants on purpose
        i swallowed all my sleeping pills deliberately
        """));

    [Fact]
    public void A_shop_door_closed_or_bags_thrown_down_the_stairs_is_no_violence() => StayQuiet(Lines("""
        babi mbylli derën e dyqanit në orën 8 dhe mori çelësat
        xhaxhai mbylli deren e zyres ne mbremje dhe mori celesat
        vëllai i hodhi çantat poshtë shkallëve se s'kishte durim
        i hodhi kutitë e vjetra poshte shkalleve per t'i nxjerre te plehrat
        """), AnyCategory);

    [Fact]
    public void A_home_locked_on_her_or_a_person_thrown_down_the_stairs_stays_urgent() => Each(r => r.Severity >= Severity.High, new()
    {
        [true] = Lines("""
            burri mbylli derën e shtëpisë dhe mori çelësat, s'dal dot
            e mbylli derën dhe e mori çelësin me vete
            burri më hodhi poshtë shkallëve
            e shtyu nënën time nga shkallët
            """),
    });

    [Fact]
    public void A_body_that_burns_with_illness_or_an_animal_hit_by_a_car_is_no_ones_doing() => StayQuiet(Lines("""
        kam grip, më djeg gryka dhe më dhemb koka
        më djeg stomaku pas darkës
        dje e kishte goditur makina qenin tonë, tani është te veterineri
        macen e përplasi një motor në rrugë
        """), AnyCategory);

    [Fact]
    public void A_push_down_the_stairs_with_someone_not_moving_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            dad pushed my mum down the stairs and she isn't moving
            gjyshi e shtyu gjyshen nga shkallët dhe ajo nuk lëviz
            """),
    });

    [Fact]
    public void A_pram_or_a_box_pushed_down_the_steps_is_no_violence() => StayQuiet(Lines("""
        i pushed the pram down the steps to the beach
        we shoved the old sofa down the stairs
        """), AnyCategory);

    [Fact]
    public void A_good_end_told_is_not_raised_by_the_opinion() => StayQuiet(Lines("""
        my mum found out i'm gay and she accepted me anyway
        i came out as trans to my dad and he said he's proud of me
        u thashë prindërve që jam gay dhe më thanë që janë krenarë për mua
        """), AnyCategory);

    [Fact]
    public void A_coming_out_answered_with_harm_stays_a_harm() => Each(r => r.Categories.Contains("hate_violence"), new()
    {
        [true] = Lines("""
            i came out to my dad and he kicked me out of the house
            i told my parents i'm gay and they said i'm dead to them
            """),
    });

    [Fact]
    public void A_job_abroad_told_with_its_terms_in_order_is_named_nothing() => StayQuiet(Lines("""
        my cousin got a seasonal job picking strawberries in spain, they pay weekly
        my cousin got a seasonal job on a farm in spain, the contract looks fine
        kushëriri po shkon në itali për punë sezonale, kontrata duket në rregull
        """), AnyCategory);

    [Fact]
    public void A_job_abroad_with_her_passport_taken_stays_trafficking() => StayAt(Severity.High, "trafficking", Lines("""
        my cousin got a job abroad but they took her passport when she arrived
        kushërira shkoi për punë në greqi, i morën pasaportën dhe s'e paguajnë
        """));
}
