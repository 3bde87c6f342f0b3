using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Danger that the minor-flag and everyday-alarm rules (lexicon 2026.12.97) read lower, mended at the cause: a toy named
/// as what the weapon is not ("it is not a toy", "nuk ishte pistoletë lodër") or beside a real one to come; a war's words
/// (fascists, Nazis, partisans) naming people who attack now, tonight or every night; two numbers joined by "and" after
/// "we are" as the children's own ages; a harm going on to the writer's child ("is being bullied", "every day") as a case,
/// not a question of prevention. Each with the look-alikes that must stay as they were, with the opinion and by the rules
/// alone.
/// </summary>
public sealed class NegatedToyWarNowAndChildrensOwnAgesTests
{
    [Fact]
    public void A_weapon_said_not_to_be_a_toy_stays_a_weapon_pointed()
    {
        StayAtLeast(Severity.High, Lines("""
            he is aiming a pistol at me and it is not a toy
            po ma drejton pistoletën tani dhe s'është lodër
            """));
    }

    [Fact]
    public void With_the_opinion_a_toy_denied_or_a_real_one_promised_is_not_a_game() =>
        Expect.Each(text => Screener.Default.Screen(text).Severity >= Severity.High, new() { [true] = Lines("""
            that was not a toy gun, it is a real pistol and he is aiming it at my sister right now
            s'ishte armë plastike, qëlloi dy herë dhe tani është në dhomë me ne
            he pushed a toy pistol into my cheek and said tomorrow it will be a real one
            """) });

    [Fact]
    public void A_toy_pointed_denied_as_real_or_kept_from_children_stays_no_danger() =>
        Each(r => r.Severity < Severity.Medium, new() { [true] = Lines("""
            he aimed a toy gun at me and laughed
            djali ma drejtoi pistoletën lodër dhe qeshi
            the gun isn't real, it's a toy gun my brother left on the table
            we don't let our kids have toy guns, is that too strict?
            i bleva djalit një pistoletë lodër, duket si e vërtetë haha
            it's not a toy gun, it's a water pistol, my nephew soaked me lol
            """) });

    [Fact]
    public void Fascists_or_partisans_attacking_now_tonight_or_every_night_are_attackers_not_history()
    {
        StayAtLeast(Severity.High, Lines("""
            fashistët e lagjes na sulmuan sonte dhe na thyen xhamat sepse jemi romë
            the fascists from our street threaten every night to set our flat on fire because we are gypsies
            """));
        AtLeast(Severity.Critical, "tifozët e partizanit më goditën sonte me shkopinj");
    }

    [Fact]
    public void A_war_told_as_history_stays_no_danger_even_told_today_in_class() =>
        Each(r => r.Severity < Severity.Medium, new() { [true] = Lines("""
            grandpa always told us how the partisans fought the nazis in the mountains
            gjyshi na tregonte gjithmonë si i vrisnin partizanët nazistët
            we watched a documentary about ww2 today, the nazis killed millions
            sot në mësim folëm për luftën e dytë botërore dhe si i pushkatonin fashistët fshatarët
            """) });

    [Fact]
    public void Two_numbers_joined_after_we_are_are_the_childrens_own_ages() =>
        Each(r => r.Minor, new() { [true] = Lines("""
            we are 5 and 8 and mum fell down the stairs, there is blood and she won't wake up
            we are 7 and 9, dad hit mum and she's not moving
            jemi 6 dhe 9, babai po e rreh mamin në kuzhinë
            """) });

    [Fact]
    public void A_count_of_us_with_or_without_a_second_number_stays_no_age() =>
        Each(r => (r.Minor, r.Age), new() { [(false, null)] = Lines("""
            we are 4 and we want to book the room for saturday
            we are 3 and 2 more friends are coming later, is there a table?
            """) });

    [Fact]
    public void A_harm_going_on_to_the_writers_child_keeps_the_minor_flag_when_she_asks_for_a_group() =>
        Each(r => r.Minor, new() { [true] = Lines("""
            my daughter (13) gets bullied at school every day, are there support groups for parents?
            how do i help my son (11) who is being harassed online? do you have a support group
            """) });

    [Fact]
    public void A_parents_question_of_prevention_or_a_child_in_general_stays_not_a_minors_case() =>
        Each(r => r.Minor, new() { [false] = Lines("""
            what are the signs a child is being groomed online? i have a 9 year old, all is fine
            my son (12) is starting secondary school, do you have support groups for parents about bullying?
            my daughter is 11 and just got a phone, how do i set parental controls?
            """) });

    [Fact]
    public void A_weapon_kept_under_a_pillow_is_no_pillow_fight() =>
        StayAtLeast(Severity.High, Lines("""
            ai po fle tani, por e ka thikën nën jastëk dhe tha që sonte më vret
            po fle ai, por e ka pistoletën nën jastëk dhe tha që sonte na vret të gjithëve
            """));

    [Fact]
    public void A_pillow_fight_a_carpet_beaten_and_an_old_knife_found_stay_no_danger() =>
        Each(r => r.Severity < Severity.Medium, new() { [true] = Lines("""
            we had a pillow fight and my brother hit me with the pillow lol
            mami e rrahu qilimin në ballkon sot
            i found my dad's old hunting knife under the mattress when we moved, can i sell it?
            """) });

    [Fact]
    public void A_hand_raised_at_someone_named_is_a_blow_whatever_follows() =>
        StayAtLeast(Severity.High, Lines("""
            he raised his hand at me in front of the kids last night
            my husband raised his fist at my daughter in the kitchen again
            ai e ngriti dorën mbi mua para fëmijëve mbrëmë
            burri e ngriti prapë dorën, kam frikë
            """));

    [Fact]
    public void A_hand_raised_again_in_class_stays_no_danger() =>
        Each(r => r.Severity < Severity.Medium, new() { [true] = Lines("""
            my son raised his hand again in maths and the teacher finally picked him
            the quiet boy raised his hand again, the teacher never notices him, so sad
            mësuesi tha që vajza ngriti prapë dorën dhe u përgjigj mirë
            """) });
}
