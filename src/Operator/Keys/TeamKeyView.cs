namespace Hotline.Operator.Keys;

/// <summary>The team key record as stored, with the fingerprint this service pins (a key of its chain), for the console to verify itself.</summary>
public sealed record TeamKeyView(string Fingerprint, long Version, string Public, string SignPublic, string Signers, string SignSealed, string Sig, string? Removed = null, string? Chain = null);
