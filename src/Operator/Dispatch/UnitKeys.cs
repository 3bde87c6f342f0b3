namespace Hotline.Operator.Dispatch;

/// <summary>The unit's own key material: only the wrapping key its phone derives from the passphrase unwraps the private half.</summary>
public sealed record UnitKeys(string PublicKey, WrappedKeyDto WrappedPrivateKey);
