namespace Hotline.Core.Cases;

/// <summary>A case as operators see it in a list: no text, no address, nothing that could name the person (see <see cref="MessageFacts"/>).</summary>
public sealed record CaseRecord(
    string Id,
    string ConversationId,
    Severity Severity,
    IReadOnlyList<string> Categories,
    Language Language,
    Channel Channel,
    DateTimeOffset OpenedAt,
    CaseStatus Status,
    string? Holder)
{
    /// <summary>What screening concluded (the highest conversation severity it reached); <see cref="Severity"/> is the operator's once corrected.</summary>
    public Severity ScreenedSeverity { get; init; } = Severity;

    /// <summary>The categories screening found; <see cref="Categories"/> are the operator's once corrected.</summary>
    public IReadOnlyList<string> ScreenedCategories { get; init; } = Categories;

    /// <summary>The operator who last corrected the screener's rating, if any.</summary>
    public string? CorrectedBy { get; init; }

    /// <summary>The person asked to talk to a person (the case is at least medium).</summary>
    public bool RequestedHuman { get; init; }

    /// <summary>Why a closed case was closed (<see cref="CloseReasons"/>), if it was not released by its holder.</summary>
    public string? CloseReason { get; init; }

    /// <summary>
    /// One of many new web chats from one network address (over its case budget): ranked after the other cases of its
    /// severity, never merged with them (the address is often shared by unrelated people).
    /// </summary>
    public bool SharedNetwork { get; init; }

    /// <summary>How far the case's opening went, while it is under way; null once finished.</summary>
    public CaseOpening? Opening { get; init; }

    /// <summary>The escalation steps taken so far (0: none), as read with the record.</summary>
    public int EscalationStage { get; init; }

    /// <summary>An area is known for the case (which one is sealed; routing knows only the units covering it).</summary>
    public bool HasArea { get; init; }
}
