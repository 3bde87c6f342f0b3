namespace Hotline.Core.Crypto;

public sealed record KeyPairBytes(byte[] PublicKey, byte[] PrivateKey);
