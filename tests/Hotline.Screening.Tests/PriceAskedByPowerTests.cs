using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A price asked by someone with power, and money asked for images (lexicon 2026.12.45). Sex as the price of a grade, a
/// job or the rent, asked by a professor, a boss, a coach or a landlord (`cue.authority`), is high sexual_violence
/// (`sv.sex_as_price`); going out with him, to dinner or to his flat as that price is medium (`sv.date_as_price`, high
/// for a minor). Money asked "or it goes to my school", "nëse s'paguaj videoja del në grup" is sextortion. An essay
/// due, a meeting to attend, a deposit, a shop's parcel or a brother's tale to mum are no price of that kind.
/// </summary>
public sealed class PriceAskedByPowerTests
{
    private static readonly string[] SexAsPrice = Lines("""
        my professor said he will fail me unless i sleep with him
        the landlord says i can pay the rent by sleeping with him
        my boss told me i keep the job only if i have sex with him
        my manager wants sexual favours for the promotion
        shefi më tha që nëse nuk fle me të më heq nga puna
        shefi tha nese nuk fle me te me heq nga puna
        pedagogu tha që po s'fle me të s'e kaloj provimin
        pronari i shtëpisë kërkon seks në këmbim të qirasë
        """);

    private static readonly string[] DateAsPrice = Lines("""
        my lecturer said he'd fix my grade if i go for drinks with him, just the two of us
        the manager says i get better shifts if i come over to his place after work
        pedagogu më tha që po të dal me të për darkë e kaloj provimin
        profesori tha që nëse shkoj në apartamentin e tij ma kalon provimin
        shefi tha që po të dal me të për kafe më jep rrogën më herët
        """);

    private static readonly string[] NoSuchPrice = Lines("""
        my professor said i will fail unless i hand in the essay
        my boss asked me out, i said no and he was fine with it
        the landlord says pay the rent or leave by friday
        my professor said i can see my exam if i come to his office on tuesday
        my friend said if i come over to her place we can study for the exam
        my boss said if i don't go to the meeting he'll fire me
        the teacher said unless i go to the library more i'll fail the exam
        my teacher said i can sleep in the library to study for the exam
        profesori tha që nëse nuk dorëzoj detyrën më mbetet provimi
        shefi më tha që nëse nuk dal në punë nesër më heq
        mësuesja tha që po s'dal në tabelë më vë notë të keqe
        """);

    private static readonly string[] Sextortion = Lines("""
        a guy i met online got a video of me and now wants 400 euro or it goes to my whole school. im 16
        she says 300 pounds by friday or the pics get sent to my team
        he wants money or else the photos go to my parents, i'm 15
        jam 16. më tha që nëse s'paguaj deri nesër videoja del në grupin e klasës
        nëse nuk i dërgoj 200 euro fotot shkojnë te prindërit e mi
        videoja del në të gjitha grupet nëse s'paguaj sot, jam 17 vjeç
        po s'i dërgova 300 euro e poston në facebook
        """);

    private static readonly string[] MoneyWithoutImages = Lines("""
        my brother wants 20 euro or he tells mum i broke the vase
        the shop wants 50 euro or it goes back to the warehouse
        the shop wants 50 euro or it goes to another customer
        the photographer wants 100 euro more or the wedding video goes to the archive
        if i don't pay the gym by friday the membership goes to someone else
        nëse nuk paguaj qiranë deri të hënën, dhoma shkon te dikush tjetër
        fotografi kërkon 50 euro ndryshe videoja e dasmës s'del
        """);

    /// <summary>High by the rules; the opinion may still lower a high it has learned as rarely urgent to medium, never lower.</summary>
    [Fact]
    public void Sex_as_the_price_of_a_grade_a_job_or_the_rent_is_high_sexual_violence()
    {
        Expect.Each(text => Screener.RulesOnly.Screen(text).Severity, new() { [Severity.High] = SexAsPrice });
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity >= Severity.Medium, new() { [true] = SexAsPrice });
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { ["sexual_violence"] = SexAsPrice });
        }
    }

    [Fact]
    public void Going_out_with_him_as_the_price_is_sexual_violence_and_high_for_a_minor()
    {
        Expect.Each(text => Screener.RulesOnly.Screen(text).Severity, new() { [Severity.Medium] = DateAsPrice });
        Expect.EachIncludes(text => Screener.RulesOnly.Screen(text).Categories, new() { ["sexual_violence"] = DateAsPrice });
        var minor = Screener.RulesOnly.Screen("i'm 16 and my coach says i keep my place on the team if i go to dinner with him, just us");
        Assert.True(minor.Severity >= Severity.High, Why(minor));
        Assert.Contains("child_at_risk", minor.Categories);
    }

    [Fact]
    public void A_grade_a_job_or_the_rent_asked_for_work_or_money_is_no_such_price() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Indicators.Any(i => i.Id is "sv.sex_as_price" or "sv.date_as_price"), new()
        {
            [false] = NoSuchPrice,
            [true] = [.. SexAsPrice, .. DateAsPrice],
        });

    [Fact]
    public void Money_asked_or_the_images_go_out_is_sextortion_and_a_minor_at_risk()
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.Each(text => screener.Screen(text).Severity >= Severity.High, new() { [true] = Sextortion });
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { ["digital_violence"] = Sextortion });
        }
        var minor = Screener.RulesOnly.Screen(Sextortion[0]);
        Assert.True(minor.Minor, Why(minor));
        Assert.Contains("child_at_risk", minor.Categories);
    }

    [Fact]
    public void Money_asked_for_anything_but_images_is_no_sextortion() => Expect.Each(
        text => Screener.RulesOnly.Screen(text).Indicators.Any(i => i.Id == "dg.sextortion"), new() { [false] = MoneyWithoutImages });
}
