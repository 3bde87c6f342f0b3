using Xunit;

namespace Hotline.Testing;

/// <summary>
/// Table-driven checks: messages grouped by what a classifier must make of them. Every message is tried and every
/// mismatch is reported together, each with what it gave instead, so one failing row does not hide the others.
/// </summary>
public static class Expect
{
    public static void Each<T>(Func<string, T> classify, Dictionary<T, string[]> messagesByAnswer) where T : notnull
    {
        var wrong = messagesByAnswer
            .SelectMany(row => row.Value.Select(message => (Message: message, Expected: row.Key, Actual: classify(message))))
            .Where(c => !EqualityComparer<T>.Default.Equals(c.Expected, c.Actual))
            .Select(c => $"\"{c.Message}\": expected {c.Expected}, got {c.Actual}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
