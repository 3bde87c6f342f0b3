namespace Hotline.Operator.Accounts;

public sealed record PreloginRequest(string? Username);
