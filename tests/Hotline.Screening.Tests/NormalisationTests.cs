namespace Hotline.Screening.Tests;

/// <summary>Normalisation reads what was typed and never makes a lexicon word that was not written.</summary>
public sealed class NormalisationTests
{
    [Theory]
    [InlineData("he broke my nose playing football, it's swollen")]
    [InlineData("my nose is bleeding a bit after the match, nothing serious")]
    public void A_broken_nose_is_not_a_noose(string text)
    {
        var result = Screener.Default.Screen(text);
        Assert.DoesNotContain("self_harm", result.Categories);
        Assert.DoesNotContain(result.Indicators, i => i.Id.StartsWith("sh.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_noose_is_still_read_when_written_or_stretched()
    {
        Assert.Contains("self_harm", Screener.Default.Screen("i made a noose, it's tied to the ceiling").Categories);
        Assert.Contains("self_harm", Screener.Default.Screen("i made a nooooose, it's tied to the ceiling").Categories);
    }

    [Fact]
    public void A_doubled_letter_does_not_become_a_different_word()
    {
        var result = Screener.Default.Screen("we rapped all night at the studio, the beat was crazy");
        Assert.DoesNotContain("sexual_violence", result.Categories);
        Assert.True(result.Severity <= Severity.Low, result.Severity.ToWire());
    }

    [Theory]
    [InlineData("ndihmeeee")]
    [InlineData("ndihmee")]
    [InlineData("helppp")]
    public void Letters_stretched_for_emphasis_still_read_as_the_word(string text)
    {
        var result = Screener.Default.Screen(text);
        Assert.Contains(result.Indicators, i => i.Category == "plea");
    }
}
