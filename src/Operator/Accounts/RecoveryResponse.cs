namespace Hotline.Operator.Accounts;

public sealed record RecoveryResponse(string PublicKey, WrappedKeyDto WrappedPrivateKey);
