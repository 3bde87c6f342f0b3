using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Defects of the round's new rules found by probing them with new wordings, mended at their cause (lexicon
/// 2026.12.62 – .68): the news read as a story told over a whole short message hid a threat to her or someone at her door
/// beside it; gas turned off on purpose read as gas turned on; "the law" read as an in-law who checks her spending;
/// parents "looking for a husband for me" not read in that word order; her own screenshot read as her photos mocked; a teacher's door shut until the exam is over read as
/// confinement; the traffic that "will choke us" read as a threat; (.64) a coach keeping the team's passports read as papers
/// withheld; (.65) snow read as the reason she is kept in where a man will not let her out; (.68) the law or a former
/// colleague read as an ex who keeps turning up.
/// Each message is read with the opinion and by the rules alone, beside the look-alike it must not be confused with.
/// </summary>
public sealed class RoundReviewMendedTests
{
    private static void MediumOrMoreIn(string category, string[] read, string[] notRead)
    {
        Each(r => r.Severity >= Severity.Medium && r.Categories.Contains(category), new() { [true] = read });
        Each(r => r.Severity >= Severity.Medium || r.Categories.Contains(category), new() { [false] = notRead });
    }

    [Fact]
    public void A_threat_to_her_after_the_news_is_hers_but_the_violence_the_news_told_is_not()
    {
        StayAtLeast(Severity.High, Lines("""
            the news said he escaped from prison. he just texted me that he is coming to kill me tonight
            pashë në lajme që e liruan nga burgu, më shkroi se do më vrasë sonte
            pashe ne lajme qe e liruan nga burgu, me shkroi se do me vrase sonte
            i read in the news about a woman killed in our town and an hour later my ex wrote that i am next and he will kill me
            """));
        Each(r => r.Severity >= Severity.Medium, new()
        {
            [false] = Lines("""
                i saw on the news that a man killed his neighbour in vlora
                sipas lajmeve një grua u vra nga burri në Fier, sa e tmerrshme
                sipas lajmeve nje grua u vra nga burri ne fier, sa e tmerrshme
                i read in the news that police shot a robber near the bank
                """),
        });
    }

    [Fact]
    public void Someone_at_her_door_after_the_news_stays_above_the_news_itself()
    {
        Each(r => r.Severity >= Severity.Medium, new()
        {
            [true] = Lines("""
                pashë në lajme që doli nga burgu. tani është te dera ime
                pashe ne lajme qe doli nga burgu, tani eshte para deres sime dhe bertet
                """),
            [false] = Lines("""
                pashë në lajme që një i arrestuar doli nga burgu sot
                i saw on the news that the police are outside the court in tirana now
                """),
        });
    }

    [Fact]
    public void Gas_turned_off_on_purpose_is_no_harm_but_gas_turned_on_or_left_on_purpose_is()
    {
        Each(r => r.Severity >= Severity.High && r.Categories.Contains("domestic_violence"), new()
        {
            [true] = Lines("""
                he turned on the gas on purpose while we were asleep
                my husband left the gas on purpose and locked the kitchen
                """),
            [false] = Lines("""
                my dad turned off the gas on purpose to save money this winter
                he switched off the gas on purpose before we left for the holiday
                my husband shut off the gas on purpose because of the leak
                """),
        });
    }

    [Fact]
    public void A_door_shut_until_the_exam_is_over_is_a_school_rule_but_nobody_let_out_until_he_says_so_is_confinement()
    {
        Each(r => r.Severity >= Severity.High, new()
        {
            [false] = Lines("""
                the teacher locked the door and said nobody goes out until the exam is over
                mësuesi mbylli derën dhe tha askush s'del deri në fund të provimit
                mesuesi mbylli deren dhe tha askush s del para se te mbaroje testi
                """),
        });
        StayAtLeast(Severity.Critical, Lines("""
            burri mbylli derën dhe tha askush s'del deri sa të them unë
            burri mbylli deren dhe tha askush s del deri sa te them une
            he locked us in and said nobody goes out until the debt is paid
            """));
    }

    [Fact]
    public void Traffic_that_will_choke_us_is_no_threat_but_he_who_said_it_is() =>
        Each(r => r.Severity >= Severity.High, new()
        {
            [false] = ["do na mbysë ky trafik sot, s'lëviz asgjë", "do na mbyse ky trafik sot"],
            [true] = ["burri tha do na mbysë sot", "burri tha do na mbyse te gjitheve sonte"],
        });

    [Fact]
    public void A_coach_keeping_the_teams_passports_on_a_tournament_is_no_trafficking_but_a_boss_or_the_man_who_brought_her_is() =>
        Each(r => r.Severity >= Severity.High && r.Categories.Contains("trafficking"), new()
        {
            [false] = ["my coach won't let us keep our passports during the tournament abroad", "the coach won't let me keep my passport until the team flies home"],
            [true] = ["my boss won't let us keep our passports, he says he keeps them safe", "the man who brought us here won't let me keep my passport"],
        });

    [Fact]
    public void Snow_that_keeps_them_in_is_the_weathers_but_a_man_who_will_not_let_them_out_in_the_snow_is_not()
    {
        StayAtLeast(Severity.High, Lines("""
            na zuri bora, dhe burri s'na lë të dalim as kur pushon
            na zuri bora dhe burri nuk na lejon te dalim
            the storm came and he says i can't leave until he says so
            """));
        Each(r => r.Severity >= Severity.Medium, new()
        {
            [false] = Lines("""
                na bllokoi bora, s'dalim dot nga fshati
                na ka zënë bora prej dy ditësh dhe nuk mund të largohemi
                na zuri shiu dhe s mund te dalim nga kafja, po presim
                """),
        });
    }

    [Fact]
    public void An_ex_who_keeps_turning_up_is_read_but_the_law_or_a_former_colleague_is_not() =>
        Each(r => r.Categories.Contains("domestic_violence"), new()
        {
            [true] = ["ish-burri vjen çdo natë para shtëpisë dhe rri aty, më shikon", "my ex keeps turning up at my work and just stands there"],
            [false] =
            [
                "the law keeps showing up at my door about the unpaid parking fines",
                "ish-kolegia vjen në zyrë çdo të hënë dhe rri aty 2 orë për kafe",
                "ish-kolegu vjen në zyrë çdo mëngjes dhe rri aty për kafe",
            ],
        });

    /// <summary>The in-law, the husband sought for her and the screenshot: each read beside the look-alike it must not be.</summary>
    public static TheoryData<string, string, string> EarlySignsAndTheirLookAlikes => new()
    {
        {
            "domestic_violence",
            "my mother in law checks every receipt when i come back from the shop|my in-laws check my bag every time i go out|my inlaws check every receipt i bring home",
            "the law checks every euro the party spends on the campaign|law students check every receipt in the moot court exercise|under the law my employer checks my bag at the exit, is that normal?"
        },
        {
            "trafficking",
            "they are looking for a husband for me back home and i am 16|my parents are searching for a groom for me and i do not want to marry yet|my aunt is finding a husband for me in the village",
            "my parents are looking for a flat for me near the campus|i am looking for a husband for me lol any offers|my mum is looking for a husband for herself on the apps"
        },
        {
            "digital_violence",
            "they screenshot my story and posted it on a page to laugh at me|e bënë screenshot storyn time dhe e shpërndanë në grup|e bene screenshot storyn time dhe e shperndane ne grup",
            "i screenshot my story and posted it on my second account|i screenshotted my profile and sent it to my sister for her opinion"
        },
    };

    [Theory]
    [MemberData(nameof(EarlySignsAndTheirLookAlikes))]
    public void An_in_law_a_husband_sought_for_her_or_her_story_shared_are_read_but_the_law_a_flat_or_her_own_screenshot_are_not(
        string category, string read, string notRead) =>
        MediumOrMoreIn(category, read.Split('|'), notRead.Split('|'));
}
