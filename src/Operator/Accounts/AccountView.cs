namespace Hotline.Operator.Accounts;

public sealed record AccountView(string Username, IReadOnlyList<string> Roles, string PublicKey, bool HoldsTeamKey, int TeamKeyVersion);
