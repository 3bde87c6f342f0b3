namespace Hotline.Operator.Keys;

/// <summary>One operator's signing key as the roster holds it: the console checks cert against the team signing key itself.</summary>
public sealed record OperatorKeyView(string Username, string SignPublic, string Cert, long? RemovedAt);
