namespace Hotline.Operator.Accounts;

public sealed record OperatorsView(TeamKeyView TeamKey, IReadOnlyList<AccountView> Operators);
