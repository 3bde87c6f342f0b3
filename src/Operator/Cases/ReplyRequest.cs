namespace Hotline.Operator.Cases;

public sealed record ReplyRequest(string? Text);
