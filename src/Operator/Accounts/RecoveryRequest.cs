namespace Hotline.Operator.Accounts;

public sealed record RecoveryRequest(string? Username, string? RecoveryAuthKey);
