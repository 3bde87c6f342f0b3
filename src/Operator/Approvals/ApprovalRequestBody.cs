namespace Hotline.Operator.Approvals;

public sealed record ApprovalRequestBody(string? Action, bool PersonAgreed = false);
