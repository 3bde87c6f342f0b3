namespace Hotline.Core.Cases;

/// <summary>
/// How far a case's opening went after its record was written (<see cref="CaseFields.Opening"/>): a worker can die at any
/// step, and the event it was handling, redelivered to another, finishes the opening from there, each step once.
/// A case whose opening is finished (or that opened before the steps were kept) has none.
/// </summary>
public enum CaseOpening
{
    /// <summary>The record is written; it may not be listed yet, and nothing of what follows is done.</summary>
    Written,

    /// <summary>Its "opened" timeline entries are written: the first offer is still to be made.</summary>
    Announced,

    /// <summary>The first offer is made (to an operator, or recorded as waiting for one); its deadline and notice may be missing.</summary>
    Offered,
}
