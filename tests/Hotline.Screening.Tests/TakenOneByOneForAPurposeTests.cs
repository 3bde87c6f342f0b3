using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Children taken one by one at night to see the stars through a telescope are taken in turn for what is named
/// (sv.taken_one_by_one, lexicon 2026.12.85); a shower, a rehearsal or an audition are the pretexts an abuser gives as
/// often as the thing itself, so they cancel nothing (lexicon 2026.12.87), and a guard who takes the girls out one by
/// one at night with no purpose named still reads.
/// </summary>
public sealed class TakenOneByOneForAPurposeTests
{
    [Fact]
    public void Children_taken_one_by_one_to_see_the_stars_are_taken_in_turn() => StayQuiet(Lines("""
        at camp the counsellors take the kids one by one at night to see the stars through the telescope
        ne kamp naten i marrin femijet nje nga nje te shohin yjet me teleskop
        """), r => r.Indicators.Any(i => i.Id == "sv.taken_one_by_one"));

    [Fact]
    public void Girls_taken_out_one_by_one_at_night_with_no_purpose_named_still_are() => StayAtLeast(Severity.High, Lines("""
        in the orphanage the guard comes at night and takes the girls out one by one
        roja vjen natën dhe i merr vajzat një nga një, jemi 12 vjeç
        edukatori na merr nje nga nje naten per provat e kengeve ne zyren e tij dhe na mbyll deren
        at night the director takes the boys one by one to the showers and stays with them
        """));
}
