namespace Hotline.Testing;

/// <summary>A page under test threw, rejected a promise unhandled, or wrote to console.error.</summary>
public sealed class PageErrorException(IReadOnlyList<string> errors)
    : Exception("A page under test had errors:\n" + string.Join("\n", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
