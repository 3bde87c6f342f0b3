namespace Hotline.EndToEnd.Tests.Cluster;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterStack>
{
    public const string Name = "cluster";
}
