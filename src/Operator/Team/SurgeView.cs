namespace Hotline.Operator.Team;

public sealed record SurgeView(bool Active, int Waiting, int Free);
