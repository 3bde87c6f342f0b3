namespace Hotline.Bot.Tests.Channels.Twilio;

public sealed class KeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("  Stop! ")]
    [InlineData("STOPALL")]
    [InlineData("stop all")]
    [InlineData("Unsubscribe")]
    [InlineData("cancel")]
    [InlineData("END")]
    [InlineData("quit.")]
    [InlineData("opt-out")]
    [InlineData("NDALO")]
    [InlineData("ndalo")]
    [InlineData("Ndal")]
    [InlineData("NDALONI!")]
    [InlineData("çregjistrohu")]
    [InlineData("Cregjistrohu")]
    [InlineData("«NDALO»")]
    public void Stop_words_in_both_languages_are_recognised_whatever_the_case_and_diacritics(string message) =>
        Assert.Equal(KeywordKind.Stop, Keywords.Classify(message).Kind);

    [Theory]
    [InlineData("FSHI")]
    [InlineData("fshi")]
    [InlineData("Fshí")]
    [InlineData("FSHIJ")]
    [InlineData("fshi te gjitha")]
    [InlineData("fshi të gjitha")]
    [InlineData("WIPE")]
    [InlineData("delete")]
    [InlineData("Erase!")]
    public void Wipe_words_in_both_languages_are_recognised(string message) =>
        Assert.Equal(KeywordKind.Wipe, Keywords.Classify(message).Kind);

    [Theory]
    [InlineData("Please stop")]
    [InlineData("stop him")]
    [InlineData("Ai nuk ndalon")]
    [InlineData("ndalo se me rreh")]
    [InlineData("fshi mesazhet e mia tani se po i lexon")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("STOPP")]
    public void A_sentence_containing_a_keyword_is_an_ordinary_message(string message) =>
        Assert.Equal(KeywordKind.None, Keywords.Classify(message).Kind);

    [Theory]
    [InlineData("START")]
    [InlineData("unstop")]
    [InlineData("Fillo")]
    public void Start_words_are_recognised(string message) =>
        Assert.Equal(KeywordKind.Start, Keywords.Classify(message).Kind);

    [Fact]
    public void The_keyword_tells_the_language_when_it_can()
    {
        Assert.Equal(Hotline.Core.Language.Sq, Keywords.Classify("ndalo").Language);
        Assert.Equal(Hotline.Core.Language.En, Keywords.Classify("unsubscribe").Language);
        Assert.Equal(Hotline.Core.Language.Other, Keywords.Classify("stop").Language);
    }
}
