namespace Hotline.Operator.Dashboard;

/// <param name="Sealed">
/// For the dimensions the server cannot count (<see cref="MonthlyStatistics.CountedInTheBrowser"/>): each contact's sealed
/// facts, in no particular order and without case ids, for the supervisor's browser to open with the team key, count and
/// withhold as the server does.
/// </param>
public sealed record MonthlyReport(string Month, int? Contacts, IReadOnlyList<StatisticsCell> Cells, int SuppressBelow, IReadOnlyList<IReadOnlyList<string>> Sealed);
