namespace Hotline.Operator.Cases;

public sealed record ReplyResponse(long Sequence);
