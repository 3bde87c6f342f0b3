namespace Hotline.Operator.Accounts;

/// <summary>A retired team key: its public half, and its private half sealed to the team key that replaced it.</summary>
public sealed record RetiredTeamKeyDto(int Version, string PublicKey, string SealedPrivateKey);
