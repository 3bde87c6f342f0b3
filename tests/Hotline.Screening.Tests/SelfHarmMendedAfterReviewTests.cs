using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// The self-harm rules of lexicon 2026.12.93 – .96 mended after review (lexicon 2026.12.99): where a guard on the word
/// after a match also stopped the plan itself ("on the bridge for the last time", "overdosed on codeine", letters to her
/// friends, "sorry for everything", life not worth living without him), the guard is moved to what the sentence is about
/// (an antenna, fireworks, coffee, a camp, a refill); and where a rule fired on everyday life (a protest on a roof, a phone
/// on voicemail when its battery dies, a question about an exhaust, a mother's photo of her new pills), the cause is read.
/// Each read with the opinion and by the rules alone.
/// </summary>
public sealed class SelfHarmMendedAfterReviewTests
{
    [Fact]
    public void On_the_roof_or_a_bridge_with_a_purpose_word_that_is_the_plan_stays_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        i'm on the bridge for one final time
        im on the roof for them to see what they did
        i'm on the bridge checking whether the fall is high enough
        i'm on the roof watching the cars far below me
        jam mbi urë për herë të fundit
        jam në çati për t'i dhënë fund
        jom n'urë per here te fundit
        """));

    [Fact]
    public void On_the_roof_for_an_antenna_fireworks_a_party_or_photos_of_the_sunset_is_not() => StayQuiet(Lines("""
        i'm on the roof checking the satellite dish again
        i'm on the roof watching the new year fireworks with my son
        i'm on the roof for my cousin's birthday party
        i'm on the bridge taking pictures for my photography class
        jam në çati për të rregulluar antenën
        """), SelfHarm);

    [Fact]
    public void Overdosed_on_a_drug_no_list_names_is_an_overdose() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            i overdosed on morphine patches last night
            my brother overdosed on pregabalin, he's breathing weird
            overdosed on benzos again, sorry
            """),
    });

    [Fact]
    public void Overdosed_on_coffee_sweets_or_a_series_is_a_figure_of_speech() => StayQuiet(Lines("""
        i think i overdosed on espresso before the exam, my hands are shaking
        we overdosed on chocolate at grandma's, everyone has a tummy ache
        i overdosed on that series this weekend, twelve episodes
        """), SelfHarm);

    [Fact]
    public void Letters_to_her_friends_partner_or_grandparents_are_a_farewell() => StayAt(Severity.Critical, "self_harm", Lines("""
        i've written notes to my bestie and my nan. it's time
        wrote goodbyes to my girlfriend and my son, i'm done
        i wrote letters to my friends, they'll find them tomorrow
        """));

    [Fact]
    public void Letters_to_friends_at_camp_to_grandma_every_week_or_for_valentines_are_not() => StayQuiet(Lines("""
        i wrote letters to my friends at the scout camp, it was fun
        i write letters to my grandad every sunday, he loves getting post
        wrote notes to my friends for valentine's day, so cute
        my grandpa is in prison, i wrote letters to my brother about visiting him
        """), SelfHarm);

    [Fact]
    public void Letters_to_her_children_who_are_with_her_leave_them_children_at_risk() => Each(r => (r.Severity, r.Categories.Contains("child_at_risk"), r.Minor), new()
    {
        [(Severity.Critical, true, true)] = Lines("""
            i've written letters to my kids. i'm taking them with me tonight, the gas is on
            u kam shkruar letra fëmijëve. sonte i marr me vete, kam gati ilaçet
            wrote notes to my children. they're sleeping next to me, we all go together tonight
            """),
    });

    [Fact]
    public void Letters_to_her_children_who_are_away_stay_her_farewell() => Each(r => (r.Severity >= Severity.High, SelfHarm(r), r.Categories.Contains("child_at_risk")), new()
    {
        [(true, true, false)] = Lines("""
            i've written letters to my kids, they're at my sister's. tonight it ends
            """),
    });

    [Fact]
    public void Life_not_worth_living_without_someone_lost_is_ideation() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            since the accident life isn't worth living without my son
            life is not worth living without you, mum. i want to come to you
            s'ia vlen të jetoj pa ty, mami
            """),
    });

    [Fact]
    public void Life_not_worth_living_without_a_thing_or_in_a_song_is_not() => StayQuiet(Lines("""
        life isn't worth living without pizza on fridays haha
        the song says life is not worth living without you, can you find it for me
        """), SelfHarm);

    [Fact]
    public void A_photo_of_pills_with_sorry_for_everything_is_a_farewell() => StayAt(Severity.Critical, "self_harm", Lines("""
        my sister sent me a picture of her sleeping pills and then just sorry for everything
        më dërgoi foto të hapave dhe shkroi më fal për gjithçka
        """));

    // by the rules alone: the learned opinion still raises such a photo with "sorry" on its own (left, README-screening.md)
    [Fact]
    public void A_photo_of_new_pills_or_a_refill_with_an_apology_is_not_read_by_the_rules() => Expect.Each(text => SelfHarm(Screener.RulesOnly.Screen(text)), new()
    {
        [false] = Lines("""
            grandma sent a photo of her new heart pills and said sorry she forgot my birthday
            dad texted a pic of the refill tablets, sorry he couldn't call
            """),
    });

    [Fact]
    public void A_question_about_an_exhaust_hose_is_not() => StayQuiet(Lines("""
        my uncle put a hose on his exhaust to make it louder, is that legal?
        there's a hose from the exhaust of my car leaking, can i repair it myself
        """), SelfHarm);

    [Fact]
    public void A_hose_from_the_exhaust_into_her_car_stays_an_act_going_on() => StayAt(Severity.Critical, "self_harm", Lines("""
        i ran a hose from the exhaust into the car, windows up
        """));

    [Fact]
    public void A_group_on_a_roof_or_a_cliff_who_won_t_come_down_is_a_protest_or_an_outing() => StayQuiet(Lines("""
        we're on the roof of the school protesting the closure. i'm not coming down till they listen
        jemi në çati të spitalit në protestë për rrogat. s'kam ndërmend të zbres
        """), SelfHarm);

    [Fact]
    public void Alone_at_an_edge_with_no_going_back_stays_critical() => StayAt(Severity.Critical, "self_harm", Lines("""
        i'm standing on the bridge. i have no intention of going back
        jam në buzë të greminës. s'dua të kthehem më
        """));

    [Fact]
    public void A_teen_s_phone_on_voicemail_when_the_battery_dies_or_laughed_off_is_not_out_of_reach() => Each(r => r.Severity >= Severity.High, new()
    {
        [false] = Lines("""
            my girl is 13 and met a friend from fortnite at the park, her phone goes to voicemail whenever it's on silent
            my son (16) is on a date with a boy he met online, his phone goes straight to voicemail haha typical
            """),
    });

    [Fact]
    public void A_child_met_online_whose_phone_now_goes_to_voicemail_stays_critical() => Each(r => r.Severity, new()
    {
        [Severity.Critical] = Lines("""
            my son is 13, he went to meet a man from discord and now his phone goes straight to voicemail
            """),
    });

    [Fact]
    public void A_message_timed_for_the_morning_to_her_family_stays_high_against_the_opinion() => Each(r => (r.Severity >= Severity.High, SelfHarm(r)), new()
    {
        [(true, true)] = Lines("""
            i wrote my sister a long message and set it to send at 7 tomorrow so she knows why. i'm sorry for all of it
            set a text to go to my dad in the morning, it says everything i couldn't say
            """),
    });

    [Fact]
    public void A_message_set_for_a_reminder_or_good_luck_is_not() => StayQuiet(Lines("""
        scheduled a text to my husband for the morning to remind him about the plumber
        i shkrova motrës një mesazh që do t'i vijë nesër në mëngjes: të uroj suksese në intervistë
        """), SelfHarm);
}
