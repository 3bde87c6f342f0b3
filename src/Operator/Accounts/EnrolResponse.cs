namespace Hotline.Operator.Accounts;

public sealed record EnrolResponse(string Username);
