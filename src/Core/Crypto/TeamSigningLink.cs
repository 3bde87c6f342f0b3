namespace Hotline.Core.Crypto;

/// <summary>
/// One step of <see cref="TeamSigningChain"/>: from record <see cref="Version"/> on, <see cref="PublicKey"/> signs the team key
/// record; <see cref="Signature"/> is the previous team signing key's over <see cref="TeamSigningChain.LinkMessage"/>.
/// </summary>
public sealed record TeamSigningLink(long Version, byte[] PublicKey, byte[] Signature);
