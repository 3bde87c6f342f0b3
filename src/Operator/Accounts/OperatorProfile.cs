
namespace Hotline.Operator.Accounts;

/// <summary>What routing uses: the languages and categories an operator takes, and how many cases at once.</summary>
public sealed record OperatorProfile(IReadOnlyList<string> Languages, IReadOnlyList<string> Categories, int Capacity);
