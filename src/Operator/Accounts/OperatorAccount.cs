using Hotline.Core.Crypto;

namespace Hotline.Operator.Accounts;

/// <summary>
/// What the server keeps of an operator, none of which opens anything: the Argon2id parameters their browser derives
/// the master key with, a slow hash of the authentication key (one half of the master key), their private key wrapped
/// by the wrapping key (the other half, which never reaches the server), and the team private key sealed to their public key.
/// <see cref="SealedSigningKey"/>: their Ed25519 signing secret key sealed to their own public key (opened only after the
/// passphrase unwraps the private key); its public half and the team's certificate are in <see cref="OperatorSigningKeys"/>.
/// </summary>
public sealed record OperatorAccount(
    string Username,
    string AuthHash,
    KdfParameters Kdf,
    IReadOnlyList<Role> Roles,
    byte[] PublicKey,
    WrappedKey WrappedPrivateKey,
    byte[] SealedTeamKey,
    int TeamKeyVersion,
    AccountRecovery? Recovery,
    byte[]? SealedSigningKey = null)
{
    /// <summary>Holds a copy of the team key: can read transcripts (mobile units never do).</summary>
    public bool HasTeamKey => SealedTeamKey.Length > 0;
}
