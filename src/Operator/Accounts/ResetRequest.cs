namespace Hotline.Operator.Accounts;

public sealed record ResetRequest(string? Username, string? RecoveryAuthKey, KdfDto? Kdf, string? AuthKey, WrappedKeyDto? WrappedPrivateKey);
