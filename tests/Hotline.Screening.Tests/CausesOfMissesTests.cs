using Hotline.Core;

namespace Hotline.Screening.Tests;

/// <summary>
/// The causes of the misses of unseen sets read after their first-sight rows, each fixed as a concept and tested in
/// wordings written here (not the sets' own): a harm with its hour for someone who cannot leave, someone unconscious or
/// not breathing right, poison and means made ready, fire set to a home, tied to a tree, a threat against a group, a
/// weapon a village has, a code word for "he is there"; and the everyday wordings that must stay quiet beside them.
/// </summary>
public sealed class CausesOfMissesTests
{
    [Theory]
    [InlineData("jam 13 vjeç, xhaxhai tha që sonte më çon te një burrë që ka paguar për mua")]
    [InlineData("ma kanë marrë pasaportën dhe pronari tha që pas 2 orësh duhet të shkoj me një klient")]
    [InlineData("they took my passport and the manager says tonight I have to entertain a client in his room")]
    [InlineData("ajo më tha sonte në orën 10 eja vetëm ose i tregon të gjithëve, jam 14")]
    public void A_harm_with_its_hour_for_a_minor_or_someone_held_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Fact]
    public void A_minor_s_plans_tonight_are_not_critical() => Screened.Below(Severity.Critical, "jam 15 dhe sonte shkoj në koncert me shoqet");

    [Fact]
    public void The_rules_do_not_make_a_minor_s_late_shift_critical_without_a_harm_they_read()
    {
        var result = Screener.RulesOnly.Screen("im 16, my boss at the cafe says tonight i have to work late");
        Assert.True(result.Severity < Severity.Critical, Screened.Why(result));
    }

    [Fact]
    public void A_child_hit_at_the_other_parent_s_home_is_high_not_critical_without_an_hour() =>
        Screened.Is(Severity.High, "my ex's new boyfriend smacks my daughter (7) when she's at theirs, she told me yesterday");

    [Theory]
    [InlineData("my stepdad hit mum till she fell and now she won't wake up, he's gone to bed")]
    [InlineData("babai e goditi mamin, ajo nuk lëviz, ai tani fle")]
    [InlineData("s'është gjë e madhe, por që kur më zuri për fyti s'po marr frymë mirë")]
    public void Someone_unconscious_or_not_breathing_right_is_critical_wherever_he_is_and_whatever_she_makes_of_it(string text) =>
        Screened.Is(Severity.Critical, text, "domestic_violence");

    [Theory]
    [InlineData("kam pirë helm minjsh para gjysmë ore")]
    [InlineData("kam pirë spërkatjen e vreshtit, mos më shpëtoni")]
    [InlineData("she swallowed a handful of stuff from the cabinet and her breathing sounds strange")]
    [InlineData("i kam bërë gati ilaçet, dua vetëm t'i lë një letër mamit")]
    public void Poison_taken_or_means_made_ready_with_a_farewell_is_critical_self_harm(string text) =>
        Screened.Is(Severity.Critical, text, "self_harm");

    [Theory]
    [InlineData("ku mund të blej helm për minjtë në bodrum?")]
    [InlineData("where can i buy rat poison, mice in the kitchen")]
    [InlineData("vogëlushi bëri hapat e parë sot")]
    public void Buying_rat_poison_and_a_baby_s_first_steps_are_not_self_harm(string text) => Screened.Below(Severity.Medium, text);

    [Theory]
    [InlineData("ish-burri i vuri flakën banesës sime, fëmijët janë ende brenda")]
    [InlineData("someone set our caravan on fire, my kids are still inside")]
    public void Fire_set_to_a_home_with_people_inside_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Theory]
    [InlineData("e ndezëm zjarrin në oxhak")]
    [InlineData("we lit a fire at the camp and roasted corn")]
    [InlineData("our neighbours keep the kids inside all day because of the heat")]
    [InlineData("hengra speca djegës, po më digjet goja 🔥")]
    public void A_fire_in_the_hearth_and_a_burning_mouth_are_not_arson(string text) => Screened.Below(Severity.Medium, text);

    [Theory]
    [InlineData("na lidhën pas një shtylle në park se jemi gay, janë ende këtu")]
    [InlineData("they tied me to a fence and they are still here")]
    public void Tied_to_a_post_with_them_still_there_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Fact]
    public void A_dog_tied_to_a_tree_is_not_confinement() => Screened.Below(Severity.Medium, "e lidhëm qenin pas pemës");

    [Theory]
    [InlineData("dikush shkroi në murin tonë 'do ju vrasim lezbiket'")]
    [InlineData("got a dm saying they will kill all the gays in our street")]
    public void Killing_named_against_a_group_is_a_hate_threat(string text) => Screened.AtLeast(Severity.High, text, "hate_violence");

    [Fact]
    public void Asking_for_an_lgbt_friendly_psychologist_is_not_a_threat() =>
        Screened.Below(Severity.Medium, "is there an lgbt-friendly psychologist in durres? im fine");

    [Theory]
    [InlineData("ai po vjen me çifte në dorë")]
    [InlineData("motra më dërgoi fjalën tonë të fshehtë, do të thotë që burri është atje")]
    [InlineData("burri i ka mbyllur fëmijët në dhomë dhe ma mori telefonin")]
    [InlineData("gjyshja është e lidhur për shtrati prej 3 ditësh, s'i japin të hajë")]
    [InlineData("my dad is loading his hunting rifle and shouting about me being gay")]
    public void A_hunting_gun_a_code_word_children_locked_in_and_an_elder_tied_up_are_critical(string text) =>
        Screened.Is(Severity.Critical, text);

    [Fact]
    public void A_grandfather_s_old_rifle_is_not_danger_now() =>
        Screened.Below(Severity.High, "gjyshi e kishte pushkën që nga koha e komunizmit");

    [Theory]
    [InlineData("m'ka mbytur malli për ju")]
    [InlineData("më dogji dielli në plazh")]
    [InlineData("si ta bëj ajkën e rrahur për tortën?")]
    [InlineData("më kanë vdekur këmbët nga ecja sot")]
    [InlineData("mësuesi i fizikës do na mbytë me nota")]
    [InlineData("si ta marr pasaportën e re në ambasadë?")]
    [InlineData("vëllai më nxori nga dhoma 😂 do fle në sallon")]
    [InlineData("kënga për vajzën e rrëmbyer më bëri të qaj")]
    public void Longing_the_sun_whipped_cream_tired_legs_grades_a_new_passport_a_joke_and_a_song_are_not_urgent(string text) =>
        Screened.Below(Severity.High, text);

    [Fact]
    public void Work_without_papers_in_the_nineties_told_for_a_project_is_not_urgent() =>
        Screened.Below(Severity.High, "in the 90s we worked in greece without papers, is there a project collecting stories?");

    // From the misses of unseen-39 to -46 read by cause after their first-sight rows (lexicon 2026.12.11); wordings written here.

    [Theory]
    [InlineData("vëllai e shtyu gjyshen nga shkallët dhe tani ajo s'ngrihet dot")]
    [InlineData("the foreman hit me with a pipe, my arm looks wrong and they lock the barrack at night")]
    [InlineData("he kicked me down the stairs and i cant get up")]
    public void Hurt_so_that_she_cannot_get_up_is_an_injury_now(string text) => Screened.Is(Severity.Critical, text);

    [Theory]
    [InlineData("s'ngrihem dot nga krevati këto ditë, jam shumë e lodhur")]
    [InlineData("i cant get up early for school tomorrow")]
    public void Not_getting_out_of_bed_is_not_an_injury(string text) => Screened.Below(Severity.High, text);

    [Theory]
    [InlineData("the carer keeps giving grandad sleeping pills and now he will not wake up")]
    [InlineData("my brother hit mum and i cant wake her up")]
    [InlineData("e rrahën me shkopinj dhe tani s po lëviz")]
    public void Someone_who_will_not_wake_up_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Fact]
    public void A_hanging_with_someone_not_breathing_is_not_a_question_for_information() =>
        Screened.Is(Severity.Critical, "my flatmate hanged himself in the bathroom, i am holding him up, he is not breathing, what do i do", "self_harm");

    [Theory]
    [InlineData("he's at the school gate now and she is only 11, he says he is taking her to marry a man")]
    [InlineData("xhaxhai po pret te porta e shkollës, e rreh çdo ditë vajzën 10 vjeç")]
    public void Someone_waiting_at_the_gate_for_a_child_at_risk_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Fact]
    public void A_parent_waiting_at_the_gate_is_not_urgent() => Screened.Below(Severity.Medium, "unë po pres te porta e shkollës për vajzën");

    [Fact]
    public void Out_of_control_is_not_away() =>
        Screened.Is(Severity.Critical, "my wife is beating our son again and again, she's out of control, im at work", "domestic_violence");

    [Theory]
    [InlineData("i'm out on the ledge of the 8th floor, don't come closer, tell mum i love her")]
    [InlineData("jam në katin e fundit të parkingut, letrën për mamin e lashë në tavolinë")]
    [InlineData("e kam konopin në dorë, mos më kërkoni më")]
    public void A_height_or_means_in_hand_with_a_farewell_is_critical_self_harm(string text) => Screened.Is(Severity.Critical, text, "self_harm");

    [Fact]
    public void A_gun_with_debts_paid_and_a_goodbye_is_self_harm_not_trafficking()
    {
        var result = Screened.Is(Severity.Critical, "i pagova borxhet, ia fala biçikletën vëllait dhe kam dalë në mal me pushkën e babait", "self_harm");
        Assert.DoesNotContain("trafficking", result.Categories);
    }

    [Theory]
    [InlineData("ndihmë. rruga e durrësit 14. s'mund të flas")]
    [InlineData("trainer is here. cant talk. help")]
    [InlineData("tlm tlm ai po ngjitet shkallëve, tha që do më vrasë")]
    public void A_short_plea_from_inside_the_danger_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Theory]
    [InlineData("help me i cant talk to my mum about my grades")]
    [InlineData("the bus is here lol see u")]
    public void Talking_to_someone_about_something_and_a_bus_that_is_here_are_not_critical(string text) => Screened.Below(Severity.Critical, text);

    [Theory]
    [InlineData("ai më mban të mbyllur në një apartament në Durrës, ka dalë për pak, s'di adresën")]
    [InlineData("dikush po i bie derës me sopatë dhe bërtet, shoku im s'është këtu")]
    public void Held_while_he_is_out_or_a_weapon_at_the_door_with_someone_else_away_is_critical(string text) => Screened.Is(Severity.Critical, text);

    [Fact]
    public void An_adult_s_own_age_stands_over_a_learned_guess_of_a_minor()
    {
        var result = Screened.Screen("jam 67 vjeç dhe dua të shkruaj një libër për martesën time të vështirë. a keni njerëz që ndihmojnë?");
        Assert.False(result.Minor, Screened.Why(result));
        Assert.True(result.Severity < Severity.High, Screened.Why(result));
    }

    [Theory]
    [InlineData("what does grooming mean? we heard it in class")]
    [InlineData("po bëj një smoothie, e rrah me blender")]
    [InlineData("shoqja e dogji makaronen, si është e mundur")]
    [InlineData("shoqja më tha para një viti që burri e rrihte. tani janë ndarë. si ta ndihmoj?")]
    [InlineData("ai s'ka nevojë për ndihmë, por dua të di ku raportohet racizmi")]
    public void A_word_s_meaning_a_blender_burnt_pasta_a_danger_that_is_over_and_help_not_needed_are_not_urgent(string text) =>
        Screened.Below(Severity.High, text);
}
