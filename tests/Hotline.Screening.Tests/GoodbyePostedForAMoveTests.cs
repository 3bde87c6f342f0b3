using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A goodbye posted on a story is a farewell note, but not when it is for a move abroad or a pet that died
/// ("she posted a goodbye on her story, she's leaving for germany tomorrow", "postoi lamtumirë për qenin"; lexicon
/// 2026.12.83).
/// </summary>
public sealed class GoodbyePostedForAMoveTests
{
    [Fact]
    public void A_goodbye_posted_for_a_move_abroad_or_a_pet_is_no_farewell_note() => StayQuiet(Lines("""
        she posted a goodbye on her story, she's leaving for germany tomorrow
        posted a goodbye to our dog on facebook today, rip buddy
        my cousin posted a farewell on insta, moving to canada next week
        vëllai postoi lamtumirë në story, nesër ikën në gjermani
        motra postoi lamtumire ne facebook per qenin qe ngordhi
        """), r => r.Indicators.Any(i => i.Id == "sh.goodbye_posted"));

    [Fact]
    public void A_goodbye_posted_with_blame_or_despair_stays_a_farewell_note() => StayAtLeast(Severity.Critical, Lines("""
        he posted a goodbye on his story, says it's all his fault and nobody will miss him
        motra postoi lamtumirë në instagram, shkroi që s'ka më kuptim të jetojë
        """));
}
