namespace Hotline.EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class HotlineCollection : ICollectionFixture<HotlineStack>
{
    public const string Name = "hotline";
}
