namespace Hotline.Operator.Team;

public sealed record AssignRequest(string? To);
