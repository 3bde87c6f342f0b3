namespace Hotline.Screening.Tests;

/// <summary>What an operator reads of a result: every indicator named, placed on real words, each span once.</summary>
public sealed class ExplanationTests
{
    [Theory]
    [InlineData("they offered me a job in Italy, they pay the ticket and I start next week", "tr.job_abroad")]
    [InlineData("jam 14 vjeç dhe një burrë 35 vjeç më shkruan çdo natë", "ch.older_contact")]
    public void Combination_indicators_point_at_the_words_that_made_them(string text, string id)
    {
        var result = Screener.Default.Screen(text);
        var combination = Assert.Single(result.Indicators, i => i.Id == id);
        Assert.True(combination.Length > 0, "empty span");
        Assert.NotEqual("", combination.Text);
        Assert.Equal(text.Substring(combination.Start, combination.Length), combination.Text);
        Assert.NotNull(combination.Label);
    }

    [Fact]
    public void A_span_with_two_categories_is_listed_once_with_both()
    {
        var result = Screener.Default.Screen("my ex is sending my nudes to everyone in my class");
        Assert.Equal(result.Indicators.Count, result.Indicators.Select(i => (i.Id, i.Start, i.Length)).Distinct().Count());
        var shared = Assert.Single(result.Indicators, i => i.Id == "dg.shared_intimate");
        Assert.Contains("digital_violence", shared.Categories);
        Assert.Contains("domestic_violence", shared.Categories);
        Assert.Equal(shared.Categories[0], shared.Category);
    }

    [Theory]
    [InlineData("burri po më rreh tani, ndihmë")]
    [InlineData("my boyfriend took my passport and says i owe him 3000 for the trip")]
    [InlineData("i have the pills in front of me, i'm going to do it tonight")]
    public void Every_indicator_of_a_result_has_a_label_and_a_real_span(string text)
    {
        var result = Screener.Default.Screen(text);
        Assert.NotEmpty(result.Indicators);
        foreach (var indicator in result.Indicators)
        {
            Assert.NotNull(indicator.Label);
            Assert.False(string.IsNullOrWhiteSpace(indicator.Label!.Sq));
            Assert.False(string.IsNullOrWhiteSpace(indicator.Label.En));
            Assert.True(indicator.Length > 0, $"{indicator.Id} has an empty span");
            Assert.Equal(text.Substring(indicator.Start, indicator.Length), indicator.Text);
        }
    }
}
