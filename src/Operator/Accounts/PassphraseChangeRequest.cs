namespace Hotline.Operator.Accounts;

public sealed record PassphraseChangeRequest(string? CurrentAuthKey, KdfDto? Kdf, string? AuthKey, WrappedKeyDto? WrappedPrivateKey);
