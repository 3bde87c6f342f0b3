using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Danger now told by where he is and what he holds, and the questions and stories that only name it: the one who hurt
/// her gone to another room of the same home; a belt taken off or a knife drawn; the door's key in his pocket; a bus
/// that leaves now with a child on it, a child forced into the back of a van; pills piled up beside a goodbye; the one
/// a past harm is told of (a relative clause) who found her and waits now. And what must stay quiet: a husband cooking,
/// a belt at airport security, car keys, a bus timetable, a traveller's question about a border crossing, a question of
/// law asked in general, a film or a novel about a girl sold, a grandmother's war stories. Each read with the opinion
/// and by the rules alone.
/// </summary>
public sealed class DangerNowWhereHeIsAndWhatHeHoldsTests
{
    [Fact]
    public void A_blow_then_he_went_to_another_room_of_the_home_is_critical() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        he punched me in the stomach, now he's in the shower
        my husband strangled me a minute ago, he just went to the bathroom
        burri më kapi për fyti, tani shkoi të marrë ujë në kuzhinë
        """));

    [Fact]
    public void A_husband_cooking_a_dad_shaving_or_a_film_are_not() => StayQuiet(Lines("""
        my husband is in the kitchen making dinner
        burri shkoi në kuzhinë të bëjë kafe
        my dad went to the bathroom to shave, we're going to the match after
        in the film he hits her and then goes to the bathroom to wash his hands
        """), AnyCategory);

    [Fact]
    public void Yesterdays_slap_then_the_kitchen_is_not_danger_now() => Each(r => r.Severity == Severity.Critical, new()
    {
        [false] = Lines("""
            yesterday he slapped me and then went to the kitchen as if nothing happened
            """),
    });

    [Fact]
    public void A_belt_taken_off_or_the_doors_key_in_his_pocket_beside_a_harm_is_critical() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        my dad took off his belt and said he'll beat me till i bleed
        babai e nxori rripin dhe tha që do më rrahë
        he broke my arm. the door is locked and the key is in his pocket
        më rrahu dhe tani dera është me çelës e çelësi në xhepin e tij
        """));

    [Fact]
    public void A_belt_loosened_after_dinner_keys_left_in_a_pocket_or_car_keys_are_not() => StayQuiet(Lines("""
        babi hoqi rripin se i rrinte ngushtë pas darkës
        i left the keys in his pocket lol
        çelësat e makinës janë në xhepin e tij, do vijë të më marrë
        """), AnyCategory);

    [Fact]
    public void A_belt_taken_off_at_airport_security_is_not_critical() => Each(r => r.Severity == Severity.Critical, new()
    {
        [false] = Lines("""
            at airport security he took off his belt and shoes
            """),
    });

    [Fact]
    public void A_child_on_a_bus_that_leaves_now_or_forced_into_the_back_of_a_van_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            xhaxhai po na fut në autobus për në Greqi që të lypim, jam 11 vjeç. autobusi niset tani
            a man forced a little girl into the back of a van outside the school, just now
            """),
    });

    [Fact]
    public void A_bus_timetable_a_sofa_in_a_van_a_trip_to_the_beach_or_a_crossings_queue_are_not() => StayQuiet(Lines("""
        autobusi niset tani për Durrës, a ka vende?
        we loaded the sofa into the back of a van
        mami po na fut në makinë për në plazh
        which border crossing to north macedonia has the shortest queue today?
        cila pikë kufiri për në Greqi ka më pak radhë sot?
        """), AnyCategory);

    [Fact]
    public void People_locked_in_a_truck_at_the_crossing_stay_critical() => StayAt(Severity.Critical, "trafficking", Lines("""
        we're locked in a truck crossing to greece now, the men took our phones
        """));

    [Fact]
    public void A_question_of_law_asked_in_general_is_low() => StayQuiet(Lines("""
        what's the law on hitting kids in albania? my mother-in-law says a slap is fine
        if someone threatens to post nudes of you, can you report it before they do? just asking
        """), r => r.Severity > Severity.Low);

    [Fact]
    public void A_threat_to_her_beside_a_question_of_law_stays_high() => StayAtLeast(Severity.High, Lines("""
        he is threatening to post my nudes tonight, what does the law say, please help
        """));

    [Fact]
    public void Pills_piled_up_beside_a_goodbye_are_critical_self_harm() => StayAt(Severity.Critical, "self_harm", Lines("""
        my sister is live on tiktok right now crying and showing a heap of pills, she said goodbye to everyone
        motra po bën live tani, tregon një grusht me hapa dhe thotë lamtumirë të gjithëve
        """));

    [Fact]
    public void A_pharmacy_counter_or_a_weeks_vitamins_are_not() => StayQuiet(Lines("""
        the pharmacist put a pile of pills on the counter, goodbye flu season lol
        i sorted a handful of vitamins for the week, bye for now
        """), SelfHarm);

    [Fact]
    public void A_girl_sold_in_a_series_or_a_novel_or_a_grandmothers_war_stories_are_not() => StayQuiet(Lines("""
        did you watch the series where they sell the girl to a gang in milan? the actress was brilliant
        a e lexuat romanin për vajzën që e shesin në Itali? shumë i bukur
        my grandma's stories about hiding in the cellar during the war make me cry
        """), AnyCategory);

    [Fact]
    public void Sold_herself_told_beside_a_film_stays_critical() => StayAt(Severity.Critical, "trafficking", Lines("""
        my uncle sold me to a man in italy, it's like a film, please help
        """));

    [Fact]
    public void The_one_a_past_harm_is_told_of_who_found_her_and_waits_now_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            the man who raped me last year found me at work today and is waiting outside the door
            i dashuri që më rrahu vitin e kaluar më gjeti sot në punë dhe po më pret jashtë derës
            """),
    });

    [Fact]
    public void An_apology_a_prison_or_what_she_was_told_of_last_year_is_not_critical() => Each(r => r.Severity == Severity.Critical, new()
    {
        [false] = Lines("""
            the man who attacked me years ago found me on facebook and apologised
            the man who raped me last year is in prison now and i feel safe
            mësuesja më tha që vitin e kaluar kishte probleme, tani është mirë
            """),
    });

    [Fact]
    public void A_covert_call_written_while_he_sleeps_is_critical() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        Taksi ju lutem te Rruga e Kavajës pranë dyqanit. shpejt. ai po fle tani, mos më telefononi
        """));

    [Fact]
    public void A_baby_asleep_beside_dont_call_is_not() => StayQuiet(Lines("""
        bebja po fle, mos më telefononi, më shkruani
        """), AnyCategory);

    [Fact]
    public void Men_sent_to_her_work_by_a_profile_made_of_her_is_high() => Each(r => r.Severity, new()
    {
        [Severity.High] = Lines("""
            someone made a fake instagram with my pictures and my number and men keep showing up at my work asking for me
            """),
    });

    [Fact]
    public void Customers_of_her_shop_or_guests_of_her_flat_are_not() => StayQuiet(Lines("""
        i put my flat on airbnb and people keep showing up at the house
        """), AnyCategory);

    [Fact]
    public void Something_done_to_her_while_she_was_drunk_is_sexual_violence() => Each(r => r.Severity >= Severity.High && r.Categories.Contains("sexual_violence"), new()
    {
        [true] = Lines("""
            he did something to me when i was drunk and i can't remember
            """),
    });

    [Fact]
    public void A_prank_on_her_face_or_her_hair_while_asleep_is_not() => StayQuiet(Lines("""
        my friends did something to my hair when i was asleep lol
        they did something to me when i was asleep, drew a moustache on my face haha
        """), AnyCategory);

    [Fact]
    public void A_partners_no_to_an_outing_is_control_not_held_now() => Each(r => r.Severity, new()
    {
        [Severity.High] = Lines("""
            my boyfriend won't let me go out
            i dashuri nuk më lë të dal
            """),
    });

    [Fact]
    public void Not_let_out_of_the_house_or_let_out_at_all_stays_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            he won't let me go out of the house and he hit me
            he won't let me out, he locked the door
            my husband won't let me leave the house, he took my keys
            """),
    });

    // Mended after review: who does what to whom. A lock done to her is not the keys shut in a car; a thing that hit him
    // is no one's blow; a finding that ended in friendship is no pursuit; a sleeping child is why not to ring, not a call
    // written in hiding; a profile is harm when someone else made it of her; care under anaesthesia and a thing named
    // as done are not the act she cannot name; pills that fell and a key while he is at work make no danger now.

    [Fact]
    public void Locked_in_with_the_key_in_his_pocket_is_critical() => StayAt(Severity.Critical, "domestic_violence", Lines("""
        burri më mbylli brenda në shtëpi dhe çelësi është në xhepin e tij, nuk mund të dal
        my boyfriend locked me inside and the key is in his pocket, i can't get out
        he punched me and the key is in his pocket, i can't get out
        """));

    [Fact]
    public void Keys_shut_in_a_car_or_behind_a_door_are_not() => StayQuiet(Lines("""
        e mbylla makinën me çelësat brenda, po pres mekanikun
        m'u mbyll dera me çelësat brenda, si ta hap?
        i locked my keys in the car again lol
        """), AnyCategory);

    [Fact]
    public void A_thing_that_hit_him_then_a_room_of_the_home_is_not_critical() => Each(r => r.Severity == Severity.Critical, new()
    {
        [false] = Lines("""
            burri u përplas me derën e dollapit, tani shkoi në banjë të lajë fytyrën
            babi u godit me top në kokë në ndeshje, tani është në banjë duke larë fytyrën
            """),
        [true] = Lines("""
            u godit nga burri me shkop dhe tani ai shkoi në kuzhinë
            """),
    });

    [Fact]
    public void A_finding_that_ended_in_friendship_is_not_critical() => Each(r => r.Severity == Severity.Critical, new()
    {
        [false] = Lines("""
            the boy who hit me in year 5 found me on snapchat today, we laughed about it and we're friends now
            ai që më ngacmonte në shkollë më gjeti sot në instagram, qeshëm bashkë, tani jemi shokë
            """),
        [true] = Lines("""
            the guy who was blackmailing me found me today and he is outside my house now
            """),
    });

    [Fact]
    public void A_sleeping_child_as_why_not_to_ring_is_not_a_covert_call() => Each(r => r.Severity == Severity.Critical, new()
    {
        [false] = Lines("""
            a pizza to 14 oak road please, quick. the baby is asleep now, don't ring the bell
            një pica në rrugën e Elbasanit 3 ju lutem, shpejt. vogëlushi po fle, mos i bini ziles
            the kids are asleep now, please don't ring the bell, just leave it at the door
            """),
    });

    [Fact]
    public void A_sale_or_an_ad_of_her_own_brings_no_one_sent_to_her() => StayQuiet(Lines("""
        sold my old bike on facebook marketplace, a guy came to my house to pick it up
        we advertised puppies on instagram and people came to our house to see them
        """), AnyCategory);

    [Fact]
    public void A_viral_video_of_a_shop_is_not_high() => Each(r => r.Severity >= Severity.High, new()
    {
        [false] = Lines("""
            a video of our bakery went viral on tiktok and strangers keep showing up at the shop
            """),
    });

    [Fact]
    public void Men_sent_by_a_profile_made_of_her_on_any_site_are_high_digital() => Each(r => r.Severity >= Severity.High && r.Categories.Contains("digital_violence"), new()
    {
        [true] = Lines("""
            my ex made a fake account pretending to be me on a dating app and now strangers come to my house
            dikush bëri një profil të rremë me fotot e mia dhe tani burra të panjohur më vijnë te dera
            someone posted my address and my nudes and men keep showing up at my door
            """),
    });

    [Fact]
    public void Care_under_anaesthesia_or_her_nails_painted_are_not() => StayQuiet(Lines("""
        the nurses did something to me while i was under anaesthesia, my hip feels great
        mjeku më bëri diçka kur isha në narkozë, tani më dhemb pak
        my sister did something to me while i was sleeping, she painted my toenails green
        """), AnyCategory);

    [Fact]
    public void Waking_without_her_clothes_after_something_done_stays_sexual_violence() => Each(r => r.Severity >= Severity.High && r.Categories.Contains("sexual_violence"), new()
    {
        [true] = Lines("""
            someone did something to me when i was passed out at the party, i woke up without my underwear
            """),
    });

    /// <summary>The rules alone: the opinion reads the spilled pills as it did before these rules (its own false alarm).</summary>
    [Fact]
    public void Pills_that_fell_or_a_key_while_he_is_at_work_are_not_critical_by_the_rules() => Expect.Each(text => Screener.RulesOnly.Screen(text).Severity == Severity.Critical, new()
    {
        [false] = Lines("""
            knocked the pill jar off the shelf, a handful of pills rolled under the sofa, bye gotta find them
            mom dropped her pills and a handful spilled under the bed, bye i'm helping her
            the flat is locked and the key is in his pocket, he's at work till five, i'll wait at the café
            """),
    });

    [Fact]
    public void A_hedge_before_her_own_situation_caps_nothing() => Each(r => r.Severity >= Severity.High, new()
    {
        [true] = Lines("""
            just asking in general, is it abuse if my mum's boyfriend comes into the bathroom when i shower? im 13
            just asking, if someone works with no pay and the boss took their passport, what can they do? it's my situation
            """),
    });

    [Fact]
    public void A_hedge_keeps_a_childs_minor_flag() => Each(r => r.Minor, new()
    {
        [true] = Lines("""
            pyes në përgjithësi, a lejohet martesa në 16 vjeç? prindërit e mi më kanë fejuar
            """),
    });

    [Fact]
    public void A_question_in_general_with_no_one_of_hers_stays_low() => StayQuiet(Lines("""
        asking in general, what is the sentence for trafficking in albania? it's for a school project
        thjesht pyes, sa vjet burg jep ligji për trafikim njerëzish?
        """), r => r.Severity > Severity.Low);

    // Mended after review (second pass): an idiom frames its own words only, not a lock told beside it; a partner's no to
    // an outing with her friends is the same no as to the outing alone.

    [Fact]
    public void A_lock_beside_an_idiom_is_read_with_the_opinion() => Expect.Each(text => Screener.Default.Screen(text).Severity >= Severity.High, new()
    {
        [true] = Lines("""
            he won't let me out of his sight, he locked the front door and hid the key
            """),
    });

    [Fact]
    public void An_idiom_of_watching_over_or_of_forgetting_stays_quiet() => StayQuiet(Lines("""
        out of sight, out of mind, i deleted all his photos
        out of sight, out of mind, i locked the door when i left for work
        my mum won't let me out of her sight at the mall
        grandma won't let the puppy out of her sight, she locked the garden gate so he can't run off
        the teacher won't let us out of her sight on the school trip, she locked the bus while we ate
        """), AnyCategory);

    [Fact]
    public void A_partners_no_to_an_outing_with_her_friends_and_her_phone_checked_is_high() => Each(r => r.Severity >= Severity.High, new()
    {
        [true] = Lines("""
            my boyfriend won't let me go out with my friends, he checks my phone every night
            my husband won't let me go out with my sister, he reads all my messages
            """),
    });

    [Fact]
    public void A_parents_no_to_an_outing_with_friends_for_an_exam_or_homework_stays_quiet() => StayQuiet(Lines("""
        my mum won't let me go out with my friends tonight because i have an exam tomorrow
        my dad won't let me go out with my friends on a school night, he says homework first
        my dad won't let me go out with boys until i'm 18 lol
        """), r => r.Severity >= Severity.Medium);

    // Mended after review (third pass): a hedge stands aside where the act is done to the writer or she gives her own age
    // under 18; care told as done by staff during an operation cancels an act she cannot name, a party at a hospital does not.

    [Fact]
    public void A_hedge_before_an_act_done_to_her_as_a_child_caps_nothing() => Each(r => r.Severity >= Severity.High && r.Categories.Contains("child_at_risk"), new()
    {
        [true] = Lines("""
            just asking, is it normal if someone touches me at night in bed? i'm 12
            asking in general, is it ok if a neighbour touches me when we are alone? i am 13
            thjesht pyes, a është normale që xhaxhai më rreh çdo ditë? jam 13 vjeç
            """),
    });

    /// <summary>The rules alone: with the opinion the Albanian line reads medium on main too (the opinion's, not the hedge's).</summary>
    [Fact]
    public void A_hedge_before_an_act_done_to_her_caps_nothing_by_the_rules() => Expect.Each(text => Screener.RulesOnly.Screen(text).Severity >= Severity.High, new()
    {
        [true] = Lines("""
            thjesht pyes, a është normale kur dikush më prek natën? jam 12 vjeç
            just asking, is it normal that my stepbrother hits me every day?
            """),
    });

    [Fact]
    public void A_hedged_question_about_others_or_the_law_stays_low() => StayQuiet(Lines("""
        just asking, at what age can a kid walk to school alone?
        asking in general, is it legal for a teacher to hit a pupil?
        thjesht pyes, sa vjeç duhet të jetë fëmija për të ndenjur vetëm në shtëpi?
        i'm from morocco, just asking, can a woman get asylum here if her husband beats her?
        i'm 14, just asking, in general is it legal for parents to hit their kids?
        """), r => r.Severity > Severity.Low);

    [Fact]
    public void Something_done_to_her_asleep_at_a_party_held_at_a_hospital_stays_high() => Each(r => r.Severity >= Severity.High && r.Categories.Contains("sexual_violence"), new()
    {
        [true] = Lines("""
            he did something to me while i was asleep at the hospital christmas party, i woke up sore
            një shok më bëri diçka kur isha e pirë në festën e spitalit, u zgjova me dhimbje
            """),
    });
}
