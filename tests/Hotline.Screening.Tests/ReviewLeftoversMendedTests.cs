using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Defects the review of this round's rules left open, mended at their cause (lexicon 2026.12.53): a party thrown for
/// her, sticks for a campfire, a bare "he" at her brakes, a group asked over to his place; and (2026.12.57) gas opened
/// on purpose with nothing after it, papers she is not let keep, a price told after "tha"; (2026.12.58) a match or a
/// film watched beside her by him. Each everyday message is
/// beside the danger that shares its words, which is still read, with the opinion and by the rules alone.
/// </summary>
public sealed class ReviewLeftoversMendedTests
{
    [Fact]
    public void Being_found_out_and_then_given_a_party_is_no_hate_but_a_beating_after_it_still_is()
    {
        string[] kind =
        [
            "my cousins found out i'm lesbian and threw me a big birthday party",
            "they found out im bi and threw us a surprise dinner",
            "my flatmates threw me a farewell bbq on friday",
        ];
        Each(r => r.Severity >= Severity.High || r.Categories.Contains("hate_violence"), new() { [false] = kind });
        Each(r => r.Severity >= Severity.High && r.Categories.Contains("hate_violence"), new()
        {
            [true] =
            [
                "my classmates found out i'm trans and threw me to the ground",
                "my uncles found out i'm gay and threw me against the fridge",
                "shokët e klasës e morën vesh që jam trans dhe më rrahën pas shkollës",
                "shoket e klases e moren vesh qe jam trans dhe me rrahen pas shkolles",
            ],
        });
    }

    [Fact]
    public void Sticks_for_a_campfire_are_no_weapons_but_a_group_around_her_with_sticks_is_a_mob()
    {
        Each(r => r.Severity >= Severity.High, new()
        {
            [false] =
            [
                "the children stood all around us holding sticks for the bonfire",
                "the little ones were around us with sticks to roast marshmallows",
                "fëmijët ishin rreth nesh me shkopinj për zjarrin e kampit",
                "femijet ishin rreth nesh me shkopinj per zjarrin e kampit",
            ],
        });
        Each(r => r.Severity, new()
        {
            [Severity.Critical] =
            [
                "a gang surrounded us with sticks",
                "some men surrounded my car with sticks",
                "na rrethuan disa djem me shkopinj",
                "na rrethuan disa djem me shkopinj per zjarr",
                "they surrounded us with sticks for the bonfire and hit my brother",
            ],
        });
    }

    [Fact]
    public void A_bare_he_at_her_brakes_or_the_gas_is_of_her_household_a_stranger_is_not_and_a_repair_is_nothing()
    {
        Each(r => r.Severity >= Severity.High && r.Categories.Contains("domestic_violence"), new()
        {
            [true] =
            [
                "he cut the brakes on my car",
                "i think he tampered with my brakes",
                "ai ma ka prerë frenat e makinës",
                "ai ma ka prere frenat e makines",
                "he left the gas on on purpose while i was asleep",
            ],
            [false] =
            [
                "a stranger cut my brakes in the car park",
                "the mechanic said he cut the old brakes off and put new ones",
            ],
        });
        Each(r => r.Severity >= Severity.High, new() { [true] = ["a stranger cut my brakes in the car park"] });
    }

    [Fact]
    public void A_group_asked_over_to_his_place_is_no_price_but_her_alone_as_the_condition_is()
    {
        Each(r => r.Categories.Contains("sexual_violence"), new()
        {
            [false] =
            [
                "our teacher asked whether we could all come over to his house for the class party",
                "my coach asked if we could go out for drinks with him and the team",
                "the trainer asked if we can come to his flat to watch the final with the squad",
            ],
            [true] =
            [
                "my coach said if i come over to his place he will keep me on the team",
                "the lecturer told me unless you come to his flat you won't pass",
                "profesori më tha po s'shkova në apartamentin e tij s'e kaloj provimin",
            ],
        });
    }

    /// <summary>The first messages are high in the category, the second neither high nor in it.</summary>
    private static void HighIn(string category, string[] read, string[] notRead) =>
        Each(r => r.Severity >= Severity.High && r.Categories.Contains(category), new() { [true] = read, [false] = notRead });

    [Fact]
    public void Gas_opened_on_purpose_with_nothing_after_it_is_his_harm_but_a_bill_opened_or_her_cooking_is_not()
    {
        HighIn("domestic_violence",
            [
                "he opened the gas on purpose while the children slept",
                "my boyfriend turned the gas on purpose and went out",
            ],
            [
                "i opened the gas on purpose to cook the beans, relax",
                "he opened the gas bill on purpose to show me how high it was",
            ]);
    }

    [Fact]
    public void Papers_she_is_not_let_keep_are_held_by_him_but_a_parents_keeping_for_a_trip_is_not()
    {
        HighIn("trafficking",
            [
                "the boss won't let us keep our own passports",
                "he doesn't allow me to keep my own id",
                "pronari s'na lë të mbajmë vetë pasaportat",
                "pronari s'na le te mbajme vete pasaportat",
            ],
            [
                "mum won't let me keep my passport on the school trip, the teacher holds them all",
                "i keep my own passport now and my boss lets me go home every weekend",
            ]);
    }

    [Fact]
    public void A_price_told_after_tha_is_read_as_the_condition_it_is_but_sleep_before_an_exam_is_not()
    {
        HighIn("sexual_violence",
            [
                "pedagogu tha nëse s'fle me të do më rrëzojë në provim",
                "pedagogu tha nese s fle me te do me rrezoje ne provim",
            ],
            [
                "profesori tha nëse s'fle mirë para provimit do ngelesh",
                "mami tha nëse s'fle me ty sonte vëllai do qajë gjithë natën",
            ]);
    }

    [Fact]
    public void He_watching_a_match_beside_her_is_someone_there_but_a_sister_a_ball_or_a_keeper_is_not()
    {
        Each(r => r.Severity == Severity.Critical && r.Categories.Contains("domestic_violence"), new()
        {
            [true] = ["ai po shikon ndeshjen prane meje, s mund te flas", "he is watching the game next to me, can't talk"],
            [false] =
            [
                "my sister is watching the match next to me, can't talk",
                "the ball is next to me, the match starts in 5 minutes, cant talk",
                "he scored in the match, the keeper is right next to me",
            ],
        });
    }

    [Fact]
    public void A_film_he_watches_beside_her_makes_no_story_of_the_arm_he_broke_but_a_film_told_stays_a_story()
    {
        HighIn("domestic_violence",
            [
                "s'flas dot, xhaxhai po shikon serialin pranë meje. mbrëmë më theu krahun",
                "cant talk, my uncle is watching a movie beside me. last night he broke my wrist",
            ],
            [
                "we watched a film yesterday. the husband broke her arm in the end",
                "babai dhe unë pamë filmin. në fund ai e vrau gruan",
            ]);
    }
}
