using Hotline.Core;

namespace Hotline.Screening;

/// <summary>
/// What the stages of one message's assessment have found so far (<see cref="Screener"/>): each stage reads what the
/// earlier ones wrote and adds its own, so a stage can be read, tested and changed alone.
/// </summary>
internal struct Assessment
{
    public Language Language;
    /// <summary>A bit per <see cref="Cue"/> met anywhere in the message.</summary>
    public ulong Cues;
    public string? Place;
    public int? Age;
    public bool MinorAge;
    public bool AdultAge;
    public bool Minor;
    public bool Information;
    public Severity Severity;
    public int CategoryBits;
    /// <summary>The categories the household's reading of a hold took from the indicators (<see cref="EntryMatch.TakenAtHome"/>).</summary>
    public int TakenAtHome;
    public Immediacy Immediacy;
    public ScreeningContext Context;
    /// <summary>A strong immediacy cue (someone present, violence in progress, a weapon) that is not past.</summary>
    public bool Strong;
    /// <summary>Indicators and combinations of medium or more.</summary>
    public int RiskIndicators;
    public int CombinationBits;
    /// <summary>An acute combination of medium or more matched (child marriage, a drunk minor with an adult): a risk now as an indicator is.</summary>
    public bool AcuteCombination;
    /// <summary>The abuser is away, there is no plan, the wound is not serious or the writer is safe: nothing escalates.</summary>
    public bool DeEscalated;
    public bool Critical;
    /// <summary>The learned opinion's head that raised the message (<see cref="Opinion"/>), or -1.</summary>
    public int OpinionHead;
    /// <summary>Categories the learned opinion added.</summary>
    public int OpinionCategories;
    public bool OpinionMinor;
    /// <summary>The learned opinion lowered the rules' high to medium.</summary>
    public bool OpinionLowered;
    /// <summary>The learned opinion scored the message (its scores are in the scratch's <c>OpinionScores</c>).</summary>
    public bool OpinionScored;
    /// <summary>The opinion stage read the message as framed (a game, a story, an idiom, a past over, a lock against outsiders) and raised nothing for it.</summary>
    public bool OpinionFramed;
    /// <summary>The message is about a game, a story, a sport, an animal or a kitchen, and the writer neither fears nor pleads.</summary>
    public bool Figurative;

    public readonly bool Has(Cue cue) => (Cues & (1UL << (int)cue)) != 0;
}
