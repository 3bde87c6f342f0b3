namespace Hotline.Core.Crypto;

public class CryptoFailure(string message, Exception? inner = null) : Exception(message, inner);
