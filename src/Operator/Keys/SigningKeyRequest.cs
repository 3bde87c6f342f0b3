namespace Hotline.Operator.Keys;

/// <summary>An operator's signing key made in their browser at their first unlock (accounts enrolled before they had one).</summary>
public sealed record SigningKeyRequest(string? SignPublic, string? SealedSigningKey, string? SignCert);
