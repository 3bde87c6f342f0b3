namespace Hotline.Operator.Accounts;

/// <summary>The team key's public half and version, as services read it from Redis.</summary>
public sealed record TeamPublicKey(int Version, byte[] PublicKey);
