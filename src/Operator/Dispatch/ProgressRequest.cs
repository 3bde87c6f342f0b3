namespace Hotline.Operator.Dispatch;

public sealed record ProgressRequest(string? Status);
