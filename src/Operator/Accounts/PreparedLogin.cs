namespace Hotline.Operator.Accounts;

/// <summary>The body of POST /api/auth/login, and the wrapping key that stays with the client.</summary>
public sealed record PreparedLogin(string Username, string AuthKey, byte[] WrappingKey);
