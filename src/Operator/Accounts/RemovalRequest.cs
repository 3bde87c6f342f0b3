namespace Hotline.Operator.Accounts;

public sealed record RemovalRequest(RotationDto? TeamKey);
