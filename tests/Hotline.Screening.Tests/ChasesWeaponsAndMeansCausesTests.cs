using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// More causes of the seventeenth writer's batch B and the eighteenth writer's batch A, in wordings written here: a group
/// chasing someone for her colour or setting a dog on her, a weapon shown with what it is for if she leaves, a bed offered
/// "in exchange", a protection order broken "even though", veins cut, pills lined up, and "choked with laughter"; with
/// the look-alikes that must stay quiet (a dog that chases a runner, a hunting rifle, a room for babysitting, a finger
/// cut on onions, vitamins for the week, last night's shallow cut).
/// </summary>
public sealed class ChasesWeaponsAndMeansCausesTests
{
    [Theory]
    [InlineData("a group of lads are chasing me through the park shouting about my skin colour, i'm running")]
    [InlineData("një grup djemsh po më ndjek pas stacionit dhe më shajnë për ngjyrën, po vrapoj")]
    public void A_group_chasing_her_for_her_colour_is_critical_hate(string text) => Is(Severity.Critical, text, "hate_violence");

    [Theory]
    [InlineData("disa djem më lëshuan qenin pas meje në park sepse jam rom", Severity.High, "hate_violence")]
    [InlineData("po më ndjek qeni i komshiut çdo mëngjes kur dal me vrap", Severity.None, null)]
    [InlineData("a group of us went running by the lake this morning", Severity.None, null)]
    [InlineData("he put the knife on the table and said it's for me if i ever leave him", Severity.High, "domestic_violence")]
    [InlineData("burri më tregoi pistoletën dhe më tha: nëse ikën, e di çfarë të pret", Severity.High, "domestic_violence")]
    [InlineData("my dad showed me his hunting rifle and said i can use it if i ever go hunting with him", Severity.None, null)]
    [InlineData("a guy at the hostel offered me a bed for the week in exchange. i have nowhere else", Severity.High, "sexual_violence")]
    [InlineData("s'kam ku të fle dhe një burrë më ofroi dhomë 'në këmbim'", Severity.High, "sexual_violence")]
    [InlineData("a friend offered me a room in exchange for babysitting her kids", Severity.None, null)]
    [InlineData("my ex came to my work again today even though there is a protection order", Severity.High, "domestic_violence")]
    public void A_dog_set_on_her_a_weapon_for_if_she_leaves_a_bed_in_exchange_a_broken_order_and_their_look_alikes(
        string text, Severity severity, string? category)
    {
        var result = category is null ? Is(severity, text) : Is(severity, text, category);
        Assert.Equal(category is null ? 0 : 1, result.Categories.Count(c => c != "child_at_risk"));
    }

    [Fact]
    public void Veins_cut_now_and_pills_lined_up_are_critical() => Expect.Each(text => Screen(text).Severity, new()
    {
        [Severity.Critical] = Lines("""
            sapo i preva venat, ka shumë gjak
            i've just cut my wrists and i'm sitting on the bathroom floor
            i've lined up all my pills on the desk. just want to say bye to someone
            """),
        [Severity.High] = Lines("""
            i kam prerë kyçet dje por nuk ishte thellë, tani jam mirë
            """),
        [Severity.None] = Lines("""
            kam prerë gishtin duke prerë qepë
            i have lined up my vitamins for the week
            hahaha më mbyti e qeshura me atë video
            """),
    });

    [Fact]
    public void A_small_child_s_bite_is_nothing_and_a_partner_s_bite_stays_high()
    {
        Is(Severity.None, "motra e vogël më kafshoi në dorë sepse i mora lodrën");
        Is(Severity.None, "the baby bit me while feeding, ouch");
        Is(Severity.High, "my boyfriend bit me and left bruises, i'm scared of him", "domestic_violence");
    }
}
