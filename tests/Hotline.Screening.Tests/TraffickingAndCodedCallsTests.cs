using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Trafficking, forced work and child marriage told without the words the rules knew, and coded calls from a watched
/// phone (lexicon 2026.12.74). Held to work off goods said to be lost, or to work for nothing with a threat, somewhere
/// they are kept locked; shots at a worker who ran; a daughter, a niece or a neighbour's girl sold as a bride; money
/// taken to marry a child off, told by a professional the child confided in (a real case, not a question); a broker who
/// takes part of the wage and threatens the family if she quits; a child sent by an online "friend" to take valuables
/// somewhere and out of reach since. An everyday order or question (a recipe, the weather, a cleaning booked) beside
/// someone breaking things now or "I'm not alone" is a coded call. Categories the severity did not give: her video or
/// photos spread, circulating or put out in a group is digital_violence; asking how to report or block someone on an app,
/// or to report a video mocking a group, names digital_violence or hate_violence at low; a blow "he gave me" is a beating.
/// Each with look-alikes that must stay as they were.
/// </summary>
public sealed class TraffickingAndCodedCallsTests
{
    /// <summary>Read with the opinion and by the rules alone, no message gives what <paramref name="fires"/> looks for.</summary>
    private static void NeverFires(Func<ScreeningResult, bool> fires, string[] messages) => Each(fires, new() { [false] = messages });

    private static void AlwaysHolds(Func<ScreeningResult, bool> holds, string[] messages) => Each(holds, new() { [true] = messages });

    private static void AllAt(Severity severity, string[] messages) => Each(r => r.Severity, new() { [severity] = messages });

    [Fact]
    public void Held_to_work_off_lost_goods_or_for_nothing_under_a_threat_is_critical_trafficking()
    {
        StayAt(Severity.Critical, "trafficking",
            [
                "they keep me locked in a warehouse in Durrës, they say I broke their shipment so I work for them for nothing or they'll kill me",
                "na mbajnë mbyllur në një magazinë, thonë që humbëm mallin e tyre dhe tani punojmë falas ose na vrasin",
                "na kan mshel n'nji depo, thojn qe e humbem mallin e tyne e tash punojm falas se na vrasin",
            ]);
    }

    [Fact]
    public void Shots_at_a_worker_who_ran_is_critical_trafficking()
    {
        StayAt(Severity.Critical, "trafficking",
            [
                "at the farm where we pick tomatoes a man tried to run away today and the bosses fired at him, they said the same happens to anyone who runs",
            ]);
    }

    [Fact]
    public void Losing_a_match_working_for_free_by_choice_a_shot_at_goal_or_a_real_job_offer_is_not_trafficking()
    {
        NeverFires(r => r.Severity >= Severity.High || r.Categories.Contains("trafficking"),
            [
                "we lost the match so now we have to train for free on sunday lol",
                "i work for free at the animal shelter on weekends",
                "the striker shot at the goal and missed",
                "the company offers a job in the hotel with free accommodation and pays weekly",
                "she tried to leave him last year and he beat her, now she's fine",
            ]);
    }

    [Fact]
    public void A_girl_sold_as_a_bride_is_critical_trafficking_and_a_child_at_risk()
    {
        foreach (var text in new[]
        {
            "vjehrri e ka shitur mbesën 14 vjeç për nuse, nesër vijnë ta marrin",
            "vjehrri e ka shitur mbesen 14 vjec per nuse, neser vijne ta marrin",
            "the girl next door is being sold as a bride, she's 13",
        })
        {
            var r = Is(Severity.Critical, text, "trafficking", "child_at_risk");
            Assert.True(r.Minor, text);
        }
    }

    [Fact]
    public void A_car_sold_or_a_wedding_planned_happily_is_no_sale_of_a_person()
    {
        NeverFires(r => r.Severity >= Severity.Medium || r.Categories.Contains("trafficking"),
            [
                "e ka shitur makinën për 3000 euro",
                "we're planning my sister's wedding, she is so happy, she's 19",
            ]);
    }

    [Fact]
    public void A_professionals_report_of_a_real_child_whose_marriage_was_paid_for_is_high_not_a_question()
    {
        foreach (var text in new[]
        {
            "jam punonjëse sociale në Lezhë. një vajzë 15 vjeçe më tha që xhaxhai mori para nga një burrë për ta martuar këtë verë. çfarë duhet të bëj?",
            "I'm a social worker. a 15 year old told me her parents took money from an older man to marry her off next month. what should I do?",
        })
        {
            var r = Is(Severity.High, text, "trafficking", "child_at_risk");
            Assert.True(r.Minor, text);
        }
    }

    [Fact]
    public void A_professionals_if_stays_a_question()
    {
        AllAt(Severity.Low,
            [
                "I'm a social worker. what should I do if a 15 year old tells me her parents want to marry her off?",
                "jam mësuese, si duhet të veproj nëse një nxënëse 14 vjeç më tregon se e rrahin?",
            ]);
    }

    [Fact]
    public void A_broker_who_takes_part_of_the_wage_and_threatens_the_family_if_she_quits_is_high_trafficking_not_domestic()
    {
        foreach (var text in new[]
        {
            "the agent who found me the job in the hotel takes half my pay every week and says if i quit he knows where my parents live",
            "ndërmjetësi që më gjeti punë në kantier më merr gjysmën e rrogës dhe thotë që po ika e di ku jetojnë prindërit",
        })
        {
            var r = Is(Severity.High, text, "trafficking");
            Assert.DoesNotContain("domestic_violence", r.Categories);
        }
    }

    [Fact]
    public void A_helpful_agent_or_a_family_who_helps_if_she_quits_is_nothing()
    {
        NeverFires(r => r.Severity >= Severity.Medium,
            [
                "the agent who found me the job was really helpful",
                "nëse iki nga puna, prindërit më ndihmojnë, ata jetojnë afër",
            ]);
    }

    [Fact]
    public void A_child_sent_by_an_online_friend_to_take_valuables_and_out_of_reach_is_critical()
    {
        var r = Is(Severity.Critical,
            "my 12 year old's friend from roblox told him to take his mum's jewellery and bring it to the park, he went an hour ago and his phone is off",
            "trafficking", "digital_violence", "child_at_risk");
        Assert.True(r.Minor);
    }

    [Fact]
    public void A_teacher_s_errand_or_a_game_friend_s_advice_is_nothing()
    {
        AllAt(Severity.None,
            [
                "my son's teacher told him to take his laptop to school tomorrow",
                "a friend from fortnite told him to take a break lol",
            ]);
    }

    [Fact]
    public void An_everyday_order_or_question_beside_someone_breaking_things_or_not_alone_is_a_critical_coded_call()
    {
        StayAt(Severity.Critical, "domestic_violence",
            [
                "përshëndetje, a keni recetë për byrek me spinaq? ai erdhi i pirë dhe po then pjatat. rr. e Kavajës 40",
                "pershendetje, a keni recete per byrek me spinaq? ai erdhi i pire dhe po then pjatat. rr. e Kavajes 40",
                "what's the weather tomorrow in durres? he's breaking the door, 12 rruga e kavajes",
                "hi, i want to book a cleaner for tonight at 5 rruga e durresit, don't ring, i'm not alone",
            ]);
    }

    [Fact]
    public void A_plain_order_or_recipe_with_an_address_stays_none_or_low()
    {
        AlwaysHolds(r => r.Severity <= Severity.Low && r.Categories.Count == 0,
            [
                "a keni recetë për byrek me spinaq? jam në rr. e Kavajës 40",
                "i'd like to book a cleaning for tomorrow at 23 rruga e elbasanit, please call before you come",
                "dua një pizza margherita në rrugën e Durrësit 12, kati 3",
                "a do bjerë shi nesër në Vlorë? jemi për plazh",
            ]);
    }

    [Fact]
    public void Her_video_or_photos_spread_or_put_out_in_a_group_is_digital_violence()
    {
        AlwaysHolds(r => r.Severity >= Severity.Medium && r.Categories.Contains("digital_violence"),
            [
                "jam 15 dhe fotot e mia nga ekskursioni po qarkullojnë në grupin e klasës me komente të ndyra",
                "jam 15 dhe fotot e mia nga ekskursioni po qarkullojne ne grupin e klases me komente te ndyra",
                "a group chat at work keeps posting pictures of me with nasty captions",
                "my cousin put out the video of me crying in the school group and now everyone has seen it",
                "ish-i e nxori videon time në grupin e fshatit",
            ]);
    }

    [Fact]
    public void A_wedding_video_everyone_enjoyed_is_nothing()
    {
        AllAt(Severity.None,
            [
                "the wedding video was lovely, everyone has seen the video and loved it",
                "fotot e dasmës qarkullojnë në grupin e familjes, sa bukur dolëm",
            ]);
    }

    [Fact]
    public void Asking_how_to_report_someone_on_an_app_or_a_video_mocking_a_group_names_its_category_at_low()
    {
        AlwaysHolds(r => r.Severity == Severity.Low && r.Categories.Contains("digital_violence"),
            [
                "si mund ta raportoj një profil në instagram që përdor emrin tim?",
                "how do i report a youtube channel that mocks disabled people?",
            ]);
        AlwaysHolds(r => r.Severity == Severity.Low && r.Categories.Contains("hate_violence"),
            [
                "how do i report a youtube channel that mocks disabled people?",
                "a ka ndonjë mënyrë të raportoj një video që tallet me romët?",
            ]);
        AlwaysHolds(r => r.Severity <= Severity.Low && r.Categories.Count == 0,
            [
                "how do i report a bug in the game to roblox support?",
            ]);
    }

    [Fact]
    public void A_blow_he_gave_her_is_a_beating_and_a_slap_in_a_film_is_not()
    {
        StayAtLeast(Severity.High,
            [
                "burri më ka dhënë një grusht në brinjë dje, s'kam shkuar te mjeku",
                "the slap he gave me on friday left a bruise and i haven't told anyone",
                "grushtin që më dha ende më dhemb",
            ]);
        AllAt(Severity.None, ["the slap in the film was so dramatic"]);
    }
}
