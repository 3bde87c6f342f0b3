using Hotline.Core.Crypto;

namespace Hotline.Operator.Accounts;

/// <summary>
/// A new account as an unlocked key holder's browser prepared it: the new operator's key pair (private half wrapped by
/// the wrapping key of their passphrase), their authentication key (hashed here, never stored), the team key sealed
/// to them, and their recovery key's halves; for readers, their signing key (public half, secret half sealed to their public
/// key, the team signing key's certificate). Mobile units get no team key and name the municipalities they cover.
/// </summary>
public sealed record EnrolRequest(
    string? Username,
    IReadOnlyList<string>? Roles,
    KdfDto? Kdf,
    string? AuthKey,
    string? PublicKey,
    WrappedKeyDto? WrappedPrivateKey,
    string? SealedTeamKey,
    int? TeamKeyVersion,
    RecoveryDto? Recovery,
    IReadOnlyList<string>? Municipalities,
    string? SignPublic = null,
    string? SealedSigningKey = null,
    string? SignCert = null);
