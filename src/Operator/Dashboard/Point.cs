namespace Hotline.Operator.Dashboard;

public sealed record Point(long At, double Value);
