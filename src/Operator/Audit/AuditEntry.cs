namespace Hotline.Operator.Audit;

/// <summary>One audited action: who, what, on which case, and a detail that never holds message text or an address.</summary>
public sealed record AuditEntry(string Id, DateTimeOffset At, string Actor, string Action, string? CaseId, string? Detail, string Prev, string Hash);
