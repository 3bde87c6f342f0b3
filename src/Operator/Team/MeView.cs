namespace Hotline.Operator.Team;

public sealed record MeView(string Username, IReadOnlyList<string> Roles, string Status, Wellbeing Wellbeing, SurgeView Surge);
