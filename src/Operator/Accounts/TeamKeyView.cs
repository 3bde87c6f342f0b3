using Hotline.Core.Crypto;

namespace Hotline.Operator.Accounts;

/// <summary>
/// The team key record; the signing parts let a key holder's browser sign the record a rotation writes (Removed: its signed
/// removals, null before they were signed; Chain: its team signing keys, null before the signing key rotated).
/// </summary>
public sealed record TeamKeyView(int Version, string PublicKey, string SignPublic, string Signers, string SignSealed, string? Removed = null, string? Chain = null);
