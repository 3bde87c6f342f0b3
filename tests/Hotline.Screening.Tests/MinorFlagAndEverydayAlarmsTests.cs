using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// The minor flag read from who the child is and what a number counts, and everyday messages no longer read as danger
/// (lexicon 2026.12.97): a parent's or a professional's prevention question about someone else's child is not a minor's
/// case; "we are 4", "ora është 7", "is one …" are no ages; an age set off after a word for a person ("a girl, 15",
/// "(16)") is one; a toy weapon, a pet that bit, a war told as history, a town that "chokes", a chat closed, a question
/// of where the line helps, an English "she's", a photo already posted are not what they look like. Each with the
/// danger that must still read.
/// </summary>
public sealed class MinorFlagAndEverydayAlarmsTests
{
    [Fact]
    public void A_parents_or_professionals_prevention_question_about_someone_elses_child_is_not_a_minors_case() =>
        Each(r => r.Minor, new() { [false] = Lines("""
            vajza ime 12 vjeçe do telefon, a keni këshilla për kontrollin prindëror?
            a keni grupe mbështetjeje për prindër? djali im 16 vjeç sapo na tha që është trans
            """) });

    [Fact]
    public void A_childs_own_question_a_harm_told_now_pupils_asking_and_a_child_refused_for_who_they_are_stay_a_minors() =>
        Each(r => r.Minor, new() { [true] = Lines("""
            jam 13 vjeç, a mund t'ju shkruaj pa e ditur prindërit?
            my son is 12 and a man online asked him for photos tonight, what do i do?
            jemi një grup nxënësish të klasës së tetë, bëjmë një poster për sigurinë online, a mund të përdorim logon tuaj?
            djalin tim 7 vjeç nuk e pranojnë në kopsht se jemi romë, ku ankohemi?
            """) });

    [Fact]
    public void A_count_of_people_an_hour_and_the_word_one_are_no_ages() =>
        Each(r => (r.Minor, r.Age), new() { [(false, null)] = Lines("""
            we are 4 in the back of a truck, they took our phones
            jemi 6 në një dhomë, pronari na mban pasaportat
            ora është 7, ai kthehet nga puna në 8 dhe tha do më vrasë
            is one pill of ibuprofen ok with coffee?
            hey friend, 15 euro for the ticket is too much
            """) });

    [Fact]
    public void A_young_childs_own_age_and_a_little_sisters_stay_ages() =>
        Each(r => (r.Minor, r.Age), new()
        {
            [(true, 9)] = Lines("im 9 and my dad is hitting my mum right now"),
            [(true, 8)] = Lines("my sister is 8 and he hit her again"),
        });

    [Fact]
    public void An_age_set_off_after_a_word_for_a_person_is_read() =>
        Each(r => (r.Minor, r.Age), new()
        {
            [(true, 15)] = Lines("i'm a girl, 15. a man from the gym keeps sending me money"),
            [(true, 16)] = Lines("my boyfriend (16) says he took all his mum's pills"),
            [(true, 11)] = Lines("there's a kid on our street, maybe 11, out every night collecting cans for some men"),
            [(true, 17)] = Lines("jam shqiptar, 17, më kanë futur në një makinë dhe s'di ku më çojnë"),
        });

    [Fact]
    public void Gheg_children_with_her_beside_a_weapon_make_it_a_minors() =>
        Each(r => r.Minor, new() { [true] = Lines("burri ka nxjerrë thikën, fmitë janë me mua në dhomë") });

    [Fact]
    public void A_toy_weapon_a_pet_that_bit_a_war_told_as_history_and_a_town_that_chokes_are_no_danger() =>
        Each(r => r.Severity < Severity.Medium && !r.Minor, new() { [true] = Lines("""
            my nephew keeps shooting me with his foam blaster lol
            vëllai i vogël po më qëllon me pistoletë uji gjithë ditën
            my aunt's parrot bit me when i fed it
            lepuri i motrës më kafshoi gishtin
            gjyshi tregonte si i sulmonin nazistët partizanët në mal
            my grandad's war stories are all about partisans shooting at soldiers
            ky qytet po më mbyt, dua të shkoj në mal për ca ditë
            this town is suffocating me, i need a weekend away
            """) });

    [Fact]
    public void A_real_gun_beside_toys_a_grandfathers_blows_and_a_man_choking_her_stay_danger()
    {
        AtLeast(Severity.Critical, "he is pointing a real gun at me, the kids' water pistols are on the floor");
        AtLeast(Severity.High, "my grandfather beats my grandmother when he drinks", "domestic_violence");
        AtLeast(Severity.Critical, "ai po më mbyt, ndihmë");
    }

    [Fact]
    public void Questions_to_the_line_about_closing_the_chat_where_it_helps_and_a_friends_worry_are_no_alarm() =>
        Each(r => r.Severity < Severity.High, new() { [true] = Lines("""
            kur e mbyll bisedën, a fshihet gjithçka?
            nëse e mbyll aplikacionin, a ruhen mesazhet?
            jetoj në Gjermani, a mund të më ndihmoni edhe këtu?
            do you help people living abroad or only in albania?
            my friend told me something worrying but she's fine now, can i ask what to do?
            si e heq një foto timen nga plazhi që e ka postuar një shoqe?
            """) });

    [Fact]
    public void Locked_in_a_plea_from_abroad_being_sold_and_a_threat_to_publish_stay_danger()
    {
        AtLeast(Severity.Critical, "më ka mbyllur në dhomë dhe s'më lë të dal");
        AtLeast(Severity.Critical, "ndihmoni, jam në Gjermani dhe ai po më rreh");
        AtLeast(Severity.Critical, "they sold me to a man in durres", "trafficking");
        AtLeast(Severity.Critical, "më kanë shitur te një burrë në Durrës", "trafficking");
        AtLeast(Severity.High, "do i publikojë fotot e mia nëse s'i dërgoj para", "digital_violence");
    }
}
