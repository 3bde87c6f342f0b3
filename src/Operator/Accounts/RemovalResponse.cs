namespace Hotline.Operator.Accounts;

public sealed record RemovalResponse(string Removed, int TeamKeyVersion);
