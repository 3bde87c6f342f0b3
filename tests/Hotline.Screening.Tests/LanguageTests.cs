namespace Hotline.Screening.Tests;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("përshëndetje, a mund të flas me dikë?", Language.Sq)]
    [InlineData("pershendetje a mund te flas me dike", Language.Sq)]
    [InlineData("ndihme", Language.Sq)]
    [InlineData("ckemi", Language.Sq)]
    [InlineData("jom mir, po du me fol me dikon", Language.Sq)]
    [InlineData("hello, can i talk to someone?", Language.En)]
    [InlineData("help", Language.En)]
    [InlineData("hiii", Language.En)]
    [InlineData("STOP", Language.En)]
    [InlineData("please ndihme, burri po me rreh, jam ne durres, pls come", Language.Sq)]
    [InlineData("my partner is so jealous, nuk me le te dal but he's not violent", Language.En)]
    [InlineData("ciao, ho bisogno di aiuto per favore", Language.Other)]
    [InlineData("Здравствуйте, мне нужна помощь", Language.Other)]
    [InlineData("hallo, ich brauche bitte Hilfe", Language.Other)]
    public void Language_is_detected_for_short_and_mixed_messages(string text, Language expected) =>
        Assert.Equal(expected, Screener.Default.Screen(text).Language);
}
