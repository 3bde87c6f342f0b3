namespace Hotline.Core.Cases;

/// <summary>
/// What the services keep on a case in clear beside its record: what routing needs (whether an area is known and which
/// mobile units cover it, duress) and where routing stands (escalation stage, the running offer). Read and written only
/// through <see cref="CaseStore"/>. The age, the area itself, the minor flag and indicator positions are sealed
/// (<see cref="MessageFacts"/>).
/// </summary>
/// <param name="HasArea">Screening recognised an area, or an operator recorded one.</param>
/// <param name="CoveredBy">The mobile units that cover that area (none if nobody covers it).</param>
/// <param name="Duress">The person wrote the duress phrase or answered the safety question with "no".</param>
/// <param name="Escalation">How many escalation steps the case has taken while nobody claimed it (0: none).</param>
/// <param name="OfferedTo">The operator the waiting case is offered to now, if any.</param>
/// <param name="Offered">Everyone the case was offered to so far, in order.</param>
public sealed record CaseFacts(bool HasArea, IReadOnlyList<string> CoveredBy, bool Duress, int Escalation, string? OfferedTo, IReadOnlyList<string> Offered);
