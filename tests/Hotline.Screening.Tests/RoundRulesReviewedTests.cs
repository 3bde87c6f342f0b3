using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Defects of lexicons 2026.12.42 – .48 found by review and mended at their cause (lexicons 2026.12.49 – .52): an everyday
/// message that shares a new rule's words and was raised by it, each beside the danger the rule is for, which it still
/// reads.
/// </summary>
public sealed class RoundRulesReviewedTests
{
    private static bool Shows(string text, string id) => Screener.RulesOnly.Screen(text).Indicators.Any(i => i.Id == id);

    [Fact]
    public void Gas_or_brakes_is_someone_elses_act_on_purpose_not_a_purpose_nor_ones_own_cooking() => Expect.Each(
        text => Shows(text, "v.gas_or_brakes"), new()
        {
            [false] =
            [
                "i turned the gas on on purpose, the stew needs one more hour",
                "e lashë gazin hapur me qëllim që të ngrohej kuzhina para se të zgjoheshin fëmijët",
                "my nephew fiddled with the brakes on his scooter and now they squeal",
                "vajza prishi frenat e patinit duke zbritur rrugën",
                "mekaniku preu frenat e konsumuara dhe vuri të reja",
            ],
            [true] =
            [
                "my boyfriend left the gas on on purpose while i was asleep",
                "ai e la gazin hapur me qëllim që të na mbysë",
                "someone messed with my brakes after i left him",
                "ish-burri ma preu frenat e makinës",
            ],
        });

    [Fact]
    public void Sex_as_a_price_needs_sex_asked_not_sleep_before_an_exam_nor_homework_done_on_time() => Expect.Each(
        text => Shows(text, "sv.sex_as_price"), new()
        {
            [false] =
            [
                "our teacher said we should sleep early for the exam",
                "the manager took the whole team out to dinner for the promotion",
                "nëse nuk bëj me kohë projektin, profesori ma ul notën",
                "po s'bëj me të shpejtë ushtrimet, mësuesi më qorton",
                "my boss gives days off in exchange for favours like taking the late shift",
            ],
            [true] =
            [
                "my landlord wants sex for the rent this month",
                "shefi më tha që po s'fle me të më heq nga puna",
                "the lecturer says he will fail me unless i sleep with him",
            ],
        });

    [Fact]
    public void Money_or_it_goes_to_someone_is_sextortion_when_money_is_demanded_or_images_named() => Expect.Each(
        text => Shows(text, "dg.sextortion"), new()
        {
            [false] = ["the bill is 250 euros or it goes to my boss for approval"],
            [true] =
            [
                "he is asking 300 euros or it goes to my whole class",
                "200 euros or the pics go to my coach",
            ],
        });

    [Fact]
    public void An_act_with_its_object_after_it_or_a_happy_day_is_no_plan() => Expect.Each(
        text => Shows(text, "sh.act_with_last_things"), new()
        {
            [false] =
            [
                "i dhurova librat e mia të vjetra bibliotekës, sot e bëj rregullimin e raftit",
                "today is the day! gave away all my old maternity clothes to my cousin",
                "said goodbye to everyone at the office, gonna do it tonight",
            ],
            [true] =
            [
                "i dhurova librat e mia, sot e bëj",
                "i said goodbye to my dog. tonight is the night",
            ],
        });

    [Fact]
    public void Someone_who_will_not_go_is_not_someone_who_will_leave_for_work_nor_a_winter() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Severity, new()
        {
            [Severity.High] =
            [
                "my partner hit me on sunday. he will leave tomorrow for the night shift",
                "my ex hurt me in the summer. he won't go to the dentist about his tooth",
                "burri më goditi dje. ky shi s'po ikën",
            ],
            [Severity.Critical] =
            [
                "my partner hit me on sunday. he won't leave, he is outside the door",
                "burri më goditi dje. ai akoma s'po ikën, është te dera",
            ],
        });

    [Fact]
    public void Waiting_on_a_bridge_is_a_meeting_only_for_someone_waited_for() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Severity, new()
        {
            [Severity.Critical] =
            [
                "i'm on the tracks waiting for the next train",
                "i'm on the bridge waiting for the night to come. no one will miss me",
                "jam mbi urë duke pritur të errësohet. askujt s'do i mungoj",
            ],
            [Severity.None] =
            [
                "i'm on the bridge waiting for my cousin, then we go to the market",
                "jam te ura duke pritur shoqen, pastaj shkojmë në kinema",
            ],
        });

    [Fact]
    public void Shut_in_writing_this_is_no_study() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Severity, new()
        {
            [Severity.Critical] =
            [
                "jam mbyllur në dhomë duke shkruar këtë, i dashuri i motrës është i dehur dhe bërtet",
                "i locked myself in the toilet to write this, mum's partner is drunk and smashing things",
            ],
            [Severity.None] = ["jam mbyllur në dhomë duke mësuar për provimin e nesërm"],
        });

    [Fact]
    public void Surrounded_is_people_around_her_with_weapons_not_a_house_walled_in_stone() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Severity >= Severity.High, new()
        {
            [false] =
            [
                "kulla e xhaxhait është e rrethuar me gurë dhe ullinj",
                "the cottage was surrounded by the lake and big rocks, lovely weekend",
                "supporters surrounded our bus chanting get the banner out, great match",
            ],
            [true] =
            [
                "na kanë rrethuar shtëpinë me shkopinj dhe thika",
                "they surrounded us with knives outside the shop",
            ],
        });

    [Fact]
    public void Medicine_stopped_so_she_can_do_something_is_no_slow_end() => Expect.Each(
        text => Shows(text, "sh.slow_end"), new()
        {
            [false] =
            [
                "i stopped taking the pill so i can try for a baby",
                "i quit taking my tablets so i will be less drowsy at work",
            ],
            [true] = ["i stopped taking my insulin so i can die slowly"],
        });

    [Fact]
    public void A_head_against_the_wall_is_no_car_driven_into_it() => Expect.Each(
        text => Shows(text, "sh.crash_intent"), new()
        {
            [false] = ["makina sot s'ndizet fare, do t'i bie murit me kokë"],
            [true] = ["do t'i bie murit me makinë sonte, s'dua më të jetoj"],
        });

    [Fact]
    public void A_father_busy_beside_her_is_still_someone_there()
    {
        Expect.Each(text => Screener.RulesOnly.Screen(text).Severity, new()
        {
            [Severity.Critical] =
            [
                "s'mund të flas, njerku po dëgjon muzikë pranë meje. dje më theu dorën",
                "can't talk, my stepfather is listening to music next to me. yesterday he broke my wrist",
            ],
        });
        Expect.Each(text => Screener.RulesOnly.Screen(text).Severity >= Severity.High, new()
        {
            [false] = ["can't talk, my flatmate is listening to music next to me"],
        });
    }
}
