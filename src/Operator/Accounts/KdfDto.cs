using Hotline.Core.Crypto;

namespace Hotline.Operator.Accounts;

/// <summary>Argon2id parameters as JSON carries them (salt in standard base64, memLimit in bytes).</summary>
public sealed record KdfDto(string? Salt, long OpsLimit, long MemLimit)
{
    public static KdfDto From(KdfParameters kdf) => new(Convert.ToBase64String(kdf.Salt), kdf.OpsLimit, kdf.MemLimit);
}
