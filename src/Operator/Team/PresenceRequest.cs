namespace Hotline.Operator.Team;

public sealed record PresenceRequest(string? Status);
