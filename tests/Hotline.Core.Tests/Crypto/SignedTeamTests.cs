namespace Hotline.Core.Tests.Crypto;

/// <summary>
/// Tests against a real redis-server that holds a freshly signed team key record: each test starts from an empty store,
/// with the team's key pair, the fingerprint a service pins, and the folder of the services' signing keys (deleted after).
/// </summary>
public abstract class SignedTeamTests(RedisFixture redis) : IAsyncLifetime
{
    /// <summary>The redis-server the tests write to and read from.</summary>
    protected RedisFixture Server { get; } = redis;

    protected string KeysDir { get; } = Directory.CreateTempSubdirectory("hotline-signing-").FullName;

    protected KeyPairBytes Team { get; private set; } = null!;

    protected string Fingerprint { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Server.FlushAllAsync();
        Team = HotlineCrypto.NewKeyPair();
        Fingerprint = (await TeamKeyCeremony.CreateAsync(Server.Database, KeysDir, Team.PublicKey))!;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(KeysDir, recursive: true);
        return Task.CompletedTask;
    }
}
