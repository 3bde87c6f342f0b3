namespace Hotline.Operator.Cases;

/// <summary>How far one of the operators' replies went: sending, held, sent, delivered, failed or read.</summary>
public sealed record ReplyStateView(long Seq, string State);
