namespace Hotline.Operator.Dashboard;

/// <summary>Cases closed without being worked, by reason (test, prank, no-contact, idle).</summary>
public sealed record ClosedCount(string Reason, int Count);
