namespace Hotline.Operator.Cases;

/// <summary>A private note; the console adds the operator's own signature over the text (<see cref="SignedWords"/>).</summary>
public sealed record NoteRequest(string? Text, WordsSignatureDto? Signature = null);
