namespace Hotline.Operator.Accounts;

/// <summary>An account as its enrolling client prepared it, and the recovery key to show its owner once.</summary>
public sealed record PreparedAccount(OperatorAccount Account, byte[] AuthKey, byte[] RecoveryAuthKey, string RecoveryKey);
