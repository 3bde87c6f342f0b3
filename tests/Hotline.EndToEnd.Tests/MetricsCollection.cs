namespace Hotline.EndToEnd.Tests;

/// <summary>Runs alone, after the parallel collections, so no other host claims or goes away while the claim count is compared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
