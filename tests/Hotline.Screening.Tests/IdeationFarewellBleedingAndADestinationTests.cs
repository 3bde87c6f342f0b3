using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Albanian ideation told with "any more" (s'ia vlen / s'ka kuptim / s'kam pse të jetoj më), last words that ask those
/// left to look after her people, a sorry note then hours of silence in Albanian, a cut told with blood coming now, and
/// an abduction in a vehicle told beside a home, a hospital or a beach. Each read with the opinion and by the rules
/// alone, beside look-alikes that must stay quiet.
/// </summary>
public sealed class IdeationFarewellBleedingAndADestinationTests
{
    private static bool Shows(ScreeningResult r, string id) => r.Indicators.Any(i => i.Id == id);

    [Fact]
    public void Living_worth_nothing_any_more_is_ideation() => StayAt(Severity.High, "self_harm", Lines("""
        s'ia vlen të jetoj më
        sia vlen te jetoj me, u lodha nga te gjitha
        nuk ja vlen me jetu ma
        s'ka kuptim të jetoj më
        pa kuptim te jetoj keshtu
        s'kam pse të jetoj më
        """));

    [Fact]
    public void A_place_a_price_a_man_an_essay_a_film_or_a_wait_are_not_that_ideation() => StayQuiet(Lines("""
        s'ia vlen të jetoj më në këtë lagje me zhurmë
        s'ia vlen të jetosh më me këto çmime qiraje
        mësuesja na dha temë eseje: a ia vlen të jetosh më kështu?
        s'ka kuptim të jetoj më larg familjes, vitin tjetër kthehem në Shqipëri
        s'ia vlen të pres më për autobusin e fundit
        """), r => Shows(r, "sh.life_not_worth_anymore"));

    [Fact]
    public void Last_words_asking_those_left_to_look_after_her_people_are_a_farewell() => Each(r => r.Severity >= Severity.High && SelfHarm(r), new()
    {
        [true] = Lines("""
            më falni të gjithë. kujdesuni për vëllain e vogël
            lamtumirë. kujdesuni për qenin tim
            sorry for everything. take care of my sister for me
            look after the kids. forgive me
            """),
    });

    [Fact]
    public void Everyday_absences_sign_offs_and_requests_are_not_last_words() => StayQuiet(Lines("""
        më falni që vonohem, kujdesuni për fëmijët deri në orën 6
        sorry i'm stuck at work, can you take care of the kids tonight?
        kujdesuni për veten, mirupafshim të hënën
        bye! i'll take care of the dog this weekend
        sorry mum, look after the cat while i'm on the school trip
        a mund të kujdeseni për qenin tonë gjatë pushimeve? ju falemi nderit
        """), r => Shows(r, "sh.last_words_care"));

    [Fact]
    public void A_sorry_note_then_hours_of_silence_in_Albanian_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        vëllai la një shënim që i vjen keq për gjithçka, telefoni i fikur që nga mëngjesi
        mami la një letër që i vjen keq dhe doli, prej 4 orësh s'përgjigjet
        """));

    [Fact]
    public void A_sorry_note_for_a_broken_glass_before_work_is_not() => StayQuiet(Lines("""
        la një shënim që i vjen keq për gotën e thyer dhe shkoi në punë
        """), r => Shows(r, "sh.sorry_note_gone"));

    [Fact]
    public void A_cut_told_with_blood_coming_now_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        e kam pre krahun me zhilet e po m'del shumë gjak
        po më rrjedh gjak, e kam prerë thellë këtë herë
        bëra një prerje në kofshë dhe po më del gjak
        """));

    [Fact]
    public void Meat_a_finger_shaving_or_no_blood_are_not_self_harm() => Each(r => SelfHarm(r) || Shows(r, "sh.cut_bleeding_now"), new()
    {
        [false] = Lines("""
            e kam prerë mishin për tavën dhe më del gjak nga gishti
            e kam prerë pak me brisk duke u rruar, po më del gjak
            e kam prerë letrën me gërshërë, s'më del gjak
            u preva në mjekër me brisk duke u rruar dhe po më rrjedh pak gjak
            i preva vetes pak veshin duke u qethur, po del gjak
            """),
    });

    [Fact]
    public void Taken_into_a_vehicle_outside_a_home_a_hospital_or_at_a_beach_stays_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            three men dragged my brother into a van outside our home ten minutes ago
            two guys pushed my friend into a car in the hospital car park and drove off
            strangers grabbed my niece into their car by the beach, she is 14
            """),
    });

    [Fact]
    public void A_lift_to_the_hospital_a_home_or_the_beach_is_not_an_abduction() => StayQuiet(Lines("""
        some men from the village took grandpa in their car to the hospital, he's fine now
        një burrë e mori me makinë dhe e çoi në spital pas aksidentit
        the neighbours took us in their van to the beach, so much fun
        """), r => Shows(r, "pr.taken_in_vehicle"));
}
