using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// False alarms read by cause (lexicon 2026.12.54): violence or confinement words whose doer is no one — insects at her,
/// pain in a part of the body, a door shut with her outside, the weather keeping her in, news she saw — each beside
/// look-alikes where a person does it, which must still fire.
/// </summary>
public sealed class NoOnesDoingTests
{
    [Fact]
    public void Insects_that_attacked_or_bit_her_are_no_violence() => StayQuiet(Lines("""
        mushkonjat na hëngrën të gjallë në verandë
        na sulmuan grerëzat te hardhia, kemi pickime gjithandej
        the ants bit me all over at the picnic
        we got eaten alive by mosquitoes at the lake
        """), r => r.Categories.Count > 0);

    [Fact]
    public void Men_who_attacked_her_at_the_same_camp_still_do() => StayAtLeast(Severity.High, Lines("""
        dy burra na sulmuan në kamp, ndihmë
        a man attacked us at the campsite, please help
        """));

    [Fact]
    public void A_back_or_knees_killed_by_work_or_shoes_is_pain() => StayQuiet(Lines("""
        kjo punë në ara më vrau shpinën
        këto këpucë të reja më vranë këmbët
        carrying boxes all day killed my knees
        the garden nearly killed my back, never again
        """), r => r.Indicators.Any(i => i.Id == "v.threat_kill"));

    [Fact]
    public void A_person_nearly_killed_is_still_a_threat() =>
        Assert.Contains(Screen("he nearly killed my brother last night").Indicators, i => i.Id == "v.threat_kill");

    [Fact]
    public void Locked_out_of_her_own_home_or_car_is_not_locked_in() => StayQuiet(Lines("""
        mbeta e mbyllur jashtë, çelësat i kam brenda
        jemi mbyllur jashtë shtëpisë, po presim bravapunuesin
        we got locked out of the car at the beach
        i locked myself out again, waiting for my flatmate
        """), r => r.Immediacy != Immediacy.None);

    [Fact]
    public void Locked_in_by_someone_stays_critical() => StayAtLeast(Severity.Critical, Lines("""
        ai më ka mbyllur brenda dhe e mori çelësin
        he locked us in the basement and took the key
        """));

    [Fact]
    public void Snow_rain_or_a_flood_that_keeps_her_in_is_no_confinement() => StayQuiet(Lines("""
        na ka zënë shiu në rrugë, s'mund të dalim nga makina
        na bllokoi bora në fshat, s'mund të largohemi deri të hënën
        we're flooded in at my aunt's, we can't leave till tomorrow
        the storm is so bad we can't leave the hotel tonight
        """), r => r.Categories.Count > 0);

    [Fact]
    public void A_man_who_keeps_her_in_whatever_the_weather_is_still_confinement() => StayAtLeast(Severity.Critical, Lines("""
        bora është e madhe dhe ai na ka mbyllur në bodrum, s'mund të dalim
        it's snowing and he won't let me leave the flat
        """));

    [Fact]
    public void Violence_she_saw_or_read_in_the_news_is_not_hers() => StayQuiet(Lines("""
        i read in the news that a woman was stabbed in fier
        e lexova në lajme se e therën një grua në Fier
        saw on the news that a bus driver got beaten up in vlora, unbelievable
        pashë në lajme që e rrahën një mësues në Durrës
        """), r => r.Categories.Count > 0);

    [Fact]
    public void Violence_done_to_her_on_a_news_evening_stays() => StayAtLeast(Severity.High, Lines("""
        burri më rrahu pasi pamë lajmet
        he hit me because i turned over from the news, he's still shouting
        """));
}
