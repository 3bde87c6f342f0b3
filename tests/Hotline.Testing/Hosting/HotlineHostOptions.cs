using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Testing;

/// <summary>Which of the hotline's services a <see cref="HotlineHost"/> starts, with what settings, accounts and fakes.</summary>
public sealed record HotlineHostOptions
{
    public bool Bot { get; init; }

    public bool Triage { get; init; }

    public bool Operator { get; init; }

    /// <summary>Prefix of the temporary data folder (HOTLINE_DATA_DIR), to tell the hosts' folders apart.</summary>
    public string Name { get; init; } = "hotline";

    /// <summary>Settings every service gets, besides HOTLINE_REDIS, HOTLINE_SECRETS_DIR and HOTLINE_DATA_DIR.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// When set, `admin init-demo` makes the team key and the 'demo' account with this passphrase before the services start;
    /// when null, a fresh team key pair is made in the test and only its public half written to Redis (what a Bot needs).
    /// </summary>
    public string? DemoPassword { get; init; }

    /// <summary>Accounts added after init-demo, as 'demo' would with the admin command line.</summary>
    public IReadOnlyList<AdminAccount> Accounts { get; init; } = [];

    /// <summary>Fakes and option overrides for every service the host starts (a clock, a notifier, short retry pauses).</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>redis-server's maxmemory (noeviction), as infra/up's HOTLINE_REDIS_MAXMEMORY.</summary>
    public string RedisMaxMemory { get; init; } = RedisServer.DefaultMaxMemory;

    /// <summary>
    /// True: a Redis Cluster of three primaries and two of each service, as `infra/up --cluster`; false: one redis-server and
    /// one of each; null (the default): as the environment says (HOTLINE_TEST_CLUSTER=1, set by `infra/test --cluster`).
    /// </summary>
    public bool? Cluster { get; init; }

    /// <summary>False leaves only the captured logs (no console output) for suites that search no log.</summary>
    public bool ConsoleLogs { get; init; } = true;
}
