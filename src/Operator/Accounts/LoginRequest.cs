namespace Hotline.Operator.Accounts;

/// <summary>Sign-in: the authentication key, never the passphrase (a body with "password" is refused).</summary>
public sealed record LoginRequest(string? Username, string? AuthKey, string? Password);
