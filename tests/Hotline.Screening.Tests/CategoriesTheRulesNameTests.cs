using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Categories the rules name themselves (lexicon 2026.12.42), where only the learned opinion used to: gas opened or
/// brakes cut on purpose (an attempt on a life, the household's when a partner is named); a home or a job refused once
/// someone found out who she is (hate_violence); her id or passport kept with every euro she earns handed over
/// (trafficking); a threat over taking the children (the household's). Each is read with and without the opinion, beside
/// look-alikes that must not take the category: gas left on by mistake or for cooking, a landlord who found out about a
/// cat, an id kept safe, a mother who keeps a bank card, a stranger's threat in a park.
/// </summary>
public sealed class CategoriesTheRulesNameTests
{
    private static readonly string[] GasOrBrakesOnPurpose = Lines("""
        burri la gazin hapur me qëllim kur ne flinim
        i dashuri hapi gazin qëllimisht dhe mbylli derën
        ish-i më preu frenat e makinës
        bashkëshorti ka prerë frenat e makinës sime
        my husband turned the gas on on purpose while we were asleep
        my ex cut my brakes last night, the mechanic showed me
        """);

    private static readonly string[] GasOrBrakesInEverydayLife = Lines("""
        burri hapi gazin për të gatuar darkën
        e lashë gazin hapur pa qëllim, mirë që e pamë
        e bëri me qëllim, më tha, që të qeshnim
        mekaniku më ndërroi frenat e makinës
        i left the gas on by mistake this morning
        he turned the gas on to make pasta
        my dad fixed the brakes on my bike
        """);

    private static readonly string[] RefusedOnceFoundOut = Lines("""
        s'më morën në punë kur mësuan që jam rom
        pronari na nxori nga banesa kur mori vesh që jemi romë
        they kicked us out of the cafe when they found out we are gay
        the landlord won't rent to us since he found out we are roma
        """);

    private static readonly string[] FoundOutAndNothingRefused = Lines("""
        mori vesh që jam rom dhe më ftoi për kafe
        she found out i'm gay and invited me to her party
        pronarja s'ma jep shtëpinë me qira sepse mori vesh që kam qen
        the landlord won't rent to us since he found out we have a cat
        """);

    private static readonly string[] PapersKeptAndEarningsTaken = Lines("""
        ai ma mban letërnjoftimin dhe kartën e bankës, i jap gjithë lekët që fitoj në lokal
        pronari mban pasaportat tona dhe na merr gjithë paret që fitojmë
        she holds my passport and my phone and takes every euro i make at the club
        """);

    private static readonly string[] MoneyOrPapersInEverydayLife = Lines("""
        he keeps my bank card and my id safe while i swim
        i gave him everything i earned at the bar tonight for the birthday present
        mum keeps my bank card so i don't spend everything i earn at the weekend
        the bar keeps all the tips and pays us at the end of the month
        """);

    private static readonly string[] ThreatsOverTheChildren = Lines("""
        he told me he would kill me if i take the kids
        said he'll break my legs if i try to take the children to my mum's
        """);

    [Fact]
    public void Gas_opened_or_brakes_cut_on_purpose_by_a_partner_is_high_domestic_violence() =>
        StayAt(Severity.High, "domestic_violence", GasOrBrakesOnPurpose);

    [Fact]
    public void Gas_for_cooking_or_left_on_by_mistake_and_brakes_mended_are_nothing() =>
        StayQuiet(GasOrBrakesInEverydayLife, r => r.Indicators.Any(i => i.Id == "v.gas_or_brakes") || r.Categories.Count > 0);

    [Fact]
    public void A_home_or_a_job_refused_once_someone_found_out_who_she_is_is_hate_violence()
    {
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
        {
            Expect.EachIncludes(text => screener.Screen(text).Categories, new() { ["hate_violence"] = RefusedOnceFoundOut });
            Expect.Each(text => screener.Screen(text).Severity >= Severity.Medium, new() { [true] = RefusedOnceFoundOut });
        }
    }

    [Fact]
    public void Found_out_who_she_is_with_nothing_refused_or_a_flat_refused_for_a_pet_is_no_hate()
    {
        // the rules alone keep each below high; the embedded opinion (2026.12.16+7840) calls the flat refused for a dog
        // urgent trafficking on its own, a false alarm of the opinion, not of this rule
        Expect.Each(text => Screener.RulesOnly.Screen(text).Severity >= Severity.High, new() { [false] = FoundOutAndNothingRefused });
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
            Expect.Each(text => screener.Screen(text).Categories.Contains("hate_violence"), new() { [false] = FoundOutAndNothingRefused });
    }

    [Fact]
    public void Her_papers_kept_and_every_euro_she_earns_handed_over_is_high_trafficking() =>
        StayAt(Severity.High, "trafficking", PapersKeptAndEarningsTaken);

    [Fact]
    public void Economic_control_with_the_id_kept_and_earnings_taken_at_the_bar_is_named_by_the_rules()
    {
        const string control = "he keeps my bank card and my id and i have to give him everything i earn at the bar";
        var result = Screener.RulesOnly.Screen(control);
        Assert.Equal(Severity.High, result.Severity);
        Assert.Contains("trafficking", result.Categories);
        Assert.Contains(result.Indicators, i => i.Id == "tr.papers_and_earnings");
    }

    [Fact]
    public void An_id_kept_safe_or_a_card_kept_by_a_mother_or_tips_paid_monthly_is_no_exploitation() =>
        StayQuiet(MoneyOrPapersInEverydayLife, r => r.Categories.Contains("trafficking"));

    [Fact]
    public void A_threat_over_taking_the_children_is_the_households()
    {
        StayAt(Severity.High, "domestic_violence", ThreatsOverTheChildren);
        // a stranger's threat in a park, with the same children taken to the slide, is not the household's
        const string stranger = "a man at the park said he would hit me if i take the kids on the slide again";
        foreach (var screener in new[] { Screener.Default, Screener.RulesOnly })
            Assert.DoesNotContain("domestic_violence", screener.Screen(stranger).Categories);
    }
}
