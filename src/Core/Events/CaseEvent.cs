using StackExchange.Redis;

namespace Hotline.Core.Events;

/// <summary>
/// What the Operator service puts on hl:events for the Triage worker besides messages (<see cref="MessageEvent"/>),
/// written and read only through this type. Ids and operator names only.
/// </summary>
public abstract record CaseEvent(string CaseId)
{
    /// <summary>An operator changed the case record (e.g. set the area): Triage looks again at a dispatch.</summary>
    public sealed record Updated(string CaseId) : CaseEvent(CaseId);

    /// <summary>An operator confirmed the proposed dispatch: Triage sends it to the unit.</summary>
    public sealed record DispatchConfirmed(string CaseId) : CaseEvent(CaseId);

    /// <summary>The operator offered a waiting case declined it: Triage offers it to the next-best operator.</summary>
    public sealed record Declined(string CaseId, string By) : CaseEvent(CaseId);

    /// <summary>
    /// The Bot deleted the case's conversation: Triage closes the case and removes its identifying facts. It names the
    /// conversation (empty in an event written before it did), so that Triage handles it after that conversation's message
    /// events before it: none of them writes a fact to the case after the deletion removed them.
    /// </summary>
    public sealed record ConversationDeleted(string CaseId, string ConversationId = "") : CaseEvent(CaseId);

    public NameValueEntry[] ToFields() => this switch
    {
        ConversationDeleted { ConversationId.Length: > 0 } d => [new("type", "conversation-deleted"), new("caseId", CaseId), new("conversationId", d.ConversationId)],
        ConversationDeleted => [new("type", "conversation-deleted"), new("caseId", CaseId)],
        Updated => [new("type", "case-updated"), new("caseId", CaseId)],
        DispatchConfirmed => [new("type", "dispatch-confirmed"), new("caseId", CaseId)],
        Declined d => [new("type", "case-declined"), new("caseId", CaseId), new("by", d.By)],
        _ => throw new InvalidOperationException($"Unknown case event {GetType().Name}"),
    };

    /// <summary>The case event in a stream entry, or null when it is none (a message event, an unknown type, a bad id).</summary>
    public static CaseEvent? FromFields(NameValueEntry[] fields)
    {
        string F(string name) => fields.FirstOrDefault(v => v.Name == name).Value.ToString() ?? "";
        var caseId = F("caseId");
        if (!Identity.Ids.IsWellFormed(caseId)) return null;
        return F("type") switch
        {
            "case-updated" => new Updated(caseId),
            "conversation-deleted" => new ConversationDeleted(caseId, F("conversationId")),
            "dispatch-confirmed" => new DispatchConfirmed(caseId),
            "case-declined" when F("by") is { Length: > 0 } by => new Declined(caseId, by),
            _ => null,
        };
    }
}
