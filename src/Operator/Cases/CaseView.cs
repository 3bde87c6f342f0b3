using Hotline.Core;
using Hotline.Core.Cases;

namespace Hotline.Operator.Cases;

/// <summary>A case as the API shows it: no text, no address.</summary>
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
    bool Minor)
{
    public static CaseView From(CaseRecord c) => new(
        c.Id, c.ConversationId, c.Severity.ToWire(), c.Categories, c.Language.ToWire(), c.Channel.ToWire(), c.OpenedAt,
        c.Status.ToString().ToLowerInvariant(), c.Holder, c.Minor);
}
