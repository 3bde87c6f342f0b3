namespace Hotline.Operator.Dispatch;

/// <summary>
/// What a mobile unit sees of a dispatch: area, category, urgency, code. Never the transcript, never a case id. The area
/// comes sealed to the unit's own box key (<see cref="Hotline.Core.Dispatch.DispatchArea"/>): the unit's phone opens it, the server cannot.
/// </summary>
public sealed record UnitDispatchView(string Code, string Status, string? SealedMunicipality, string Category, string Urgency, DateTimeOffset? SentAt,
    DateTimeOffset? AcknowledgedAt, bool ContactApproved)
{
    public static UnitDispatchView From(Hotline.Core.Dispatch.DispatchRecord d, string unit, string status) =>
        new(d.Code, status, d.SealedArea.GetValueOrDefault(unit), d.Category, d.Urgency, d.SentAt, d.AcknowledgedAt, d.ContactApproved);
}
