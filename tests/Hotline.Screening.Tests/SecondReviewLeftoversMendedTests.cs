using Hotline.Core;
using Hotline.Testing;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Defects the review of lexicons 2026.12.62 – .68 found and left, mended at their cause (lexicon 2026.12.69 on):
/// someone at her door in the sentence after the news (a message too long to be read whole) was taken for the news'
/// story, so the opinion could not read it. Each beside the look-alike it must not be confused with.
/// </summary>
public sealed class SecondReviewLeftoversMendedTests
{
    [Fact]
    public void Someone_at_her_door_in_the_sentence_after_the_news_is_hers()
    {
        // with the opinion: the door is hers, as it was before the news was a frame
        Expect.Each(text => Screener.Default.Screen(text).Severity >= Severity.High, new()
        {
            [true] = Lines("""
                i saw on the news that he got out of prison. he is outside my door now
                pashë në lajme që e liruan nga burgu javën e kaluar. tani ai është para derës sime dhe bërtet
                """),
            [false] = Lines("""
                i read in the news that a man got out of prison early. the reporter is outside the court now
                lexova në lajme që një burrë doli nga burgu në Shkodër, tani gazetarët janë para gjykatës
                """),
        });
        // the news' own violence stays dropped, with the opinion and by the rules alone
        Each(r => r.Severity >= Severity.Medium, new()
        {
            [false] = Lines("""
                I read in the news that a man was murdered in Durres
                pashë në lajme që një grua u vra nga i shoqi në Elbasan
                """),
        });
    }
}
