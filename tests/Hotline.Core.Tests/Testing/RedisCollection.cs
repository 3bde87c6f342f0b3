namespace Hotline.Core.Tests.Testing;

// xunit finds collection definitions only in the test assembly itself.
[CollectionDefinition(RedisFixture.Collection)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>;
