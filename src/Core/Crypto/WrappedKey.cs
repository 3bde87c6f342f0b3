namespace Hotline.Core.Crypto;

public sealed record WrappedKey(byte[] Nonce, byte[] Ciphertext);
