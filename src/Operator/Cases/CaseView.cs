using Hotline.Core;

namespace Hotline.Operator.Cases;

/// <summary>A case as the API shows it: no text, no address, nothing that could name the person (the case detail carries that sealed).</summary>
public sealed record CaseView(
    string Id,
    string ConversationId,
    string Severity,
    IReadOnlyList<string> Categories,
    string Language,
    string Channel,
    DateTimeOffset OpenedAt,
    string Status,
    string? Holder,
    bool RequestedHuman,
    string? CloseReason)
{
    /// <summary>What the screener rated the case; <c>severity</c> is the operator's rating once corrected.</summary>
    public string ScreenedSeverity { get; init; } = Severity;

    public IReadOnlyList<string> ScreenedCategories { get; init; } = Categories;

    /// <summary>The operator who last corrected the screener's rating, if any.</summary>
    public string? CorrectedBy { get; init; }

    /// <summary>One of many new web chats from one network address lately: listed after the other cases of its severity.</summary>
    public bool SharedNetwork { get; init; }

    public static CaseView From(CaseRecord c) => new(
        c.Id, c.ConversationId, c.Severity.ToWire(), c.Categories, c.Language.ToWire(), c.Channel.ToWire(), c.OpenedAt,
        c.Status.ToString().ToLowerInvariant(), c.Holder, c.RequestedHuman, c.CloseReason)
    {
        ScreenedSeverity = c.ScreenedSeverity.ToWire(),
        ScreenedCategories = c.ScreenedCategories,
        CorrectedBy = c.CorrectedBy,
        SharedNetwork = c.SharedNetwork,
    };
}
