namespace Hotline.Operator.Audit;

/// <summary>POST /api/audit/countersign: the head a supervisor's console saw, and their signature over it (<see cref="SignedAuditHead.CountersignMessage"/>).</summary>
public sealed record CountersignRequest(long? Count, string? Head, long? At, string? Sig);
