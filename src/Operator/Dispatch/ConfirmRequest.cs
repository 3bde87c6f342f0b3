namespace Hotline.Operator.Dispatch;

/// <summary>The area to send to the unit: the console opens it from the case's sealed facts (the server never holds it before).</summary>
public sealed record ConfirmRequest(string? Municipality);
