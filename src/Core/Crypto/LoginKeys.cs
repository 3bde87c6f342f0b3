namespace Hotline.Core.Crypto;

/// <summary>The two halves of a master key: <see cref="AuthKey"/> proves the passphrase to the server, <see cref="WrappingKey"/> never leaves the client.</summary>
public sealed record LoginKeys(byte[] AuthKey, byte[] WrappingKey);
