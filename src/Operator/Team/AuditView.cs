namespace Hotline.Operator.Team;

public sealed record AuditView(AuditVerification Verification, IReadOnlyList<AuditEntry> Entries);
