using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Early signs with no act or threat yet, read at medium with their category. Control (lexicon 2026.12.54): a partner,
/// an ex, an in-law or a brother who checks her bag, pockets, bills or mileage, asks about every lek, times when she
/// goes out and comes in, keeps the bank cards, or will not let her have a phone, a card or money of her own, is
/// domestic_violence; a mechanic's or a customs check, her own checking, a parent's rule, a husband at his own work and
/// a film are nothing. A marriage being arranged for her (lexicon 2026.12.55): parents, an aunt or an uncle finding her
/// a husband, getting her engaged, or agreeing with another family that she will marry, is trafficking (with
/// child_at_risk for a minor); her own wish, a father agreeing to the man she chose, a dress or a gift found, a joke and
/// a film are nothing. Her photos used to mock her (lexicon 2026.12.59): screenshots of her stories shared, girls
/// ranked by their pictures, an account made with her photos, is digital_violence; her own screenshot, a team's photos
/// judged, a birthday joke and a page she asked for are nothing. Wages held by an employer (lexicon 2026.12.61): months
/// without pay, wages kept for the room or until the season ends, is trafficking; a payday, a bank, a mother's keeping
/// and a coach's promise are not. An ex who keeps turning up (lexicon 2026.12.66): driving past her home, at her gym or
/// work, and only staying and watching, is domestic_violence; a pick-up as agreed and a trainer are not.
/// </summary>
public sealed class EarlySignsTests
{
    private static void AreMedium(string category, string[] messages) =>
        Each(r => r.Severity == Severity.Medium && r.Categories.Contains(category), new() { [true] = messages });

    /// <summary>The first messages are at least medium in the category, the second not in it (a mother's keeping stays her household's).</summary>
    private static void AtLeastMediumIn(string category, string[] read, string[] notIn) =>
        Each(r => r.Severity >= Severity.Medium && r.Categories.Contains(category), new() { [true] = read, [false] = notIn });

    private static void AreNothing(string category, string[] messages) =>
        Each(r => r.Severity >= Severity.Medium || r.Categories.Contains(category), new() { [false] = messages });

    [Fact]
    public void Her_bag_bills_and_hours_checked_or_no_card_of_her_own_allowed_by_a_partner_or_an_in_law_are_medium_domestic_violence()
    {
        AreMedium("domestic_violence",
            [
                "burri ma kontrollon çantën sa herë kthehem nga tregu",
                "burri ma kontrollon canten sa here kthehem nga tregu",
                "i shoqi ia kontrollon xhepat motrës sime çdo mbrëmje",
                "vjehrri na kontrollon kur dalim e kur hyjmë, burri hesht",
                "i dashuri kontrollon çdo faturë që paguaj",
                "ish-i më pyet për çdo lek që harxhoj për fëmijën",
                "my boyfriend goes through my purse every night",
                "my husband makes me account for every euro i spend",
                "my mother-in-law keeps all the bank cards in her room",
                "i fejuari s'më lë të kem llogari bankare timen",
                "i fejuari s'me le te kem llogari bankare timen",
                "my girlfriend won't let me have my own bank account",
                "my husband doesn't allow me to have a phone of my own",
            ]);
    }

    [Fact]
    public void A_mechanic_customs_her_own_checking_a_parents_rule_a_job_or_a_film_is_no_sign_of_control()
    {
        AreNothing("domestic_violence",
            [
                "mekaniku kontrollon kilometrat e makinës në çdo servis",
                "në aeroport ma kontrolluan çantën dy herë",
                "mami më kontrollon kur kthehem nga shkolla, jam 13",
                "i check every receipt before paying, my husband does the shopping",
                "my husband checks the mileage before our trip to durres",
                "mum won't let me have my own phone until i'm 12",
                "burri kontrollon faturat e dyqanit se është kontabilist",
                "my coach checks every kilometre we run on the app",
                "in the film the husband goes through her purse and finds a letter",
            ]);
    }

    [Fact]
    public void A_husband_found_or_an_engagement_made_for_her_by_her_family_is_medium_trafficking()
    {
        AreMedium("trafficking",
            [
                "my parents keep talking about finding me a husband back home, im 19",
                "my uncle agreed with a family in kukes that i will marry their son next year",
                "nëna dhe tezja po më gjejnë burrë në Gjermani, unë s'dua",
                "nena dhe tezja po me gjejne burre ne Gjermani, une s'dua",
                "prindërit po më fejojnë me një djalë nga fshati",
            ]);
        Each(r => r.Categories.Contains("trafficking") && r.Categories.Contains("child_at_risk"), new()
        {
            [true] = ["im 16 and my parents are already finding me a husband in the village"],
        });
    }

    [Fact]
    public void Her_own_choice_a_dress_a_gift_a_joke_or_a_film_is_no_marriage_arranged()
    {
        AreNothing("trafficking",
            [
                "can you find me a husband lol my mum keeps asking when",
                "my aunt is finding me a dress for my sister's wedding",
                "po i gjejmë burrë shoqes në tinder haha",
                "my dad agreed that i marry my boyfriend next summer, we're so happy",
                "babai ra dakord me fejesën time me Arbenin, jam shumë e lumtur",
                "in the film her parents find her a husband in the village",
                "po i gjejnë dhuratë nuses për dasmën e vëllait",
            ]);
    }

    [Fact]
    public void Her_photos_taken_and_put_up_to_mock_or_rate_her_are_medium_digital_violence()
    {
        AreMedium("digital_violence",
            [
                "a guy in my course screenshots my stories and posts them in a group to laugh at me",
                "dikush bëri screenshot profilin tim dhe e postoi në një faqe me komente të ndyra",
                "dikush beri screenshot profilin tim dhe e postoi ne nje faqe me komente te ndyra",
                "some boys made a poll ranking the girls with our photos from insta",
                "someone opened an account using my photos and writes to my colleagues",
            ]);
    }

    [Fact]
    public void Her_own_screenshot_a_team_judged_a_birthday_joke_or_a_page_she_asked_for_is_no_mockery()
    {
        AreNothing("digital_violence",
            [
                "i screenshot my own story to keep the memory",
                "the judges are rating the girls team photos for the yearbook contest",
                "my friend photoshopped my face onto a superhero body for my birthday, so funny",
                "bëra screenshot storyn e shoqes sime sepse më pëlqeu fustani",
                "my friends keep tagging me in posts saying happy birthday",
                "she made an instagram page with my face for my art portfolio, i asked her to",
            ]);
    }

    [Fact]
    public void Wages_held_by_an_employer_for_room_or_season_are_medium_trafficking_but_a_payday_a_mother_or_a_coach_is_not()
    {
        AtLeastMediumIn("trafficking",
            [
                "our wages are 3 months overdue and the boss says wait",
                "jemi 2 muaj pa rrog në ndërtim, shefi s'përgjigjet",
                "pronarët e hotelit na i mbajnë rrogat për dhomën dhe ushqimin",
                "pronaret e hotelit na i mbajne rrogat per dhomen dhe ushqimin",
            ],
            [
                "my boss says we get paid at the end of the month, is that normal?",
                "banka e mban pagën time në llogari depozitë",
                "e pagova gjysmën e makinës, pjesën tjetër në fund të vitit",
                "mami ma mban rrogën për shpenzimet e shtëpisë, ia jap vetë me dëshirë",
                "the coach keeps saying we will get paid at the end of the season if we win the league",
            ]);
    }

    [Fact]
    public void An_ex_who_keeps_turning_up_where_she_is_and_watches_is_medium_but_a_pick_up_or_a_trainer_is_not()
    {
        AreMedium("domestic_violence",
            [
                "my ex keeps driving by my flat at night and slows down",
                "my ex keeps turning up at my office and just watches me through the glass",
                "ish-i vjen te puna ime çdo ditë dhe vetëm rri aty jashtë",
                "ish-i vjen te puna ime cdo dite dhe vetem rri aty jashte",
            ]);
        StayQuiet(
            [
                "my ex turns up at the kids' school every friday to pick them up as agreed",
                "my ex drives past my house on the way to drop the kids at school, all good",
                "ish-i vjen çdo të shtunë për djalin, rri aty dhe luajnë futboll",
                "he keeps showing up at the gym, he's my trainer lol",
                "the postman keeps driving past my house twice a day",
            ],
            r => r.Indicators.Any(i => i.Id == "dv.ex_keeps_turning_up"));
    }
}
