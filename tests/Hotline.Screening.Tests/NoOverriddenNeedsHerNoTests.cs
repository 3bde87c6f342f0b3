using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// "We said no but they did it anyway" about a council, a landlord or a school is no refusal of hers overridden
/// (sv.refusal_overridden, lexicon 2026.12.86); her own no that he, or they, went on after still is, and so is "we"
/// said no when they held or pinned her (lexicon 2026.12.91).
/// </summary>
public sealed class NoOverriddenNeedsHerNoTests
{
    [Fact]
    public void What_they_did_anyway_after_we_said_no_is_no_rape() => Each(r => r.Indicators.Any(i => i.Id == "sv.refusal_overridden"), new() { [false] = Lines("""
        we said no but they did it anyway, the council cut the trees in our street
        the residents said no and they did it anyway, now there is a car park
        we told the school no but they went on anyway with the trip
        """) });

    [Fact]
    public void Her_no_that_he_or_they_went_on_after_still_is() => StayAtLeast(Severity.High, Lines("""
        i said no but he did it anyway
        she said no and they did it anyway, there were three of them
        i told them no but they kept going anyway
        we said no but they did it anyway, two of them held my arms, i'm at the party still
        we told them no and they did it anyway, they pinned me down
        une i thashe jo, por ata e bene njesoj, ishin dy
        i thashë jo disa herë, ata e bënë njësoj
        """));
}
