namespace Hotline.EndToEnd.Tests;

/// <summary>Runs on its own, not beside the other collections: its browsers and moved clock would otherwise skew their timings (and theirs, its).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleStack>
{
    public const string Name = "console";
}
