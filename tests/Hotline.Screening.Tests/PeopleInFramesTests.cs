using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// People named by what they are in a crowd (fans, a gang, some boys, a bouncer) are the human actors violence needs, so a
/// match, a stadium or a rope in the same message no longer makes the violence an animal's or a sport's; a rope is no
/// yoghurt ("kos" is, "koshare" is not); and a parent's no to a concert or a party is a parent's rule, not confinement.
/// Own wordings, each beside an everyday one that must stay quiet.
/// </summary>
public sealed class PeopleInFramesTests
{
    [Fact]
    public void Violence_by_fans_a_gang_or_some_boys_stands_beside_a_match() => Expect.Each(SeverityOf, new()
    {
        [Severity.High] = Lines("""
            pas ndeshjes disa tifozë më goditën me shqelma te parkimi, më dhemb brinja
            a gang of supporters punched me outside the stadium after the game, my lip is split
            """),
        [Severity.Critical] = Lines("""
            disa çuna po e godasin vëllain tim me shkopinj te fusha e futbollit tani
            """),
    });

    [Fact]
    public void Sport_and_animals_alone_stay_quiet() => Expect.Each(SeverityOf, new()
    {
        [Severity.None] = Lines("""
            tifozët e Tiranës e rrahën Vllazninë 3-0 në ndeshjen e djeshme
            the fans went wild when we beat them in the final
            """),
    });

    [Fact]
    public void A_rope_or_a_basket_is_no_recipe_and_beating_eggs_still_is()
    {
        AtLeast(Severity.High, "xhaxhai na rreh me litarin e kovës kur vonohemi nga bagëtitë", "domestic_violence");
        Is(Severity.None, "rrihe kosin me vezët dhe hidhe në tavë");
    }

    [Fact]
    public void A_parent_s_no_to_a_concert_or_a_party_is_a_rule_and_a_partner_s_is_not() => Expect.Each(SeverityOf, new()
    {
        [Severity.None] = Lines("""
            jam 15 dhe mami nuk më lë të dal në koncert me shoqet, s'është e drejtë
            i'm 16 and my dad won't let me go to the festival without an adult
            """),
    });

    [Fact]
    public void Held_in_by_a_partner_is_still_confinement() =>
        AtLeast(Severity.High, "my boyfriend won't let me leave the flat, not even to go to my sister's party", "domestic_violence");
}
