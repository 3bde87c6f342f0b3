namespace Hotline.Core.Crypto;

public sealed class CryptoFailure(string message, Exception? inner = null) : Exception(message, inner);
