namespace Hotline.Operator.Dashboard;

public sealed record WaitStats(string Severity, int Count, double MedianSeconds, double P90Seconds);
