using System.Security.Cryptography;
using System.Text;

namespace Hotline.Infra.Tests;

/// <summary>
/// infra/up run as root starts each service as its own Unix user. The attack: a compromised Operator or Triage process
/// (its Unix user) tries to read the Bot's secrets and the other services' Redis passwords. One class, so the tests that
/// create the Unix users never run at the same time.
/// </summary>
public sealed class ServiceUsersTests
{
    private static readonly string[] Services = ["bot", "triage", "operator"];
    private static readonly string[] RedisUsers = ["bot", "triage", "operator", "admin", "ops"];

    [RootFact]
    public void The_Operator_and_Triage_users_cannot_read_the_Bots_secrets_nor_another_services_Redis_password_and_the_Bot_reads_its_own()
    {
        using var setup = new InfraSetup();
        // What an earlier infra/up left: the Bot's secrets beside the Redis passwords, every service's key in one folder.
        setup.Leave("bot secrets", "bot.json");
        foreach (var service in Services) setup.Leave($"signing key of {service}", "keys", $"signing-{service}.json");
        setup.Leave("case code key", "keys", "case-codes.key");
        setup.Leave("floor", "keys", "team-key.floor");

        var run = setup.Run();

        Assert.True(run.ExitCode == 0, run.ToString());
        var botOnly = new[] { setup.Secret("bot", "bot.json"), setup.Secret("bot", "signing-bot.json"), setup.Secret("bot", "case-codes.key"), setup.Secret("redis", "bot.password") };
        foreach (var attacker in new[] { "hotline-operator", "hotline-triage" })
        {
            foreach (var path in botOnly) AssertDenied(attacker, path);
            AssertDenied(attacker, setup.Secret("bot"), list: true);
            AssertDenied(attacker, setup.Secret("redis", "users.acl"));
            AssertDenied(attacker, setup.Secret("redis", "ops.password"));
            // The admin password is infra/up's (root's) alone: admin init-demo runs as root, before any service starts.
            AssertDenied(attacker, setup.Secret("redis", "admin.password"));
        }
        Assert.Equal("root 600", Shell.OwnerAndMode(setup.Secret("redis", "admin.password")));
        // Each reads its own password, and not the other's.
        foreach (var path in new[] { setup.Secret("redis", "operator.password"), setup.Secret("keys", "signing-operator.json") })
        {
            AssertReads("hotline-operator", path, File.ReadAllText(path));
            AssertDenied("hotline-triage", path);
            AssertDenied("hotline-bot", path);
        }
        foreach (var path in new[] { setup.Secret("redis", "triage.password"), setup.Secret("triage", "signing-triage.json"), setup.Secret("triage", "team-key.floor") })
        {
            AssertReads("hotline-triage", path, File.ReadAllText(path));
            AssertDenied("hotline-operator", path);
            AssertDenied("hotline-bot", path);
        }
        // The Bot reads its own, which moved into its folder, and nobody else's.
        AssertReads("hotline-bot", setup.Secret("bot", "bot.json"), "bot secrets");
        AssertReads("hotline-bot", setup.Secret("bot", "signing-bot.json"), "signing key of bot");
        AssertReads("hotline-bot", setup.Secret("bot", "case-codes.key"), "case code key");
        AssertReads("hotline-bot", setup.Secret("redis", "bot.password"), File.ReadAllText(setup.Secret("redis", "bot.password")));
        AssertDenied("hotline-bot", setup.Secret("redis", "users.acl"));
        AssertDenied("hotline-bot", setup.Secret("redis", "ops.password"));
        // No copy of the Bot's or the Triage worker's key is left where the Operator's user may look, nor the old bot.json.
        Assert.False(File.Exists(setup.Secret("keys", "signing-bot.json")), "the Bot's signing key is still in the Operator's folder");
        Assert.False(File.Exists(setup.Secret("keys", "signing-triage.json")), "the Triage worker's signing key is still in the Operator's folder");
        Assert.False(File.Exists(setup.Secret("bot.json")), "the Bot's secrets are still where every service passes");
        // Redis reads the rendered ACL file, and no password.
        AssertReads("redis", setup.Secret("redis", "users.acl"), File.ReadAllText(setup.Secret("redis", "users.acl")));
        foreach (var user in RedisUsers) AssertDenied("redis", setup.Secret("redis", $"{user}.password"));
        Assert.Equal("hotline-bot 700", Shell.OwnerAndMode(setup.Secret("bot")));
        Assert.Equal("hotline-bot 600", Shell.OwnerAndMode(setup.Secret("bot", "bot.json")));
    }

    [RootFact(StartsServices = true)]
    public async Task Infra_up_runs_each_process_as_its_own_user_and_the_Operator_and_Triage_users_cannot_read_the_Bots_secrets_nor_its_environment()
    {
        using var setup = new InfraSetup();
        var (botPort, operatorPort, redisPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var directLineSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)); // a secret of the Bot's channels
        using var up = new RunningInfraUp(["--no-build"], new Dictionary<string, string>
        {
            ["HOTLINE_DATA_DIR"] = setup.DataDir,
            ["HOTLINE_SECRETS_DIR"] = setup.SecretsDir,
            ["HOTLINE_BOT_PORT"] = $"{botPort}",
            ["HOTLINE_OPERATOR_PORT"] = $"{operatorPort}",
            ["HOTLINE_REDIS_PORT"] = $"{redisPort}",
            ["HOTLINE_DIRECTLINE_SECRET"] = directLineSecret,
        });

        await up.WaitUntilRunningAsync(TimeSpan.FromMinutes(3));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.True((await http.GetAsync($"http://127.0.0.1:{botPort}/healthz")).IsSuccessStatusCode, up.Output);
        Assert.True((await http.GetAsync($"http://127.0.0.1:{operatorPort}/healthz")).IsSuccessStatusCode, up.Output);
        var processes = ProcessesOf(setup.DataDir, redisPort);
        var expected = new Dictionary<string, string>
        {
            ["redis-server"] = "redis",
            ["Hotline.Triage.dll"] = "hotline-triage",
            ["Hotline.Bot.dll"] = "hotline-bot",
            ["Hotline.Operator.dll"] = "hotline-operator",
        };
        foreach (var (program, user) in expected)
        {
            var matching = processes.Where(p => p.CommandLine.Contains(program, StringComparison.Ordinal)).ToList();
            Assert.True(matching.Count == 1, $"{program}: {string.Join("; ", processes)}");
            var pid = matching[0].Pid;
            Assert.StartsWith(user + " ", Shell.OwnerAndMode($"/proc/{pid}"), StringComparison.Ordinal);
        }
        var bot = processes.Single(p => p.CommandLine.Contains("Hotline.Bot.dll", StringComparison.Ordinal)).Pid;
        // The Bot wrote its secrets itself, as its own user, into its own folder.
        Assert.Equal("hotline-bot 600", Shell.OwnerAndMode(setup.Secret("bot", "bot.json")));
        Assert.StartsWith("{", Shell.RunAs("hotline-bot", "cat", setup.Secret("bot", "bot.json")).Output, StringComparison.Ordinal);
        foreach (var attacker in new[] { "hotline-operator", "hotline-triage" })
        {
            AssertDenied(attacker, setup.Secret("bot", "bot.json"));
            AssertDenied(attacker, setup.Secret("bot", "signing-bot.json"));
            AssertDenied(attacker, setup.Secret("redis", "bot.password"));
            AssertDenied(attacker, $"/proc/{bot}/environ"); // nor from the running Bot
        }
        // The channels' secrets are in the Bot's environment alone.
        Assert.Contains($"HOTLINE_DIRECTLINE_SECRET={directLineSecret}", File.ReadAllText($"/proc/{bot}/environ"), StringComparison.Ordinal);
        foreach (var other in processes.Where(p => p.Pid != bot && !p.CommandLine.StartsWith("redis-server", StringComparison.Ordinal) && p.CommandLine.Contains(".dll", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(directLineSecret, File.ReadAllText($"/proc/{other.Pid}/environ"), StringComparison.Ordinal);
        }
        Assert.False(File.Exists(setup.Secret("keys", "signing-bot.json")), "admin init-demo's copy of the Bot's signing key stayed in the Operator's folder");
        // admin init-demo ran as root: what it wrote is the Operator's, and the running Operator cannot read the admin password
        // (as its Unix user, nor from its environment).
        Assert.Equal("hotline-operator 600", Shell.OwnerAndMode(setup.Secret("keys", "signing-operator.json")));
        Assert.Equal("root 600", Shell.OwnerAndMode(setup.Secret("redis", "admin.password")));
        var adminPassword = File.ReadAllText(setup.Secret("redis", "admin.password")).Trim();
        var operatorProcess = processes.Single(p => p.CommandLine.Contains("Hotline.Operator.dll", StringComparison.Ordinal)).Pid;
        AssertDenied("hotline-operator", setup.Secret("redis", "admin.password"));
        Assert.DoesNotContain(adminPassword, File.ReadAllText($"/proc/{operatorProcess}/environ"), StringComparison.Ordinal);

        Assert.Equal(0, up.Stop());
        Assert.All(processes, p => Assert.False(Directory.Exists($"/proc/{p.Pid}"), $"{p.CommandLine} ({p.Pid}) still runs after infra/up stopped"));
    }

    [Fact]
    public void Redis_passwords_are_generated_once_kept_on_a_second_run_outside_the_data_folder_each_for_its_service_alone()
    {
        using var setup = new InfraSetup();

        var first = setup.Run();
        Assert.True(first.ExitCode == 0, first.ToString());
        var passwords = RedisUsers.ToDictionary(user => user, user => File.ReadAllText(setup.Secret("redis", $"{user}.password")).Trim());
        var second = setup.Run();

        Assert.True(second.ExitCode == 0, second.ToString());
        foreach (var (user, password) in passwords)
        {
            Assert.Matches("^[0-9a-f]{64}$", password); // 256 random bits
            Assert.Equal(password, File.ReadAllText(setup.Secret("redis", $"{user}.password")).Trim());
            var owner = !Shell.IsRoot ? Environment.UserName : user switch { "ops" or "admin" => "root", _ => $"hotline-{user}" };
            Assert.Equal($"{owner} 600", Shell.OwnerAndMode(setup.Secret("redis", $"{user}.password")));
        }
        Assert.Equal(passwords.Count, passwords.Values.Distinct().Count());
        // Redis's ACL file holds each password's SHA-256, never the password.
        var acl = File.ReadAllText(setup.Secret("redis", "users.acl"));
        foreach (var password in passwords.Values)
        {
            Assert.DoesNotContain(password, acl, StringComparison.Ordinal);
            Assert.Contains("#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password))), acl, StringComparison.Ordinal);
        }
        Assert.Equal($"{(Shell.IsRoot ? "redis" : Environment.UserName)} 600", Shell.OwnerAndMode(setup.Secret("redis", "users.acl")));
        Assert.Equal(Shell.IsRoot ? "root 711" : $"{Environment.UserName} 700", Shell.OwnerAndMode(setup.Secret("redis")));
        // Nothing of them in the data folder (a copy of it, a backup, must not carry what opens Redis).
        foreach (var file in Directory.EnumerateFiles(setup.DataDir, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(passwords.Values, text.Contains);
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(setup.DataDir, "*.password", SearchOption.AllDirectories), _ => true);
    }

    [Fact]
    public void A_secrets_folder_inside_the_data_folder_is_refused_and_no_password_is_written()
    {
        using var setup = new InfraSetup();
        var inside = Path.Combine(setup.DataDir, "secrets");

        var run = setup.Run(secretsDir: inside);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("must lie outside HOTLINE_DATA_DIR", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(inside), "infra/up created the secrets folder inside the data folder");
    }

    [Fact]
    public void Bot_secrets_named_in_a_folder_that_holds_other_files_are_refused_and_that_folder_is_left_as_it_was()
    {
        using var setup = new InfraSetup();
        // As if HOTLINE_BOT_SECRETS named /etc/hotline-bot.json: infra/up must not give /etc to the Bot's user.
        var shared = setup.Elsewhere("etc");
        var other = Path.Combine(shared, "hosts");
        File.WriteAllText(other, "127.0.0.1 localhost\n");
        Shell.Run("chmod", ["644", other]);
        var before = (Shell.Run("stat", ["-c", "%U %a", shared]).Output, Shell.Run("stat", ["-c", "%U %a", other]).Output);

        var run = setup.Run(botSecrets: Path.Combine(shared, "hotline-bot.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("needs a folder of its own", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, (Shell.Run("stat", ["-c", "%U %a", shared]).Output, Shell.Run("stat", ["-c", "%U %a", other]).Output));
        Assert.False(File.Exists(Path.Combine(shared, "hotline-bot.json")));
    }

    /// <summary>
    /// infra/up's children, with their command lines: every process whose environment names this data folder, and Redis on
    /// this port (redis-server writes its title over its environment).
    /// </summary>
    private static List<(int Pid, string CommandLine)> ProcessesOf(string dataDir, int redisPort)
    {
        var found = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var environment = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (environment.Contains($"HOTLINE_DATA_DIR={dataDir}") || commandLine.StartsWith($"redis-server 127.0.0.1:{redisPort}", StringComparison.Ordinal))
                {
                    found.Add((pid, commandLine));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // ended meanwhile
            }
        }
        return found;
    }

    /// <summary>As <paramref name="user"/>: reading the file (or listing the folder) is refused by the kernel.</summary>
    private static void AssertDenied(string user, string path, bool list = false)
    {
        var result = Shell.RunAs(user, list ? "ls" : "cat", path);
        Assert.True(result.ExitCode != 0 && result.Error.Contains("Permission denied", StringComparison.Ordinal) && result.Output.Length == 0,
            $"{user} could {(list ? "list" : "read")} {path}: {result}");
    }

    /// <summary>As <paramref name="user"/>: the file reads back as <paramref name="content"/>.</summary>
    private static void AssertReads(string user, string path, string content)
    {
        var result = Shell.RunAs(user, "cat", path);
        Assert.True(result.ExitCode == 0, $"{user} could not read {path}: {result}");
        Assert.Equal(content, result.Output);
    }
}
