namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Runs alone, after the parallel collections, for tests that listen to every host in the process (meters, traces): no
/// other host claims, writes or goes away while they compare what they heard.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
