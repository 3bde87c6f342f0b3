using System.Text.Json.Serialization;

namespace Hotline.Core.Dispatch;

/// <summary>
/// A mobile-unit dispatch: the minimum a unit needs — area (municipality), category, urgency and a code. Never the
/// transcript; the person's contact only through a separate, approved and audited step. The area is never in clear:
/// <see cref="CoveredBy"/> names the units that cover it (for passing the dispatch on), and it is kept only sealed to
/// each of them and to the Bot (<see cref="DispatchArea"/>).
/// </summary>
public sealed record DispatchRecord(
    string CaseId,
    string Code,
    DispatchStatus Status,
    string Unit,
    IReadOnlyList<string> CoveredBy,
    string Category,
    string Urgency,
    DateTimeOffset ProposedAt,
    DateTimeOffset? ConfirmedAt,
    string? ConfirmedBy,
    DateTimeOffset? SentAt,
    DateTimeOffset? AcknowledgedAt,
    IReadOnlyList<string> Tried,
    bool ContactApproved)
{
    /// <summary>The area sealed to each covering unit's box key, by unit name.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> SealedArea { get; init; } = new Dictionary<string, string>();

    /// <summary>The area sealed to the Bot's box key, for the SMS or WhatsApp notice to the unit.</summary>
    [JsonIgnore]
    public string? AreaForBot { get; init; }
}
