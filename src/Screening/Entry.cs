using Hotline.Core;

namespace Hotline.Screening;

/// <summary>One entry of the lexicon, compiled.</summary>
internal sealed class Entry
{
    public required string Id { get; init; }
    public EntryKind Kind { get; init; }
    /// <summary>Bit set of <see cref="Categories"/> indices (fixed and "also" categories).</summary>
    public int CategoryBits { get; init; }
    public Resolution Resolution { get; init; }
    public Severity Level { get; init; }
    public Severity MinorLevel { get; init; }
    public bool Acute { get; init; }
    /// <summary>Acute only with strong immediacy (someone there, a weapon): threats of what will happen later.</summary>
    public bool AcuteStrongOnly { get; init; }
    /// <summary>Acute even with a plain "now" / "tani" (intent to kill oneself now).</summary>
    public bool AcuteCurrently { get; init; }
    public bool Hyperbole { get; init; }
    public bool Negatable { get; init; } = true;
    public Immediacy Immediacy { get; init; }
    public bool Strong { get; init; }
    public ActorRole Role { get; init; }
    public Cue Cue { get; init; }
    /// <summary>Places: the canonical name; times: the time class.</summary>
    public string? Value { get; init; }
    public bool Abroad { get; init; }
    /// <summary>Places with a name that is also a common word: only after a preposition or capitalised.</summary>
    public bool NeedsContext { get; init; }
    /// <summary>Ages: the writer's own ("jam 15 vjeç", "I'm 15").</summary>
    public bool FirstPerson { get; init; }
    /// <summary>Ages: a school grade ("klasa e 8-të", "in 8th grade"), read as grade + 6 years.</summary>
    public bool Grade { get; init; }
    /// <summary>Ages: an age only if the next word is not a unit of something else ("jam 5 minuta larg").</summary>
    public bool Guarded { get; init; }
    /// <summary>Indicators: valid only when the message is this short (a bare "help").</summary>
    public int MaxTokens { get; init; }
    /// <summary>The set of words that, right after the match, cancel it ("do të vras" + "veten" is self-harm), or -1.</summary>
    public int UnlessNextSet { get; set; } = -1;
    /// <summary>The set of words that, right before the match, cancel it ("will" + "kick me out" is a threat, not an eviction), or -1.</summary>
    public int UnlessPreviousSet { get; set; } = -1;
    /// <summary>Idioms and indicators: the set of words that, anywhere in the match's sentence, cancel it ("ma mbyti gazi" beside a gas bottle, a faint "since lunch"), or -1.</summary>
    public int UnlessSentenceSet { get; set; } = -1;
    /// <summary>
    /// Indicators: the set of words one of which must stand somewhere in the message, in any sentence, or the indicator is
    /// not read ("men keep showing up at my work" only where a fake, an impersonation, her address or her photos are told), or -1.
    /// </summary>
    public int WithMessageSet { get; set; } = -1;
    /// <summary>
    /// Cues and indicators: the set of words any one of which, anywhere in the message, cancels it ("asking in general" is
    /// no question in general where the writer tells of herself: "my stepdad …", "i'm 12"), or -1.
    /// </summary>
    public int UnlessMessageSet { get; set; } = -1;

    /// <summary>
    /// A cue that stands aside where the message tells a harm done to the writer: an act whose clause has her as its object
    /// ("touches me", "më prek"), or a harm told beside her own age under 18 (lexicon field unless_done_to_writer).
    /// </summary>
    public bool UnlessDoneToWriter { get; set; }
    /// <summary>Indicators: the cues (bits by <see cref="Cue"/>) any one of which anywhere in the message cancels it ("by choice" for sex work), or 0.</summary>
    public ulong UnlessCues { get; init; }
    /// <summary>Indicators: kept only in a message that has this cue too ("sonte do jem e lirë" with a farewell).</summary>
    public Cue WithCue { get; init; }
    /// <summary>Cancelled in a message with these cues (bits by <see cref="Cue"/>): one of its unless_cue there, or its with_cue missing.</summary>
    public bool CancelledByCues(ulong cues) => (UnlessCues & cues) != 0 || WithCue != Cue.None && (cues & 1UL << (int)WithCue) == 0;
    /// <summary>
    /// Kept only where a minor is involved, or where the message says who she is (with_cue minor or identity), in a
    /// message where neither is: pornography shown between adults, a door she is not let through with nothing said of
    /// who she is. Its category lends nothing to the message's other indicators either.
    /// </summary>
    public bool WithoutWhomItNeeds(ulong cues) => WithCue is Cue.Minor or Cue.Identity && (cues & 1UL << (int)WithCue) == 0;
    /// <summary>Only where its last word ends a clause: "sonte e mbaroj." is a plan, "sonte e mbaroj librin" is not.</summary>
    public bool ClauseEnd { get; init; }

    /// <summary>A cue that frames only what is told as over (a war as history): a time of now, today, tonight, for days, every day or a recent past drops it.</summary>
    public bool OverOnly { get; init; }
    /// <summary>Written around an idiom: an idiom wholly inside the match does not hide it ("came out … i'm dead to her").</summary>
    public bool OverIdioms { get; init; }
    /// <summary>
    /// Indicators: a hold on her that is the household's when her own partner or a relative keeps it ("my husband hides my
    /// passport"), and exploitation's only beside another sign of it the rules read (work, a debt, a sale, a journey).
    /// </summary>
    public bool HouseholdHold { get; init; }
    /// <summary>
    /// Indicators of the "topics" section: the message talks about the category's subject (a topic word or concept, not a
    /// danger). Counted only where the rules found no category (<c>Screener.ApplyTopics</c>), and then low, never higher.
    /// </summary>
    public bool Topic { get; init; }
    /// <summary>A topic of the "violence" group ("he has never hit me"): its category is that of who is named — a partner or a relative, an employer, a group for who she is — and none without one.</summary>
    public bool TopicByActor { get; init; }
    /// <summary>Indicators and immediacy cues: the short name shown to operators.</summary>
    public IndicatorLabel? Label { get; init; }
}
