using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A plan to die told without the words the rules knew (lexicon 2026.12.79): by a place (a Gheg roof, a castle wall, the
/// tracks with the train's coming, a balcony where she thinks of jumping), by pills gathered, by a method worked out and
/// its means known, by a stay in hospital after the pills and the will to finish it, by dying together or with a child,
/// by a farewell posted or a "take care of mum for me" — each beside look-alikes that must not fire.
/// </summary>
public sealed class PlansToldWithoutTheirWordsTests
{
    [Fact]
    public void Thinking_of_jumping_where_she_goes_at_night_is_an_intent_to_die() => StayAtLeast(Severity.High, Lines("""
        çdo natë rri te dritarja dhe mendoj të hidhem
        u ngjita në çati të pallatit dhe po mendoj të hidhem
        """));

    [Fact]
    public void A_balcony_for_coffee_or_a_jump_into_a_pool_is_not() => StayQuiet(Lines("""
        dola në ballkon me kafe dhe po mendoj për pushimet
        jetojmë në katin e pestë, ballkoni ka pamje të bukur
        nga ballkoni mendoj të hidhem në pishinë sonte me shokët
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void Pills_gathered_or_saved_up_are_a_plan() => Each(r => (r.Severity >= Severity.High, r.Categories.Contains("self_harm")), new()
    {
        [(true, true)] = Lines("""
            kam nisur t'i mbledh tabletat e gjumit një nga një, s'i kam pirë akoma
            po i grumbulloj hapat e gjumit në sirtar
            been saving up my sleeping pills for a couple of weeks now
            I've been stockpiling my antidepressants in a sock
            """),
    });

    [Fact]
    public void Pills_saved_up_with_no_hour_are_high_not_an_emergency() => StayAt(Severity.High, "self_harm", Lines("""
        been saving up my sleeping pills for a couple of weeks now
        kam nisur t'i mbledh tabletat e gjumit një nga një, s'i kam pirë akoma
        """));

    [Fact]
    public void Medicine_collected_for_the_pharmacy_money_for_medicine_or_hay_is_not() => StayQuiet(Lines("""
        po mbledh ilaçet e skaduara për t'i çuar në farmaci
        po mbledh paratë për ilaçet e nënës
        po mbledhim barin për lopët
        we're collecting old medicine for the pharmacy drive
        collecting my prescription at the chemist today
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void Leaving_this_world_and_ending_oneself_in_gheg_forms_are_an_intent_to_die() => StayAt(Severity.High, "self_harm", Lines("""
        po mendoj qysh me ik prej ksaj dynjaje, s'kam ma forcë
        ka kohë që du me u largu prej ksaj bote
        kam mendime me i dhanë fund vetes
        """));

    [Fact]
    public void Leaving_a_job_or_a_town_or_ending_a_strike_is_not() => StayQuiet(Lines("""
        du me ik prej ksaj pune, shefi më lodh
        dua të iki nga ky qytet, s'ka punë
        sindikata i dha fund grevës sot
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void Not_living_with_the_shame_is_an_intent_to_die() => StayAt(Severity.High, "self_harm", Lines("""
        s'mund të jetoj me këtë turp, të gjithë e dinë
        i can't live with the shame after what i did
        """));

    [Fact]
    public void Not_living_without_coffee_or_with_the_noise_is_not() => StayQuiet(Lines("""
        s'mund të jetoj pa kafe në mëngjes
        i can't live with the noise from upstairs
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void Done_said_on_a_roof_a_castle_wall_or_the_tracks_is_a_plan_now() => StayAt(Severity.Critical, "self_harm", Lines("""
        i'm on the roof of my building. i'm done
        jam mbi murin e kalasë. jam e mbaruar.
        kom hip n'kulm t'pallatit. s'muj ma. mos m'kërkoni
        jam te binarët. kur të vijë treni mbaron.
        """));

    [Fact]
    public void A_roof_being_mended_a_castle_visited_or_an_essay_done_is_not() => Each(r => r.Severity >= Severity.High, new()
    {
        [false] = Lines("""
            we're up on the roof fixing the antenna, almost done
            i'm up on the castle walls in gjirokastra, the view is amazing
            jam në kulm të shtëpisë duke rregulluar tjegullat
            jam në stacion, kur të vijë treni të shkruaj
            finished my essay, i'm done.
            """),
    });

    [Fact]
    public void A_method_worked_out_with_its_means_known_is_a_plan() => StayAt(Severity.High, "self_harm", Lines("""
        i've figured out how i'd do it. i know where mum keeps her sleeping pills
        e kam menduar si ta bëj. e di ku i mban babai ilaçet e zemrës
        """));

    [Fact]
    public void A_shelf_worked_out_or_a_rope_borrowed_for_camping_is_not() => StayQuiet(Lines("""
        i've figured out how i'd do it, the bookshelf will fit in the corner
        i know where dad keeps the rope, can i borrow it for camping?
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void In_hospital_after_the_pills_and_going_to_finish_it_is_now() => StayAt(Severity.Critical, "self_harm", Lines("""
        i'm in hospital after the overdose. when they let me go i'll finish it properly
        jam në spital pas ilaçeve. sapo të dal do ta mbaroj si duhet
        """));

    [Fact]
    public void A_rash_from_the_pills_or_an_essay_to_finish_properly_is_not() => StayQuiet(Lines("""
        in hospital after the pills gave me a rash, allergic reaction
        i need to finish it properly before monday, the essay is due
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void Dying_all_together_said_by_the_one_driving_is_a_threat_to_their_lives() => Each(r => (r.Severity >= Severity.High, r.Categories.Contains("domestic_violence")), new()
    {
        [(true, true)] = Lines("""
            burri po nget si i çmendur me fëmijët në makinë dhe thotë do vdesim të gjithë bashkë
            my husband grabbed the kids and drove off screaming we'll all die together
            """),
    });

    [Fact]
    public void Ending_her_life_with_her_baby_puts_the_child_at_risk_too() => StayAt(Severity.High, "child_at_risk", Lines("""
        kam mendime t'i jap fund vetes bashkë me foshnjën
        dje mendova me i dhanë fund jetës bashkë me djalin e vogël
        """));

    [Fact]
    public void Dying_of_laughter_together_or_a_couple_who_died_in_their_sleep_is_not() => StayQuiet(Lines("""
        we'll all die of laughter together 😂
        the old couple died together in their sleep, so sad
        """), r => r.Indicators.Any(i => i.Id is "v.die_together" or "sh.end_with_child"));

    [Fact]
    public void A_goodbye_posted_is_a_farewell_note() => StayAt(Severity.Critical, "self_harm", Lines("""
        my friend posted goodbye on her story and isn't answering
        shoqja postoi lamtumirë në story dhe s'përgjigjet
        """));

    [Fact]
    public void A_goodbye_to_the_summer_posted_is_not() => StayQuiet(Lines("""
        posted a goodbye to summer on my story 🌅
        postova lamtumirë verës në instagram
        shared a farewell post for our retiring teacher on facebook
        wrote a goodbye card for my colleague and put it on the wall
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void Mum_left_in_someone_s_care_at_a_bridge_is_a_goodbye() => StayAt(Severity.Critical, "self_harm", Lines("""
        take care of mum for me. i'm on the bridge
        kujdesuni për mamin për mua. jam te ura
        """));

    [Fact]
    public void A_cat_left_in_someone_s_care_for_a_weekend_is_not() => StayQuiet(["take care of the cat for me while i'm in rome this weekend"],
        r => r.Categories.Contains("self_harm"));
}
