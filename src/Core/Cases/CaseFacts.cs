namespace Hotline.Core.Cases;

/// <summary>
/// What the services keep on a case beside its record: what screening found (age, area, duress) and where routing
/// stands (escalation stage, the running offer). Read and written only through <see cref="CaseStore"/>.
/// </summary>
/// <param name="Age">The latest age the person gave, if any.</param>
/// <param name="Place">The area (municipality): the first one screening recognised, or the one an operator recorded.</param>
/// <param name="Duress">The person wrote the duress phrase or answered the safety question with "no".</param>
/// <param name="Escalation">How many escalation steps the case has taken while nobody claimed it (0: none).</param>
/// <param name="OfferedTo">The operator the waiting case is offered to now, if any.</param>
/// <param name="Offered">Everyone the case was offered to so far, in order.</param>
public sealed record CaseFacts(int? Age, string? Place, bool Duress, int Escalation, string? OfferedTo, IReadOnlyList<string> Offered);
