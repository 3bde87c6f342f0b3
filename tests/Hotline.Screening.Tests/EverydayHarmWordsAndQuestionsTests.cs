using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Everyday words of harm and questions read as danger (lexicon 2026.12.77): a pet that ate something, a small child who
/// bit another, a teenager's "he'll kill me" over a trifle, a plea to pass a game level, a place closed for the day, the
/// soul "taken out" by a chore, the law asked about, a brief written, a donation in memory, the help families receive.
/// Each beside the same words telling a real danger, which must still fire.
/// </summary>
public sealed class EverydayHarmWordsAndQuestionsTests
{
    [Fact]
    public void What_a_pet_ate_is_no_overdose() => StayQuiet(Lines("""
        the puppy ate a whole box of chocolates, should we call the vet
        macja gëlltiti gjithë tabletat e qenit, çfarë bëj
        """), r => r.Categories.Contains("self_harm"));

    [Fact]
    public void Pills_she_took_beside_a_pet_are_still_an_overdose() => StayAtLeast(Severity.Critical, Lines("""
        i swallowed all my pills, my cat is sitting with me
        piva gjithë tabletat, qeni është këtu me mua
        """));

    [Fact]
    public void A_small_child_who_bit_another_at_nursery_is_no_abuse() => StayQuiet(Lines("""
        my 3 yo bit a kid at the playground and the other mum is furious
        vajza ime 4 vjeçe kafshoi një shoqe në kopsht, si ta qetësoj
        """), r => r.Categories.Count > 0);

    [Fact]
    public void A_child_bitten_or_hit_by_an_adult_still_is() => StayAtLeast(Severity.High, Lines("""
        the nursery teacher hit my 3 year old, he has a bruise on his face
        babai i shokut e kafshoi vajzën time 4 vjeçe dhe e goditi
        """));

    [Fact]
    public void A_teenagers_parent_who_will_kill_her_over_a_trifle_is_hyperbole() => StayQuiet(Lines("""
        im 15 and my mom is going to kill me, i broke her phone screen 😬
        babi do më vrasë, gërvishta makinën e tij me biçikletë
        """), r => r.Indicators.Any(i => i.Id == "v.threat_kill"));

    [Fact]
    public void A_parent_who_has_hurt_her_over_a_trifle_still_fires() => StayAtLeast(Severity.High, Lines("""
        im 15 and my dad is going to kill me, he hit me with his belt last time i scratched his car
        babi më rrahu me rrip sepse gërvishta makinën, tha do më vrasë
        """));

    [Fact]
    public void A_plea_to_pass_a_game_level_is_no_plea() => StayQuiet(Lines("""
        kam 2 ditë që kam ngelur në nivelin 30 të lojës, më ndihmoni ju lutem
        im stuck on the boss level for a week help
        """), r => r.Severity > Severity.Low);

    [Fact]
    public void A_plea_beside_a_game_with_someone_harming_her_stays() => StayAtLeast(Severity.High, Lines("""
        më ndihmoni, një burrë nga loja po më kërkon foto lakuriq, jam 13
        """));

    [Fact]
    public void A_place_closed_for_the_day_is_nobody_locked_in() => StayQuiet(Lines("""
        përshëndetje, e keni mbyllur zyrën për sot apo jeni ende aty?
        jemi mbyllur për pushime deri të hënën
        """), r => r.Indicators.Any(i => i.Id == "ctl.locked_in"));

    [Fact]
    public void Locked_in_a_room_for_the_day_is_still_confinement() => StayAtLeast(Severity.High, Lines("""
        më kanë mbyllur në dhomë për sot dhe s'më lënë të dal
        """));

    [Fact]
    public void A_chore_that_takes_the_soul_out_is_not_thrown_out() => StayQuiet(Lines("""
        kjo punë me letra po më nxjerr shpirtin
        fëmijët ma nxorën shpirtin sot me zhurmë
        """), r => r.Indicators.Any(i => i.Id == "v.eviction"));

    [Fact]
    public void Thrown_out_of_home_still_is() => StayAtLeast(Severity.High, Lines("""
        burri më nxori jashtë shtëpisë me fëmijët natën
        """));

    [Fact]
    public void The_law_a_brief_a_donation_or_the_help_on_offer_asked_about_is_no_disclosure() => Each(r => r.Severity < Severity.High, new() { [true] = Lines("""
        what does kosovo law say about stalking by an ex? i'm preparing a report for class
        we are writing a policy paper on child marriage in the north
        my late aunt was beaten by her husband for decades, can i donate in her memory
        çfarë ndihme marrin fëmijët e grave të vrara nga burrat e tyre?
        """) });

    [Fact]
    public void Her_own_danger_beside_a_question_still_fires() => StayAtLeast(Severity.High, Lines("""
        what does the law say if he threatens to kill me? he said he will do it tonight
        çfarë ndihme merr një grua? burri po më rreh tani
        """));
}
