namespace Hotline.Operator.Accounts;

public sealed record LoginResponse(string Token);
