using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A goodbye posted on a story is a farewell note, but not when it is for a move abroad ("she posted a goodbye on her
/// story, she's leaving for germany tomorrow"; lexicon 2026.12.83). "Jashtë kësaj bote", "moving on to a better place"
/// and a pet named beside it stay a farewell (lexicon 2026.12.87).
/// </summary>
public sealed class GoodbyePostedForAMoveTests
{
    [Fact]
    public void A_goodbye_posted_for_a_move_abroad_is_no_farewell_note() => StayQuiet(Lines("""
        she posted a goodbye on her story, she's leaving for germany tomorrow
        my cousin posted a farewell on insta, flying to canada next week
        vëllai postoi lamtumirë në story, nesër ikën në gjermani
        """), r => r.Indicators.Any(i => i.Id == "sh.goodbye_posted"));

    [Fact]
    public void A_goodbye_posted_with_blame_or_despair_stays_a_farewell_note() => StayAtLeast(Severity.Critical, Lines("""
        he posted a goodbye on his story, says it's all his fault and nobody will miss him
        motra postoi lamtumirë në instagram, shkroi që s'ka më kuptim të jetojë
        """));

    [Fact]
    public void A_goodbye_posted_as_leaving_this_world_or_beside_a_pet_stays_a_farewell_note() => Each(r => r.Indicators.Any(i => i.Id == "sh.goodbye_posted"), new() { [true] = Lines("""
        postoi lamtumire ne story, shkroi qe po largohet jashte kesaj bote, s'pergjigjet ne telefon
        he posted a goodbye on his story saying he's moving on to a better place, now he's not answering
        my sister posted a goodbye on facebook, said the pet was the only one who loved her and now she's done
        vëllai postoi lamtumirë në facebook, shkroi që vetëm qeni e donte
        """) });
}
