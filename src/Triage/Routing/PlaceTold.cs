namespace Hotline.Triage.Routing;

/// <summary>The place a waiting person was last told, and when.</summary>
public sealed record PlaceTold(int Place, DateTimeOffset At);
