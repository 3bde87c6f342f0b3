namespace Hotline.Operator.Team;

public sealed record MemberView(string Username, IReadOnlyList<string> Roles, string Status, int Load, int Capacity, IReadOnlyList<string> Languages,
    IReadOnlyList<string> Categories, Wellbeing? Wellbeing);
