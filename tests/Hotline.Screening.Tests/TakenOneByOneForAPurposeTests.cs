using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Children taken one by one at night for an audition, a rehearsal, the showers or the stars through a telescope are
/// taken in turn for what is named, not abused (sv.taken_one_by_one, lexicon 2026.12.85); a guard who takes the girls
/// out one by one at night with no purpose named still is.
/// </summary>
public sealed class TakenOneByOneForAPurposeTests
{
    [Fact]
    public void Children_taken_one_by_one_for_an_audition_a_shower_or_the_stars_are_taken_in_turn() => StayQuiet(Lines("""
        tonight the teacher takes them one by one for the singing audition
        at camp the counsellors take the kids one by one at night to see the stars through the telescope
        at the shelter they take us one by one at night to the showers
        sonte mësuesja i merr fëmijët një nga një për provën e këngës
        ne kamp naten i marrin femijet nje nga nje te shohin yjet me teleskop
        """), r => r.Indicators.Any(i => i.Id == "sv.taken_one_by_one"));

    [Fact]
    public void Girls_taken_out_one_by_one_at_night_with_no_purpose_named_still_are() => StayAtLeast(Severity.High, Lines("""
        in the orphanage the guard comes at night and takes the girls out one by one
        roja vjen natën dhe i merr vajzat një nga një, jemi 12 vjeç
        """));
}
