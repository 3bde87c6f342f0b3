using Hotline.Core;
using static Hotline.Screening.Tests.Screened;

namespace Hotline.Screening.Tests;

/// <summary>
/// "jemi mbyllur për sot" is a shop's hours only while nobody is kept from going out: with "s'na lë të dalim", "s'na
/// lejojnë me dal" or their passports taken in the sentence it is people locked in now (lexicon 2026.12.81). In the first
/// person it is a shop's only with its hours or its customers told: a workplace, a boss or a key named instead is people
/// locked in at work (lexicon 2026.12.88).
/// </summary>
public sealed class ClosedForTheDayKeptInTests
{
    [Fact]
    public void Locked_in_for_the_day_and_not_let_out_stays_critical() => StayAtLeast(Severity.Critical, Lines("""
        jemi mbyllur per sot ne punishte, pronari s'na le te dalim
        jemi mshel per sot, s'na lejojne me dal, na moren pasaportat
        jemi mbyllur për sot në serë dhe shefi nuk na lë të dalim
        na kanë mbyllur për sot në fabrikë, s'na lënë të dalim, na morën pasaportat
        jemi mshel per sot ne punishte, s'kemi leje me u largu
        jemi mbyllur per sot ne hotel, shefi s'na le te shkojme askund
        jemi mbyllur per sot ne depo, pronari iku me celsin
        jemi mbyllur sonte në fermë, pronari s'na lejon të ikim
        """));

    [Fact]
    public void A_place_closed_for_the_day_or_the_holidays_stays_opening_hours() => StayQuiet(Lines("""
        jemi mbyllur për sot, hapemi nesër në 8
        jemi mbyllur per sot, ejani neser nga ora 9
        jemi mbyllur për drekë, kthehemi në 2
        dyqani është mbyllur për pushime, mund të dalim për kafe nesër
        e kemi mbyllur per sot lokalin, dilni nga dera e pasme ju lutem
        """), r => r.Indicators.Any(i => i.Id == "ctl.locked_in"));
}
