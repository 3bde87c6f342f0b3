namespace Hotline.Operator.Accounts;

/// <summary>
/// A team key rotation as a key holder's browser prepared it: the new public key, the new private key sealed to every
/// operator who keeps reading, and the old private key sealed under the new public key, so old entries stay readable.
/// A new team signing key (SignPublic), handed over to by the current one in <see cref="Chain"/>, comes along sealed to the
/// new key (SignSealed) and signs the new record (Signature), which carries the removals
/// (<see cref="Hotline.Core.Crypto.OperatorRemoval.Text"/>) with this one's; <see cref="Certificates"/> certifies every
/// operator's signing key again under it (by username), the removed one's too, so their earlier words stay theirs.
/// </summary>
public sealed record TeamKeyRotation(string Removed, int FromVersion, byte[] PublicKey, byte[] SealedPrevious, IReadOnlyDictionary<string, byte[]> SealedTo,
    byte[] SignSealed, string Signature, string Removals, byte[] SignPublic, string Chain, IReadOnlyDictionary<string, byte[]> Certificates);
