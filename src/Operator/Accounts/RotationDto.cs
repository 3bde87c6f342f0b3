namespace Hotline.Operator.Accounts;

/// <summary>
/// The new team key for a removal: sealed to each remaining holder by name, and the old private key sealed under it;
/// the team signing key sealed to the new key, and its signature over the new team key record, which carries the
/// removals made so far and this one (<see cref="Hotline.Core.Crypto.OperatorRemoval.Text"/>, dated with <see cref="OperatorsView.Now"/>).
/// The signing key is new too (SignPublic, sealed in SignSealed): Chain is the current record's chain with the link by which
/// the current key hands over to it, and Certs certifies every operator's signing key again under it.
/// </summary>
public sealed record RotationDto(int FromVersion, string? PublicKey, string? SealedPrevious, IReadOnlyDictionary<string, string>? SealedTo,
    string? SignSealed = null, string? Sig = null, string? Removed = null, string? SignPublic = null, string? Chain = null, IReadOnlyDictionary<string, string>? Certs = null);
