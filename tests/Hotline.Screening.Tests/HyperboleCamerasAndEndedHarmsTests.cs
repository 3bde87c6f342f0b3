using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// False alarms read by cause (lexicon 2026.12.134): a boss or a parent who "will kill" her over lateness or a lost key,
/// "someone kill me" after a workout, legs that will not walk after the gym, a month that burns them alive, a bird shot
/// with a camera, an account she closed herself, an ex in prison for years asked about, someone else asking a receptionist
/// for help — each beside the danger it resembles, which must still read urgent.
/// </summary>
public sealed class HyperboleCamerasAndEndedHarmsTests
{
    private static bool ThreatToKill(ScreeningResult r) => r.Indicators.Any(i => i.Id == "v.threat_kill");

    [Fact]
    public void A_boss_or_a_parent_who_will_kill_her_over_lateness_or_a_loss_is_hyperbole() => StayQuiet(Lines("""
        shefja do më vrasë nëse vonohem prapë, s'ka autobus
        shefi do me vrase po u vonova sot, rruga e bllokuar
        u vonova prapë në turn, menaxheri do më vrasë
        babi ka me m'vra se e humba çelësin e shtëpisë
        mami ka me m vra se theva telefonin e ri
        """), ThreatToKill);

    [Fact]
    public void A_threat_to_kill_from_a_husband_or_a_boss_who_locks_them_in_stays_urgent() => StayAtLeast(Severity.High, Lines("""
        burri më tha do të vras nëse vonohem prapë, tani po pi
        shefi na mbyll në punishte natën dhe tha do na vrasë nëse ankohemi
        my boss locked us in the warehouse and says he'll kill us if we complain
        my husband says he'll kill me if i'm late home again, he has a knife
        """));

    [Fact]
    public void Someone_kill_me_after_a_lecture_or_a_workout_is_exasperation() => StayQuiet(Lines("""
        someone kill me, this seminar has another two hours
        somebody just kill me, three exams this week
        did squats all morning and now i literally can't walk lol
        pas palestrës së sotme s'mund të eci fare
        """), ThreatToKill);

    [Fact]
    public void A_wish_to_be_killed_or_legs_hurt_by_a_blow_stay_read() => StayAtLeast(Severity.High, Lines("""
        i really want someone to kill me, i can't keep living like this
        dua që dikush të më vrasë, s'dua më të jetoj
        after the gym my boyfriend kicked me in the legs and now i can't walk
        """));

    [Fact]
    public void A_summer_month_that_burns_them_alive_is_the_weather() => StayQuiet(Lines("""
        ky gusht po na djeg për së gjalli, 40 gradë në Berat
        korriku po na mbyt, s'dalim dot nga shtëpia
        this august is burning us alive, 41 degrees again
        """), r => r.Immediacy != Immediacy.None);

    [Fact]
    public void Someone_burning_her_now_stays_critical() => StayAtLeast(Severity.Critical, Lines("""
        burri po më djeg me cigare tani
        he is burning my arm with a lighter right now
        """));

    [Fact]
    public void A_bird_shot_with_a_camera_or_a_photo_shoot_is_no_shooting() => StayQuiet(Lines("""
        finally shot a heron at the lake this morning, with my new camera!
        shot my first flamingo today with the 300mm lens
        we shot the whole party on my phone, the footage is great
        the photo shoot ran late, i'm exhausted
        """), r => r.Severity > Severity.Low);

    [Fact]
    public void Someone_shooting_at_a_person_stays_urgent() => StayAtLeast(Severity.High, Lines("""
        a man is shooting at my cousin outside the bar
        he shot at my brother with a pistol, there's blood on the road
        po qëllojnë me armë në lagje, djali im është plagosur
        """));

    [Fact]
    public void An_ended_hack_or_an_ex_in_prison_for_years_asked_about_is_a_question() => StayQuiet(Lines("""
        para tre vitesh dikush ma hakoi facebookun, tani e kam mbyllur. si ta ruaj llogarinë e re?
        my snapchat was hacked years ago, i deleted it. how do i make the new one safer?
        ish-burri më rrihte, tani ka 5 vjet që është në burg. a do më lajmërojnë kur të lirohet?
        ish burri m rrahte, ka 6 vjet n burg. kush m njofton kur ta lirojn?
        my ex used to hit me, he's been in prison for six years. will anyone tell me when he gets out?
        """), r => r.Severity > Severity.Low);

    [Fact]
    public void A_hack_going_on_now_or_an_ex_just_out_and_at_her_door_stays_urgent()
    {
        // by the rules alone the hack and the release are medium and none, as before this change: the opinion carries them
        StayAtLeast(Severity.High, Lines("""
            dikush ma ka hakuar instagramin tani, po poston foto të mia lakuriq dhe më kërcënon
            """));
        foreach (var text in Lines("""
            someone hacked my account right now, they're posting my nudes and threatening me
            ish-burri doli nga burgu dje dhe tani eshte jashte shtepise sime
            my ex just got out of prison and he's outside my house right now
            """)) AtLeast(Severity.High, text);
    }

    [Fact]
    public void Windows_she_closed_on_gas_or_a_room_she_is_locked_in_beside_a_hack_stay_urgent()
    {
        StayAtLeast(Severity.Critical, Lines("""
            e lashë gazin hapur në kuzhinë dhe i kam mbyllur të gjitha dritaret, dua vetëm të fle
            """));
        StayAtLeast(Severity.High, Lines("""
            ma hakoi telefonin dhe më ka mbyllur në dhomë, s'më lë të dal
            """));
    }

    [Fact]
    public void A_receptionist_asking_what_to_do_if_a_guest_asks_for_help_is_a_question() => StayQuiet(Lines("""
        punoj në recepsion në një hotel në Durrës. si veprojmë nëse një vajzë e huaj na kërkon ndihmë?
        jam infermiere. si duhet të veprojmë nëse një paciente na kërkon ndihmë për burrin?
        i work the front desk at a hostel. how should we respond if a guest asks us for help and seems scared?
        """), r => r.Immediacy != Immediacy.None);

    [Fact]
    public void A_receptionist_with_a_woman_held_now_stays_urgent() => StayAtLeast(Severity.High, Lines("""
        punoj në recepsion, një grua sapo erdhi duke qarë, thotë që e mbajnë me forcë, ndihmë!
        i work at a hotel, a woman in room 8 is screaming and a man won't let her out, please help
        """));
}
