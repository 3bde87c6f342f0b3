namespace Hotline.Screening;

/// <summary>A match of one lexicon entry over tokens [First, Last].</summary>
internal struct EntryMatch
{
    public int Entry;
    /// <summary>The entry's kind, kept beside the match so the stages need not read the entry to skip it.</summary>
    public EntryKind Kind;
    public int First;
    public int Last;
    public ScreeningContext Context;
    public int Categories;
    /// <summary>
    /// The categories the household's reading of a hold took from this match (trafficking, for papers kept by her partner
    /// or a relative): the severity stages still read them, so that reading moves the category and never the severity.
    /// </summary>
    public int TakenAtHome;
    public Hotline.Core.Severity Level;
    public bool Dropped;
    public bool Shadowed;
}
