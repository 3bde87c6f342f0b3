namespace Hotline.Core.Crypto;

/// <summary>An account's Argon2id parameters: what POST /api/auth/prelogin hands out.</summary>
public sealed record KdfParameters(byte[] Salt, long OpsLimit, int MemLimit);
