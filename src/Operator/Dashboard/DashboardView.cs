namespace Hotline.Operator.Dashboard;

public sealed record DashboardView(long From, long To, IReadOnlyList<Point> QueueLength, IReadOnlyList<WaitStats> WaitBySeverity,
    IReadOnlyList<Point> MissedDeadlinesPerHour, int MissedDeadlines, IReadOnlyList<Point> DispatchSeconds, double? DispatchMedianSeconds,
    IReadOnlyList<ClosedCount> ClosedByReason);
