namespace Hotline.Operator.Cases;

/// <summary>The operator's own signature over a reply or note, as their console sends it: {id, sig}, both standard base64.</summary>
public sealed record WordsSignatureDto(string? Id, string? Sig);
