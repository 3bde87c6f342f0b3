namespace Hotline.Operator.Audit;

/// <summary>
/// What a check of the audit log found. <see cref="SignedEntries"/>: how many entries the latest signed head vouches for
/// (null when no signed head was checked); <see cref="BrokenAt"/>: an entry id, "head", or "signed head N" when the chain
/// no longer holds what the Operator service signed after N entries (its tail was cut or rewritten).
/// </summary>
public sealed record AuditVerification(bool Intact, int Entries, string? BrokenAt, string Head, long? SignedEntries = null);
