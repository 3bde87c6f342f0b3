using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>Who does what, and what is happening now: violence needs a person, presence and goodbyes are immediacy.</summary>
public sealed class ContextTests
{
    [Theory]
    [InlineData("my dog got attacked by a bigger dog at the park, the vet says he'll be fine")]
    [InlineData("macja ime vrau një mi sot në mëngjes, e solli tek dera")]
    [InlineData("we got destroyed in the football match, they beat us 5-0")]
    public void Violence_by_or_to_animals_or_in_sport_is_not_a_risk(string text)
    {
        var result = Screen(text);
        Assert.True(result.Severity <= Severity.Low, $"{result.Severity}: {string.Join(", ", result.Indicators.Select(i => i.Id))}");
    }

    [Fact]
    public void A_person_who_hurts_an_animal_still_counts()
    {
        var result = Screen("my husband kicked the dog and then punched me");
        Assert.True(result.Severity >= Severity.High);
        Assert.Contains("domestic_violence", result.Categories);
    }

    [Theory]
    [InlineData("im in 9th grade and my mom says i cant go out after 9 on school nights, so unfair")]
    [InlineData("babai nuk më lë të dal pas orës 10 natën, a është normale?")]
    public void A_parents_ordinary_rule_is_not_confinement(string text)
    {
        var result = Screen(text);
        Assert.True(result.Severity <= Severity.Low, $"{result.Severity}: {string.Join(", ", result.Indicators.Select(i => i.Id))}");
    }

    [Fact]
    public void Not_letting_a_wife_out_is_still_control()
    {
        Assert.True(Screen("burri nuk më lë të dal nga shtëpia, më merr telefonin").Severity >= Severity.Medium);
    }

    [Theory]
    [InlineData("standing on the bridge. sorry")]
    [InlineData("jam në urë. më falni të gjithëve")]
    public void A_goodbye_from_a_bridge_or_a_roof_is_critical_self_harm(string text) => Screened.Is(Severity.Critical, text, "self_harm");

    [Fact]
    public void Someone_outside_a_childs_school_now_after_grooming_is_critical() =>
        Assert.True(Screened.Is(Severity.Critical, "my little sister is 11 and a man from roblox keeps messaging her, he says hes outside her school right now to pick her up").Minor);

    [Fact]
    public void Nobody_hit_yet_is_not_a_beating()
    {
        var result = Screen("my dad screams at my mum every night and throws stuff, nobody got hit yet but im scared");
        Assert.DoesNotContain(result.Indicators, i => i.Id == "v.beating");
    }

    [Fact]
    public void A_professionals_referral_of_a_real_victim_is_not_capped_as_information()
    {
        var result = Screen("I'm a social worker, my client's husband beat her last night and he has a gun at home");
        Assert.True(result.Severity >= Severity.High, result.Severity.ToString());
    }
}
