namespace Hotline.Core.Crypto;

public sealed record SealedPayload(byte[] Nonce, byte[] Ciphertext, byte[] SealedKey);
