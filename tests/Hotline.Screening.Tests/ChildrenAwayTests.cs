using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// An adult's harm where her children are named only as away from it — at school, at their grandmother's, with her
/// sister (lexicon 2026.12.78) — is not a minor's; children in the next room or with her still are.
/// </summary>
public sealed class ChildrenAwayTests
{
    [Fact]
    public void Children_away_at_school_or_with_a_grandmother_do_not_make_her_harm_a_minors() =>
        Each(r => r.Minor, new() { [false] = Lines("""
            burri më goditi me grusht në fytyrë mbrëmë, fëmijët ishin te gjyshja
            ai po thyen dyert, fmitë fatmirësisht janë në shkollë
            he kicked me in the stomach this morning, the kids are at my mum's for the week
            """) });

    [Fact]
    public void Children_at_home_with_her_still_make_it_a_minors() =>
        Each(r => r.Minor, new() { [true] = Lines("""
            burri më goditi me grusht në fytyrë mbrëmë, fëmijët ishin në dhomën tjetër
            ai po thyen dyert, fëmijët qajnë pranë meje
            he kicked me in the stomach this morning, the kids are in the next room crying
            """) });
}
