using Hotline.Core.Dispatch;
using Hotline.Core.Team;
using Hotline.Operator.Admin;

namespace Hotline.Operator.Tests.Admin;

/// <summary>
/// `Hotline.Operator admin …` as infra/up and the README call it, against a real redis-server as the admin ACL user:
/// every documented command line still works, and bad input exits with 2, says what is wrong and changes nothing.
/// </summary>
public sealed class AdminCommandLineTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string DemoPassword = "admin command line demo passphrase";

    private readonly Dictionary<string, string?> env = new()
    {
        ["HOTLINE_REDIS"] = redis.ConnectionString,
        ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
        ["HOTLINE_DEMO_PASSWORD"] = DemoPassword,
        ["HOTLINE_ADMIN_USER"] = "demo",
        ["HOTLINE_ADMIN_PASSWORD"] = DemoPassword,
    };

    private OperatorAccounts Accounts => new(new HotlineRedis(redis.Connection));

    [Fact]
    public async Task Every_documented_command_line_does_what_it_says()
    {
        Assert.Equal(0, (await RunAsync("admin", "init-demo")).Code);
        Assert.Contains("already exists", (await RunAsync("admin", "init-demo")).Output);

        env["HOTLINE_NEW_PASSWORD"] = "a long enough passphrase for alba";
        var added = await RunAsync("admin", "add-operator", "alba", "Operator,Supervisor", "--languages", "sq,en", "--categories", "trafficking", "--capacity", "3");
        Assert.Equal(0, added.Code);
        Assert.Contains("alba's recovery key", added.Output);
        var alba = await Accounts.FindAsync("alba");
        Assert.Equal([Role.Operator, Role.Supervisor], alba!.Roles);
        Assert.True(alba.HasTeamKey);
        var member = await new TeamDirectory(new HotlineRedis(redis.Connection)).GetAsync("alba");
        Assert.Equal(["sq", "en"], member!.Languages);
        Assert.Equal(["trafficking"], member.Categories);
        Assert.Equal(3, member.Capacity);

        Assert.Equal(0, (await RunAsync("admin", "set-profile", "alba", "--languages", "en")).Code);
        member = await new TeamDirectory(new HotlineRedis(redis.Connection)).GetAsync("alba");
        Assert.Equal(["en"], member!.Languages);
        Assert.Equal(TeamDirectory.DefaultCapacity, member.Capacity);

        env["HOTLINE_NEW_PASSWORD"] = "a long enough passphrase for the unit";
        Assert.Equal(0, (await RunAsync("admin", "add-unit", "unit-vlore", "Vlorë,Himarë")).Code);
        var unit = await new MobileUnits(new HotlineRedis(redis.Connection)).GetAsync("unit-vlore");
        Assert.Equal(["Vlorë", "Himarë"], unit!.Municipalities);

        var removed = await RunAsync("admin", "remove-operator", "alba");
        Assert.Equal(0, removed.Code);
        Assert.Contains("The team key is now version 2", removed.Output);
        Assert.Null(await Accounts.FindAsync("alba"));

        var audit = await RunAsync("admin", "audit-verify");
        Assert.Equal(0, audit.Code);
        Assert.Contains("The audit log is intact", audit.Output);
    }

    [Theory]
    [InlineData("Unknown role 'Boss'", "admin", "add-operator", "drita", "Operator,Boss")]
    [InlineData("A username is 2-40 characters", "admin", "add-operator", "Drita Hoxha", "Operator")]
    [InlineData("--capacity is a whole number from 1 to 20", "admin", "add-operator", "drita", "Operator", "--capacity", "21")]
    [InlineData("--capacity is a whole number from 1 to 20, not 'many'", "admin", "add-operator", "drita", "Operator", "--capacity", "many")]
    [InlineData("Required argument 'ROLE[,ROLE]' missing", "admin", "add-operator", "drita")]
    [InlineData("--shift", "admin", "add-operator", "drita", "Operator", "--shift", "night")]
    [InlineData("Unknown municipality 'Atlantis'", "admin", "add-unit", "unit-x", "Durrës,Atlantis")]
    [InlineData("init-team", "admin", "init-team")]
    [InlineData("Required command was not provided", "admin")]
    public async Task Bad_input_exits_with_2_says_what_is_wrong_and_changes_nothing(string expected, params string[] args)
    {
        var before = await redis.Server.AllKeysAndValuesAsync();

        var (code, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
        var after = await redis.Server.AllKeysAndValuesAsync();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
    }

    [Fact]
    public async Task Without_HOTLINE_REDIS_a_valid_command_line_says_so_and_exits_with_2()
    {
        env.Remove("HOTLINE_REDIS");

        var (code, _, error) = await RunAsync("admin", "audit-verify");

        Assert.Equal(2, code);
        Assert.Contains("HOTLINE_REDIS must name the Redis server", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_admin_command()
    {
        var (code, output, _) = await RunAsync("admin", "--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "init-demo", "add-operator", "set-profile", "remove-operator", "add-unit", "audit-verify" }) Assert.Contains(command, output);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCommands.RunAsync(args, name => env.GetValueOrDefault(name), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
