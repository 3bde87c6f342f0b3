namespace Hotline.Operator.Audit;

public sealed record AuditVerification(bool Intact, int Entries, string? BrokenAt, string Head);
