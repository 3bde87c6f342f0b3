namespace Hotline.Operator.Cases;

/// <summary>Why the case is closed without being worked: test, prank or no-contact.</summary>
public sealed record CloseRequest(string? Reason);
