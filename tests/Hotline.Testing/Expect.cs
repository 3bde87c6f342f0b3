using Xunit;

namespace Hotline.Testing;

/// <summary>
/// Table-driven checks: messages grouped by what a classifier must make of them. Every message is tried and every
/// mismatch is reported together, each with what it gave instead, so one failing row does not hide the others.
/// </summary>
public static class Expect
{
    public static void Each<T>(Func<string, T> classify, Dictionary<T, string[]> messagesByAnswer) where T : notnull =>
        Check(classify, messagesByAnswer, (expected, actual) => EqualityComparer<T>.Default.Equals(expected, actual), actual => $"{actual}");

    /// <summary>
    /// As <see cref="Each{T}"/> for a classifier that gives several answers at once (the categories a message is put in):
    /// each message's answers must include the one its row is under, whatever else they hold.
    /// </summary>
    public static void EachIncludes<T>(Func<string, IReadOnlyCollection<T>> classify, Dictionary<T, string[]> messagesByAnswer) where T : notnull =>
        Check(classify, messagesByAnswer, (expected, actual) => actual.Contains(expected), actual => $"[{string.Join(", ", actual)}]");

    /// <summary>
    /// As <see cref="Each{T}"/> for an ordered answer (a severity) that messages must stay under: each message's answer must
    /// be below the one its row is under.
    /// </summary>
    public static void EachBelow<T>(Func<string, T> classify, Dictionary<T, string[]> messagesByCeiling) where T : notnull =>
        Check(classify, messagesByCeiling, (ceiling, actual) => Comparer<T>.Default.Compare(actual, ceiling) < 0, actual => $"{actual}", "below ");

    private static void Check<T, TActual>(
        Func<string, TActual> classify, Dictionary<T, string[]> messagesByAnswer, Func<T, TActual, bool> holds, Func<TActual, string> shown,
        string relation = "")
        where T : notnull
    {
        var wrong = messagesByAnswer
            .SelectMany(row => row.Value.Select(message => (Message: message, Expected: row.Key, Actual: classify(message))))
            .Where(c => !holds(c.Expected, c.Actual))
            .Select(c => $"\"{c.Message}\": expected {relation}{c.Expected}, got {shown(c.Actual)}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
