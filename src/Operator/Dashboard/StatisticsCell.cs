namespace Hotline.Operator.Dashboard;

/// <summary>One cell of the monthly figures: a dimension (channel, language, …), a value, and a count or null when suppressed.</summary>
public sealed record StatisticsCell(string Dimension, string Value, int? Count);
