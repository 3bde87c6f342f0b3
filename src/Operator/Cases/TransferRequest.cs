namespace Hotline.Operator.Cases;

public sealed record TransferRequest(string? To, string? Note);
