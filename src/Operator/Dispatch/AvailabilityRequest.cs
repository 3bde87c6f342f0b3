namespace Hotline.Operator.Dispatch;

public sealed record AvailabilityRequest(bool Available);
