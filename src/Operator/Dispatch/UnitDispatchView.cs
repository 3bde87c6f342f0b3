namespace Hotline.Operator.Dispatch;

/// <summary>What a mobile unit sees of a dispatch: area, category, urgency, code. Never the transcript, never a case id.</summary>
public sealed record UnitDispatchView(string Code, string Status, string Municipality, string Category, string Urgency, DateTimeOffset? SentAt,
    DateTimeOffset? AcknowledgedAt, bool ContactApproved);
