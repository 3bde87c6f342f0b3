namespace Hotline.Bot.Tests.Channels.Twilio;

public sealed class KeywordsTests
{
    private static KeywordKind Kind(string message) => Keywords.Classify(message).Kind;

    [Fact]
    public void Stop_words_in_both_languages_are_recognised_whatever_the_case_and_diacritics() => Expect.Each(Kind, new()
    {
        [KeywordKind.Stop] =
        [
            "STOP", "stop", "  Stop! ", "STOPALL", "stop all", "Unsubscribe", "cancel", "END", "quit.", "opt-out",
            "NDALO", "ndalo", "Ndal", "NDALONI!", "çregjistrohu", "Cregjistrohu", "«NDALO»",
        ],
    });

    [Fact]
    public void Wipe_words_in_both_languages_are_recognised() => Expect.Each(Kind, new()
    {
        [KeywordKind.Wipe] = ["FSHI", "fshi", "Fshí", "FSHIJ", "fshi te gjitha", "fshi të gjitha", "WIPE", "delete", "Erase!"],
    });

    [Fact]
    public void A_sentence_containing_a_keyword_is_an_ordinary_message() => Expect.Each(Kind, new()
    {
        [KeywordKind.None] = ["Please stop", "stop him", "Ai nuk ndalon", "ndalo se me rreh", "fshi mesazhet e mia tani se po i lexon", "", "   ", "STOPP"],
    });

    [Fact]
    public void Start_words_are_recognised() => Expect.Each(Kind, new()
    {
        [KeywordKind.Start] = ["START", "unstop", "Fillo"],
    });

    [Fact]
    public void The_keyword_tells_the_language_when_it_can()
    {
        Assert.Equal(Hotline.Core.Language.Sq, Keywords.Classify("ndalo").Language);
        Assert.Equal(Hotline.Core.Language.En, Keywords.Classify("unsubscribe").Language);
        Assert.Equal(Hotline.Core.Language.Other, Keywords.Classify("stop").Language);
    }
}
