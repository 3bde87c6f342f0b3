namespace Hotline.Operator.Cases;

/// <summary>Where someone gave a case's code on another channel: who asked, and since when (no address, no text).</summary>
public sealed record PendingMove(string Channel, long RequestedAtMs);
