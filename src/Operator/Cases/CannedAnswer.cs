namespace Hotline.Operator.Cases;

/// <summary>A ready answer an operator can insert and edit before sending; supervisors maintain the list.</summary>
public sealed record CannedAnswer(string Id, string Language, string Title, string Text);
