using Hotline.Testing;

namespace Hotline.Screening.Tests;

public sealed class LanguageTests
{
    [Fact]
    public void Language_is_detected_for_short_and_mixed_messages() => Expect.Each(text => Screener.Default.Screen(text).Language, new()
    {
        [Language.Sq] =
        [
            "përshëndetje, a mund të flas me dikë?", "pershendetje a mund te flas me dike", "ndihme", "ckemi", "jom mir, po du me fol me dikon",
            "please ndihme, burri po me rreh, jam ne durres, pls come",
        ],
        [Language.En] = ["hello, can i talk to someone?", "help", "hiii", "STOP", "my partner is so jealous, nuk me le te dal but he's not violent"],
        [Language.Other] = ["ciao, ho bisogno di aiuto per favore", "Здравствуйте, мне нужна помощь", "hallo, ich brauche bitte Hilfe"],
    });
}
