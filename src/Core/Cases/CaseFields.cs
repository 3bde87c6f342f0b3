namespace Hotline.Core.Cases;

/// <summary>
/// Names of the case hash's fields (hl:{k:ID}:case) that scripts outside <see cref="CaseStore"/> touch atomically with
/// other keys; everything else reads and writes them through <see cref="CaseStore"/>.
/// </summary>
public static class CaseFields
{
    public const string Status = "status";
    public const string Holder = "holder";

    /// <summary>The conversation the case belongs to (set once, when the case opens).</summary>
    public const string ConversationId = "conversationId";

    /// <summary>When (unix ms) the case last closed.</summary>
    public const string ClosedAt = "closedAt";

    /// <summary>Why the case last closed (<see cref="CloseReasons"/>).</summary>
    public const string CloseReason = "closeReason";

    /// <summary>When (unix ms, to the hour) the case lost its identifying facts with its conversation or by retention: it is never deleted twice.</summary>
    public const string DeletedAt = "deletedAt";

    /// <summary>
    /// How many times the case's holding changed (claimed, handed over, closed): each script that changes it counts one more,
    /// so <see cref="CaseQueue"/> applies their index steps in that order whatever order they arrive in.
    /// </summary>
    public const string QueueVersion = "queueVersion";
    /// <summary>"1" once an area is known (which one is sealed: <see cref="MessageFacts"/>).</summary>
    public const string Area = "area";

    /// <summary>The mobile units covering the case's area, comma-separated: what dispatch needs, without the area.</summary>
    public const string CoveredBy = "coveredBy";
    public const string Duress = "duress";
    public const string Escalation = "escalation";
    public const string OfferedTo = "offeredTo";
    public const string Offered = "offered";

    /// <summary>"1" when the case came from a web chat address over its case budget: it ranks after the others of its severity.</summary>
    public const string SharedNetwork = "sharedNetwork";

    /// <summary>The case this conversation had before this one (the person wrote again after it closed): deleted with this one.</summary>
    public const string EarlierCase = "earlierCase";

    /// <summary>Where the case's opening stands while it is under way (<see cref="CaseOpening"/>): gone once it is finished.</summary>
    public const string Opening = "opening";

    /// <summary>"1" once no available unit covered the area (its timeline entry is written once).</summary>
    public const string NoUnit = "noUnit";
}
