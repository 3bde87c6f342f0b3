using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Categories told by what is done to whom: someone mocked for a wheelchair, autism, a headscarf or being Nepalese is hate
/// violence as much as someone mocked for being gay; a woman sent to sleep with a man, a boss or "the men" to clear a debt,
/// put on escort sites or run by a pimp is sexual violence as well as trafficking; a baby she is shut in with, or a child
/// of a few months ("djalin 3 muajsh"), is a child at risk; a parent's question on an app's settings, a child's account or
/// adults met online is digital violence's subject, at low. Each read with the opinion and by the rules alone, beside the
/// everyday look-alikes the same words tell. Self-harm told by a way to die without its words: going under a lorry or a
/// train she is driving towards, going into the sea or a river so as not to come out.
/// </summary>
public sealed class CategoriesByTraitDebtInfantAndOnlineSafetyTests
{
    [Fact]
    public void Someone_mocked_for_a_disability_an_origin_or_a_headscarf_is_hate_violence() =>
        Each(HateViolence, new()
        {
            [true] = Lines("""
                they keep making fun of my stutter in the work group chat
                some lads at college post videos mocking my brother's wheelchair
                në grupin e punës tallen me shaminë time çdo ditë
                djemtë e lagjes qeshin me vëllanë tim se është autik
                n'kantier shefi tallet me punëtorët nepalezë para të gjithëve
                """),
            [false] = Lines("""
                the wheelchair ramp at the station is broken again, who do i call?
                my son has autism and his classmates are lovely to him
                qeshëm shumë me një video me qen në tiktok
                """),
        });

    [Fact]
    public void A_question_how_to_report_a_page_that_mocks_disabled_people_stays_low_with_its_subject() =>
        Each(r => (r.Severity, HateViolence(r)), new()
        {
            [(Severity.Low, true)] = Lines("""
                si ta raportoj një video në tiktok që tallet me njerëz me aftësi të kufizuara?
                how do i report a video that mocks people in wheelchairs?
                """),
        });

    [Fact]
    public void Sex_with_a_man_to_clear_a_debt_escort_sites_or_a_pimp_are_sexual_violence_and_trafficking()
    {
        var exploited = Lines("""
            her pimp keeps her phone and drives her to the hotels every night
            my boyfriend listed me on escort sites and keeps the money
            he says i have to spend the night with his boss to pay off the debt
            më tha të dal me burrat që i sjell ai që ta shlyej borxhin
            tha që duhet të shkoj me një afendiko për ta larë borxhin
            """);
        Each(SexualViolence, new()
        {
            [true] = exploited,
            [false] = Lines("""
                duhet të shkoj me babin në bankë për të shlyer borxhin e shtëpisë
                i have to go with my dad to the bank to pay off the car loan
                """),
        });
        Each(r => r.Categories.Contains("trafficking"), new() { [true] = exploited });
    }

    [Fact]
    public void A_baby_she_is_shut_in_with_or_a_child_of_some_months_is_a_child_at_risk() =>
        Each(ChildAtRisk, new()
        {
            [true] = Lines("""
                jom msheh n'dhomë me bebin, po e thyen derën me shqelma
                burri po godet derën e banjës, jam mbyllur brenda me foshnjën
                vjehrra më mbylli në dhomë dhe më mori çunin 2 muajsh
                """),
            [false] = Lines("""
                burri më rreh prej 3 muajsh dhe më kërcënon
                burri më rreh, e lashë bebin te nëna ime sot dhe jam te shoqja
                """),
        });

    [Fact]
    public void A_parents_question_on_an_apps_settings_an_account_or_adults_online_is_digital_violence_at_low() =>
        Each(r => (r.Severity, DigitalViolence(r)), new()
        {
            [(Severity.Low, true)] = Lines("""
                is there a safe setting on tiktok for a 10 year old?
                cilat cilësime në instagram janë më të sigurta për një fëmijë 11 vjeç?
                a ka këshilla si ta bëj tiktok-un më të sigurt për djalin?
                si ta mbroj llogarinë e djalit në instagram?
                si e kuptoj nëse djali flet me ndonjë të rritur në internet?
                any safe internet tips before my niece gets her first phone?
                """),
            [(Severity.None, false)] = Lines("""
                we're making a tiktok about staying safe at the beach
                how do i protect my car from rust?
                """),
        });

    [Fact]
    public void Going_under_a_lorry_or_into_the_water_not_to_come_out_is_self_harm() =>
        Each(r => (SelfHarm(r), r.Severity >= Severity.High), new()
        {
            [(true, true)] = Lines("""
                po e ngas makinën shpejt, do hidhem nën një tir në kthesë
                po e ngas makinen, do futem nen rrotat e kamionit qe vjen
                i'm driving on the highway, going to swerve under the next lorry
                dua të hyj në lumë e të mos dal më
                du me hy n'liqen e mos me u kthy ma
                i'm going to walk into the river tonight and not come back
                """),
            [(false, false)] = Lines("""
                dua të hyj në det e të dal te shkëmbi tjetër
                dua të hyj në det e të mos dal deri në darkë
                we'll swim into the lake and come back for lunch
                do futem nën makinë ta rregulloj marmitën
                nesër do futem nën kamion ta shoh frenat
                do futem nen kamionin e xhaxhait, gomat duan ndrequr
                po e ngas makinën për në punë, tani do futem nën urën e trenit
                i'm driving the van to the garage, the mechanic will go under the truck to check the brakes
                """),
        });

    [Fact]
    public void A_trait_is_hate_only_as_what_a_person_is_mocked_for() =>
        Each(HateViolence, new()
        {
            [true] = Lines("""
                kids in the park were laughing at my son's wheelchair and pointing
                my colleague keeps making jokes about my hijab in front of clients
                the boys at school mock him for his stutter every day
                e tallin për karrocën në klasë çdo ditë
                po tallen me vajzën time se mban shami
                """),
            [false] = Lines("""
                it's ridiculous how expensive indian takeaway has got
                the prices at the syrian bakery are ridiculous lol
                my grandma's wheelchair is ridiculously heavy to lift into the car
                my son's autism assessment is ridiculously slow, two years on the list
                i have my mocks next week, african history paper first
                we have a mock interview for the nepalese students' visas on friday
                we ate indian food and told jokes all night
                a comedian with a stutter told jokes about it, brilliant show
                komediani tallet me veten se belbëzon, shumë qesharak
                babi tallet me veten se ecën me paterica pas operacionit
                motra tallej duke provuar shaminë e gjyshes, qeshëm shumë
                femijet talleshin duke shtyre karrocen e supermarketit
                my little brother is autistic and he mocks everyone's accents, it's hilarious
                it's ridiculous, someone parked in the disabled bay again
                """),
        });

    [Fact]
    public void A_pimp_is_exploitation_beside_her_not_a_car_or_a_bike_done_up() =>
        Each(r => (r.Severity >= Severity.Medium, SexualViolence(r)), new()
        {
            [(true, true)] = Lines("""
                her pimp keeps her phone and drives her to the hotels every night
                my pimp takes all the money and says i still owe him
                he pimps me out to his friends at weekends
                """),
            [(false, false)] = Lines("""
                my brother pimped out his old golf with neon lights
                pimping my bike with new stickers this weekend lol
                we watched pimp my ride reruns all afternoon
                he wants to pimp his room with led strips before the party
                """),
        });

    [Fact]
    public void A_pimp_arrested_in_the_news_keeps_its_trafficking_without_sexual_violence() =>
        Each(r => (r.Severity, SexualViolence(r)), new()
        {
            [(Severity.High, false)] = Lines("""
                the news said police arrested a pimp in durres yesterday
                """),
        });

    [Fact]
    public void Going_with_the_husband_or_a_man_from_an_office_to_pay_a_debt_is_an_errand_not_sex_for_it() =>
        Each(SexualViolence, new()
        {
            [true] = Lines("""
                i have to go with the men he brings to clear the debt for the room
                he says i have to spend the night with his boss to pay off the debt
                tha që duhet të shkoj me një afendiko për ta larë borxhin
                """),
            [false] = Lines("""
                duhet të shkoj me burrin në bankë për të paguar borxhin e makinës
                duhet te shkoj me burrin ne banke per te paguar borxhin e makines
                dal me burrin në treg për të paguar borxhin te dyqanxhiu
                i'll go with the man from the council next week to settle the debt on the flat
                i'll go with my husband to the bank to settle the debt next week
                """),
        });

    [Fact]
    public void An_age_in_months_is_a_childs_only_with_a_child_word() =>
        Each(r => (ChildAtRisk(r), r.Minor), new()
        {
            [(true, true)] = Lines("""
                my husband hits me and our 4 month old baby screams every time
                he hit me again, my son is 3 months old and i'm scared for him
                """),
            [(false, false)] = Lines("""
                he hit me last night. we just got a 2 month old kitten and i worry about her
                my husband hits me. i bought a 6 month old car last week, it's in his name
                my husband yells at me, and our 3 month old puppy hides under the bed
                burri më rreh, kemi një kotele 2 muajsh dhe ai e shkelmon
                """),
        });

    [Fact]
    public void An_apps_settings_are_digital_violences_subject_for_a_child_and_an_account_against_someone_not_a_bank() =>
        Each(DigitalViolence, new()
        {
            [true] = Lines("""
                what privacy settings should my 12 year old have on snapchat?
                is there a safe setting on tiktok for a 10 year old?
                cilat cilësime në instagram janë më të sigurta për një fëmijë 11 vjeç?
                si ta mbroj llogarinë e djalit në instagram?
                how do i protect my daughter's instagram account?
                how do i protect my facebook account so my ex can't get in?
                si ta mbroj llogarinë time të emailit nga dikush që e di fjalëkalimin?
                """),
            [false] = Lines("""
                how do i change the language settings on whatsapp?
                si ta ndryshoj gjuhën te cilësimet e instagramit?
                is telegram safer than whatsapp for sending big files?
                how do i secure my bank account after i lost my card?
                si ta mbroj llogarinë bankare nga mashtrimet me karta?
                where are the notification settings on youtube now?
                """),
        });

    [Fact]
    public void A_wish_to_stay_in_warm_water_on_holiday_is_not_going_in_not_to_come_out() =>
        Each(SelfHarm, new()
        {
            [true] = Lines("""
                dua të hyj në lumë e të mos dal më
                du me hy n'liqen e mos me u kthy ma
                """),
            [false] = Lines("""
                uji është aq i ngrohtë sa dua të hyj në det e të mos dal më hahaha
                kur të shkojmë në sarandë do hyj në det e s'dal më, pushime!
                dua të hyj në ujë e të mos dal gjithë ditën, vapë e madhe
                do të hyj në det e të mos dal gjatë gjithë pasdites, plazh i mrekullueshëm
                """),
        });
}
