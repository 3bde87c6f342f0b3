namespace Hotline.Operator.Keys;

/// <summary>The team key record as stored, with the fingerprint this service pins, for the console to verify itself.</summary>
public sealed record TeamKeyView(string Fingerprint, long Version, string Public, string SignPublic, string Signers, string SignSealed, string Sig, string? Removed = null);
