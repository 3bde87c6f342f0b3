using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Danger now told by what is being done rather than by its words: sitting over a drop or on the rails as the train
/// comes, a gun loaded or a rope made ready by the writer, shut in with blades or pills, pills taken and waited on with a
/// farewell, a bleach bottle drunk, empty pill boxes with a goodbye, a goodbye and then silence, the walk towards a river with a farewell; someone pulled
/// into a van by men, small children alone for days and crying; a door locked and an order to undress; a threat to kill
/// with its time after "tha se", to drive them into a river, to finish what he started, an ex texting from her door.
/// Each read with the opinion and by the rules alone, beside look-alikes that must stay quiet.
/// </summary>
public sealed class UrgentToldByTheActTests
{
    [Fact]
    public void Sitting_over_a_drop_or_on_the_rails_as_the_train_comes_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        jam ulur në dritare në katin e tetë, këmbët i kam jashtë
        sitting on the windowsill of the 7th floor with my legs dangling outside
        lying across the rails past the level crossing, waiting for the freight train
        jam shtrirë mbi shinat afër urës, treni i mbrëmjes vjen pas pak
        jam shtrirë mbi shinat pas magazinës, po pres trenin e mallrave
        standing on the ledge of our block's roof, it's a long way down and nobody knows i'm here
        """));

    [Fact]
    public void A_window_seat_a_cat_on_the_sill_a_bench_by_the_rails_or_a_castle_view_are_not() => StayQuiet(Lines("""
        jam ulur në dritare në katin e tetë dhe pi kafe duke parë shiun
        the cat is sitting on the windowsill with its legs dangling outside, so cute
        the boys stood on the old harbour wall for selfies, a long drop to the water behind them
        the kids posed on the rim of the old gravel pit on our hike, a long way down, what a view
        jam ulur në stol pranë binarëve, pres trenin për Durrës
        jam te stacioni, treni kalon pas pak, do vonohem
        """), SelfHarm);

    [Fact]
    public void A_gun_loaded_or_a_rope_made_ready_by_the_writer_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        e mbusha revolen e babait. jam vetëm në shtëpi
        i've loaded my dad's shotgun. nobody is home till tonight
        pushkën e xhaxhait e kam mbushur, jam vetëm në ahur
        e kam përgatitur litarin në bodrum. desha vetëm t'ia them dikujt
        mora litarin dhe jam në hambar pas shtëpisë
        """));

    [Fact]
    public void A_gun_loaded_for_the_hunt_or_a_rope_for_a_tent_or_a_cow_are_not() => StayQuiet(Lines("""
        e mbusha pushkën për gjah nesër me shokët
        i loaded the shotgun because a fox keeps getting into the hens
        i've loaded the dishwasher and the car for the trip
        e kam përgatitur litarin për çadrën, nesër shkojmë në kamp
        mora litarin dhe jam në hambar, po lidh lopën
        """), SelfHarm);

    [Fact]
    public void A_cord_hung_with_a_farewell_or_someone_shut_in_with_blades_or_pills_is_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        i've tied my scarf to the banister upstairs. it's nobody's fault, tell dad i'm sorry
        e kam varur rripin në derë. s'është faji i askujt
        u mbylla në dhomë me brisqet e vëllait
        my flatmate has barricaded himself in the kitchen with all his sleeping pills and isn't opening
        shut myself in the loo with dad's blades
        """));

    [Fact]
    public void A_coat_on_the_door_a_swing_or_a_razor_taken_to_shave_are_not() => Each(
        r => r.Indicators.Any(i => i.Id is "sh.cord_hung_farewell" or "sh.locked_in_with_means") || SelfHarm(r), new()
        {
            [false] = Lines("""
                e kam varur xhaketën në derë, më fal që s'të mora
                i hung the rope on the tree for the kids' swing, see you at dinner
                u mbyll në banjo me briskun për t'u rruar
                grandad shut himself in the bathroom with his razor for a shave before the wedding
                """),
        });

    [Fact]
    public void Pills_taken_and_waited_on_with_a_farewell_bleach_drunk_or_sleeping_pills_eaten_are_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        swallowed all my sleeping pills an hour ago, waiting for them to take effect. make sure somebody looks after my kids
        i drank half a bottle of bleach
        kam pirë gjysmë shisheje me varikinë
        kam ngrënë gjysmë kutie me qetësues para gjysmë ore
        """));

    [Fact]
    public void Pills_for_a_headache_biscuits_or_water_after_cleaning_are_not() => StayQuiet(Lines("""
        swallowed two paracetamol for the migraine, waiting for them to take effect, bye
        my fever won't drop, took the tablets the doctor gave me, waiting for them to take effect. can somebody look after my dog on saturday?
        kam ngrënë gjysmë kutie me biskota
        i drank a bottle of water after cleaning the floor with bleach
        """), SelfHarm);

    [Fact]
    public void A_goodbye_then_silence_leaving_this_world_or_the_walk_to_a_river_with_a_farewell_are_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        my sister texted me goodbye and now her phone goes straight to voicemail
        my brother's phone goes straight to voicemail since he posted a goodbye
        sonte e lë këtë botë. mos më kërkoni
        on my way down to the bridge. i'll never face them again
        po eci drejt liqenit tani. s'mund t'i shoh më në sy askënd
        i've got my mum's pills in my pocket and i'm heading to the woods
        """));

    [Fact]
    public void A_goodbye_before_a_flight_a_death_long_ago_or_a_swim_are_not() => StayQuiet(Lines("""
        Mozart e la këtë botë shumë i ri
        my son texted me goodbye from the school trip bus lol his phone is off
        her phone goes to voicemail after she texted goodbye from the airport before boarding
        we're walking to the river now for a swim, can't wait
        po eci drejt liqenit me qenin
        po ngjitem në majë të Dajtit me shokët, s'do kthehem para darkës
        """), SelfHarm);

    [Fact]
    public void Empty_pill_boxes_shown_or_posted_with_a_goodbye_are_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        vëllai postoi foton e kutive të zbrazura të barnave me fjalën lamtumirë
        foto e kutive bosh te ilaceve. lamtumire
        she sent a photo of the empty medicine boxes with "goodbye" under it
        """));

    [Fact]
    public void Empty_boxes_thrown_out_while_cleaning_or_recycled_are_not() => StayQuiet(Lines("""
        i threw away the empty medicine boxes while cleaning the cupboard, bye!
        mami hodhi kutitë bosh të ilaçeve në riciklim. mirupafshim nesër
        """), SelfHarm);

    [Fact]
    public void Someone_pulled_into_a_van_by_men_or_driven_off_by_a_driver_who_locks_the_doors_is_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            two men just pulled my cousin (15) into a van outside the gym and drove off, she isn't answering
            një burrë e mori vajzën time 11 vjeç me makinë para shkollës dhe s'përgjigjet
            our minicab driver has locked every door, we passed the hotel ages ago and he won't answer me
            """),
    });

    [Fact]
    public void A_lift_to_town_or_the_kids_taken_to_the_lake_are_not() => StayQuiet(Lines("""
        we took the kids to the lake by car, they loved it
        he'll drive us into town later
        a man from the club gave my son a lift home in his car after training
        """), r => r.Indicators.Any(i => i.Id == "pr.taken_in_vehicle"));

    [Fact]
    public void Small_children_alone_for_days_and_crying_or_shut_in_with_gas_smelt_are_critical() => StayAt(Severity.Critical, "child_at_risk", Lines("""
        dy fëmijë të vegjël janë vetëm në apartament prej 3 ditësh, qajnë gjithë kohën
        kids next door, 3 and 5, alone since friday, crying and no food
        fëmijët e fqinjës janë mbyllur vetëm dhe vjen erë gazi
        """));

    [Fact]
    public void Children_alone_an_hour_after_school_or_a_gas_smell_in_the_kitchen_are_not() => StayQuiet(Lines("""
        kids are alone for two hours after school, is that legal at 12?
        fëmijët po luajnë, erë gazi nga kuzhina, e thirrëm teknikun
        """), r => r.Indicators.Any(i => i.Id == "ch.alone_danger_now"));

    [Fact]
    public void A_door_locked_and_an_order_to_undress_going_on_is_critical() => StayAt(Severity.Critical, "sexual_violence", Lines("""
        the doctor locked the door and is telling me to undress for a check, the nurse has gone
        trajneri e mbylli derën me çelës dhe po i thotë një vajze 11 vjeç të zhvishet
        na ka mbyllur në dhomë dhe tani po na thotë të zhvishemi, jemi 3 vajza
        """));

    [Fact]
    public void An_x_ray_or_a_changing_room_before_the_pool_are_not() => StayQuiet(Lines("""
        the doctor closed the door and told me to undress for the x-ray, is that normal?
        the coach locked the door of the changing room and is telling us to undress quickly for the pool
        """), r => r.Indicators.Any(i => i.Id == "sv.undress_order_locked"));

    [Fact]
    public void A_threat_told_with_its_time_a_drive_into_the_river_or_the_ex_at_her_door_is_read() => Each(r => r.Severity >= Severity.High, new()
    {
        [true] = Lines("""
            po fle ai, por e ka pistoletën nën jastëk dhe tha që sonte na vret të gjithëve
            tha se sonte na vret
            he threatened to steer the car into a wall while our toddler sat strapped in the back
            after friday's beating he warned me he'll finish what he started
            my husband's brothers say she won't get out of here alive
            ish-i sapo më dërgoi mesazh: jam para pallatit tënd
            my ex just texted 'i'm outside your flat'. i have a protection order
            """),
    });

    [Fact]
    public void The_cold_that_kills_a_kitchen_left_half_done_or_an_ex_dropping_off_bags_are_not_those_threats() => Each(
        r => r.Indicators.Any(i => i.Id is "v.threat_kill_timed" or "v.threat_drive_into" or "v.threat_finish_started" or "v.ex_texts_at_door"), new()
        {
            [false] = Lines("""
                meteorologu tha se sonte na vret i ftohti
                he'll drive the car into the garage
                dad promised to finish what he started in the garden shed before winter
                my ex texted 'i'm outside your flat' to drop off the kids' bags and the keys
                """),
        });

    [Fact]
    public void Tablets_as_devices_a_bleach_smell_a_weekend_trip_a_drive_to_the_sea_a_school_goodbye_a_booked_driver_or_kids_at_grandmas_are_not_read_as_the_act() => Each(
        r => r.Indicators.Any(i => i.Id is "sh.locked_in_with_means" or "sh.overdose_taken" or "sh.heading_to_place" or "sh.crash_intent"
            or "sh.goodbye_then_silent" or "pr.taken_in_vehicle" or "ch.alone_danger_now"), new()
        {
            [false] = Lines("""
                the twins shut themselves in their bedroom with their tablets, playing minecraft since lunch
                our teenager locked himself in the attic with his tablets and headphones, won't even answer about pizza
                i had a glass of lemonade and could smell bleach everywhere, the cleaner has just done the floors
                setting off to the lake for the weekend, bye all, back on monday
                dreaming about driving off to the seaside with the dogs once the exams are over
                my daughter said goodbye at school this morning and hasn't replied, her phone is in her locker during class
                a driver i've never met is driving me to the station, the hotel booked him, he seems nice
                our two are alone at grandpa's for 3 days and crying that they want their own beds haha
                """),
        });

    [Fact]
    public void The_danger_side_of_those_rules_told_another_way_stays_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        my boyfriend locked himself in the garage with a box of sleeping tablets and won't say anything
        she swallowed a glass of bleach ten minutes ago and is shaking
        heading up to the cliffs now, tell mum i'm sorry for everything
        my girlfriend sent a goodbye at 2am and she isn't answering her phone
        """));

    [Fact]
    public void Taken_somewhere_unknown_or_children_alone_for_days_stays_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            two guys are taking me in their car, i have no idea where, they grabbed my bag
            the baby and her brother, 2 and 4, have been alone in the flat since tuesday, crying with no food
            """),
    });
}
