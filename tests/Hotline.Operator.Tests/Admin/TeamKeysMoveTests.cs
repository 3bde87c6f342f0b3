using Hotline.Core.Dispatch;
using Hotline.Operator.Admin;
using StackExchange.Redis;

namespace Hotline.Operator.Tests.Admin;

/// <summary>A Redis written before the team's keys shared the {team} hash tag keeps its accounts, team key and units.</summary>
public sealed class TeamKeysMoveTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string DemoPassword = "team keys move demo passphrase";

    [Fact]
    public async Task Team_keys_under_their_old_names_are_moved_by_the_next_admin_command_and_the_accounts_go_on_working()
    {
        var env = new Dictionary<string, string?>
        {
            ["HOTLINE_REDIS"] = redis.ConnectionString,
            ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
            ["HOTLINE_DEMO_PASSWORD"] = DemoPassword,
            ["HOTLINE_ADMIN_USER"] = "demo",
            ["HOTLINE_ADMIN_PASSWORD"] = DemoPassword,
            ["HOTLINE_NEW_PASSWORD"] = "a long enough passphrase for the unit",
        };
        Assert.Equal(0, (await RunAsync(env, "admin", "init-demo")).Code);
        Assert.Equal(0, (await RunAsync(env, "admin", "add-unit", "unit-vlore", "Vlorë,Himarë")).Code);
        // What a Redis of the earlier release holds: the same records under the names without a hash tag.
        var db = redis.Database;
        (RedisKey Old, RedisKey New)[] names =
        [
            ("hl:keys:team", RedisKeys.TeamKey), ("hl:operators", RedisKeys.Operators),
            ("hl:operator:demo", RedisKeys.Operator("demo")), ("hl:operator:unit-vlore", RedisKeys.Operator("unit-vlore")),
            ("hl:unit:unit-vlore", RedisKeys.Unit("unit-vlore")), ("hl:units", RedisKeys.Units),
        ];
        foreach (var (old, renamed) in names)
        {
            Assert.True(await db.KeyExistsAsync(renamed), $"{renamed} was not there to rename");
            await db.KeyRenameAsync(renamed, old);
        }

        env["HOTLINE_NEW_PASSWORD"] = "a long enough passphrase for alba";
        var added = await RunAsync(env, "admin", "add-operator", "alba", "Operator");

        Assert.Equal(0, added.Code);
        Assert.Contains($"Moved {names.Length} team keys", added.Output);
        foreach (var (old, renamed) in names)
        {
            Assert.False(await db.KeyExistsAsync(old), $"{old} is still there");
            Assert.True(await db.KeyExistsAsync(renamed), $"{renamed} is missing");
        }
        // demo signed the new account in with the moved records, and everything is found under the new names.
        var accounts = new OperatorAccounts(new HotlineRedis(redis.Connection));
        Assert.NotNull(await accounts.FindAsync("alba"));
        Assert.NotNull(await accounts.FindAsync("demo"));
        Assert.Equal(["Vlorë", "Himarë"], (await new MobileUnits(new HotlineRedis(redis.Connection)).GetAsync("unit-vlore"))!.Municipalities);
        Assert.DoesNotContain("Moved", (await RunAsync(env, "admin", "audit-verify")).Output);
    }

    private static async Task<(int Code, string Output)> RunAsync(Dictionary<string, string?> env, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCommands.RunAsync(args, name => env.GetValueOrDefault(name), output, error);
        return (code, output.ToString() + error);
    }
}
