using Hotline.Core.Dispatch;

namespace Hotline.Operator.Cases;

/// <summary>
/// Everything the console shows about a case besides the transcript itself. No text, and nothing that could name the
/// person in clear: age, area, minor and indicator positions come sealed (<see cref="MessageFacts"/>), one value per
/// transcript entry, for the operator's browser to open with the team key.
/// </summary>
public sealed record CaseDetail(
    CaseView Case,
    IReadOnlyList<SealedFacts> Facts,
    bool Duress,
    int Escalation,
    string? OfferedTo,
    IReadOnlyList<TimelineEntry> Timeline,
    CaseOutcome Record,
    DispatchRecord? Dispatch,
    PendingMove? Move = null);
