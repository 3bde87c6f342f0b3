namespace Hotline.Screening.Tests;

/// <summary>One typing error in a longer lexicon word is read as the word; real words and endings are not typos.</summary>
public sealed class TypoTests
{
    [Theory]
    [InlineData("strnagled", "strangled", true)]
    [InlineData("shfrytzon", "shfrytezon", true)]
    [InlineData("kidnaped", "kidnapped", true)]
    [InlineData("filled", "killed", false)]
    [InlineData("ndihmen", "ndihme", false)]
    [InlineData("killer", "killed", false)]
    public void One_edit_means_one_letter_added_dropped_changed_or_swapped_inside_the_word(string typed, string word, bool expected)
    {
        Assert.Equal(expected, TypoIndex.OneEdit(typed, word));
    }

    [Theory]
    [InlineData("he strnagled me last night and said next time he'll finish it", "v.beating")]
    [InlineData("ai na shfrytzon në punishte dhe nuk na paguan", "tr.forced_work")]
    [InlineData("he atacked me in the kitchen, my husband", "v.beating")]
    public void A_typing_error_in_a_risk_word_is_still_read(string text, string id)
    {
        var result = Screener.Default.Screen(text);
        Assert.Contains(result.Indicators, i => i.Id == id);
    }

    [Theory]
    [InlineData("he looked me in the eyes and said sorry for being late")]
    [InlineData("i filled in the form for the new passport, what's next?")]
    [InlineData("faleminderit për ndihmën që më dhatë atëherë")]
    public void Real_words_near_risk_words_are_not_read_as_typos(string text)
    {
        var result = Screener.Default.Screen(text);
        Assert.True(result.Severity <= Severity.Low, $"{result.Severity}: {string.Join(", ", result.Indicators.Select(i => i.Id))}");
    }

    [Fact]
    public void The_index_is_built_from_the_lexicon_at_start_up()
    {
        Assert.True(Lexicon.Embedded.Typos.Count > 500, $"{Lexicon.Embedded.Typos.Count} words");
    }
}
