namespace Hotline.Operator.Cases;

/// <summary>A reply; the console adds the operator's own signature over the text (<see cref="SignedWords"/>).</summary>
public sealed record ReplyRequest(string? Text, WordsSignatureDto? Signature = null);
