using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// Albanian leaves the doer unsaid and an SMS its commas: a phone, a battery, the heat or a week named after "po më
/// rreh" is its doer only when nothing starts a predicate of its own after it. "po më rreh telefoni po fiket",
/// "bateria 2%", "klima s'punon", "java e kaluar" tell what he does and then the phone, the battery or when (lexicon
/// 2026.12.80); her own phone or battery after the verb never is its doer (lexicon 2026.12.89). The thing that ends the clause, or is followed by an adjective or a place, still is the doer.
/// </summary>
public sealed class ThingWithItsOwnVerbTests
{
    [Fact]
    public void A_beating_or_choking_now_followed_by_the_phone_or_battery_dying_stays_critical() => StayAtLeast(Severity.Critical, Lines("""
        po me rreh prap bateria 2%
        po me mbyt telefoni po fiket
        po më godet celulari po më fiket
        po më rreh prapë telefoni s'ka bateri
        po m rreh prap telefoni tu u fik
        dje burri me rrahu. sot prape po me rreh klima s'punon e femijet qajne
        po me mbyt telefoni
        po me rreh bateria
        po m'rrah tash telefoni fiket
        po më godet prapë celulari
        """));

    [Fact]
    public void A_beating_told_with_when_it_was_stays_high() => StayAtLeast(Severity.High, Lines("""
        me rrahu keq java e kaluar dhe sot prape erdhi
        më rrahu keq java e shkuar, sot erdhi prapë
        """));

    [Fact]
    public void A_thing_that_ends_the_clause_or_takes_an_adjective_is_still_no_ones_doing() => StayQuiet(Lines("""
        po me mbyt kjo jave e rende
        po me vret telefoni, s'ka fare internet
        po më mbyt kolla gjithë natën
        po rreh shiu n'ballkon, ka hy uji
        po na mbyt vapa sot
        telefoni po me vret, ngec gjithe diten
        """), r => r.Indicators.Any(i => i.Id is "v.beating" or "v.threat_kill" or "v.strangulation"));
}
