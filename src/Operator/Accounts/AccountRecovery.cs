namespace Hotline.Operator.Accounts;

/// <summary>The recovery key's half of an account: a slow hash of its authentication subkey and the private key wrapped by its wrapping subkey.</summary>
public sealed record AccountRecovery(string AuthHash, WrappedKey WrappedPrivateKey);
