namespace Hotline.Operator.Accounts;

public sealed record KeyMaterial(
    string Username,
    IReadOnlyList<string> Roles,
    string PublicKey,
    WrappedKeyDto WrappedPrivateKey,
    string SealedTeamKey,
    int TeamKeyVersion,
    string TeamPublicKey,
    IReadOnlyList<RetiredTeamKeyDto> TeamKeyChain,
    string? SignPublic = null,
    string? SealedSigningKey = null);
