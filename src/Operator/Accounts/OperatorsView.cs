namespace Hotline.Operator.Accounts;

/// <summary>The accounts and the team key; <see cref="Now"/> (Unix ms, the services' clock) dates a removal the browser signs.</summary>
public sealed record OperatorsView(TeamKeyView TeamKey, IReadOnlyList<AccountView> Operators, long Now);
