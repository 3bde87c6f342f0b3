using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// A small child who bit or pushed another is children's doing only when the age told is six or under: "a 40 year old
/// pushed a kid into the river" is an adult harming a child (lexicon 2026.12.82).
/// </summary>
public sealed class SmallChildIsSixOrUnderTests
{
    [Fact]
    public void An_adult_of_any_age_who_pushes_or_hits_a_child_is_a_child_at_risk() => Each(r => r.Severity >= Severity.Medium && r.Categories.Contains("child_at_risk"), new() { [true] = Lines("""
        a 40 year old pushed a kid into the river, im watching
        the 30 year old hit a child on the bus and nobody did anything
        a 50 yo kicked a little boy at the park just now
        një burrë 45 vjeç kafshoi një fëmijë në autobus
        nje plak 70 vjec kafshoi nje femije te parku
        """) });

    [Fact]
    public void A_child_of_six_or_under_who_bit_or_pushed_another_stays_quiet() => StayQuiet(Lines("""
        my 3 year old bit another kid at daycare again
        my 5 yo pushed a child off the slide, the other mum is furious
        djali 4 vjeç kafshoi një shok në kopsht
        vajza ime dy vjece kafshoi nje shoqe, si ta mesoj
        """), r => r.Categories.Count > 0);
}
