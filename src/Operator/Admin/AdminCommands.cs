using System.Security.Cryptography;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Operator.Accounts;
using StackExchange.Redis;
using Role = Hotline.Operator.Accounts.Role;

namespace Hotline.Operator.Admin;

/// <summary>
/// `Hotline.Operator admin …`: one-time set-up from the command line, against HOTLINE_REDIS.
///   init-demo                      the team key and an operator 'demo' (password HOTLINE_DEMO_PASSWORD, else generated and printed)
///   add-operator NAME ROLE[,ROLE]  enrols NAME (password HOTLINE_NEW_PASSWORD, else generated), unlocking the team key with
///                                  an existing operator's passphrase: HOTLINE_ADMIN_USER and HOTLINE_ADMIN_PASSWORD
/// </summary>
public static class AdminCommands
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(string[] args, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        var redisAddress = env("HOTLINE_REDIS");
        if (string.IsNullOrEmpty(redisAddress))
        {
            await error.WriteLineAsync("HOTLINE_REDIS must name the Redis server, e.g. 127.0.0.1:6390");
            return 2;
        }
        using var mux = await ConnectionMultiplexer.ConnectAsync(redisAddress);
        var redis = new HotlineRedis(mux);
        var accounts = new OperatorAccounts(redis);
        switch (args.Skip(1).FirstOrDefault())
        {
            case "init-demo":
                return await InitDemoAsync(redis, accounts, env, output, error);
            case "add-operator" when args.Length >= 4:
                return await AddOperatorAsync(redis, accounts, args[2], args[3], env, output, error);
            default:
                await error.WriteLineAsync("usage: admin init-demo | admin add-operator NAME ROLE[,ROLE]   (roles: Operator, Supervisor, MobileUnit, Admin)");
                return 2;
        }
    }

    private static async Task<int> InitDemoAsync(HotlineRedis redis, OperatorAccounts accounts, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        if (await accounts.FindAsync("demo") is not null)
        {
            await output.WriteLineAsync("The demo operator 'demo' already exists; its password is unchanged.");
            return 0;
        }
        if (await redis.Db.KeyExistsAsync(RedisKeys.TeamKey))
        {
            await error.WriteLineAsync("A team key exists already: add operators with 'admin add-operator', which needs an existing operator's passphrase.");
            return 1;
        }
        var password = env("HOTLINE_DEMO_PASSWORD");
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = NewPassword();
        var team = HotlineCrypto.NewKeyPair();
        try
        {
            var account = OperatorAccounts.Enrol("demo", password!, [Role.Operator, Role.Supervisor, Role.Admin], team.PrivateKey);
            var tx = redis.Db.CreateTransaction();
            tx.AddCondition(Condition.KeyNotExists(RedisKeys.TeamKey));
            _ = tx.HashSetAsync(RedisKeys.TeamKey, [new HashEntry("public", Convert.ToBase64String(team.PublicKey)), new HashEntry("version", "1")]);
            if (!await tx.ExecuteAsync())
            {
                await error.WriteLineAsync("Another set-up created the team key at the same time; run init-demo again.");
                return 1;
            }
            await accounts.CreateAsync(account);
        }
        finally
        {
            // The team private key lives on only inside operators' sealed copies.
            CryptographicOperations.ZeroMemory(team.PrivateKey);
        }
        await output.WriteLineAsync(generated
            ? $"Created the team key and the demo operator 'demo' with password: {password}"
            : "Created the team key and the demo operator 'demo' with the password from HOTLINE_DEMO_PASSWORD.");
        return 0;
    }

    private static async Task<int> AddOperatorAsync(HotlineRedis redis, OperatorAccounts accounts, string username, string roleList, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        if (!OperatorAccounts.IsValidUsername(username))
        {
            await error.WriteLineAsync("A username is 2-40 characters: lower-case letters, digits, '.', '-' or '_'.");
            return 2;
        }
        var roles = new List<Role>();
        foreach (var name in roleList.Split(','))
        {
            if (!Enum.TryParse<Role>(name, ignoreCase: true, out var role))
            {
                await error.WriteLineAsync($"Unknown role '{name}'. Roles: Operator, Supervisor, MobileUnit, Admin.");
                return 2;
            }
            roles.Add(role);
        }
        var adminUser = env("HOTLINE_ADMIN_USER") ?? "";
        var adminPassword = env("HOTLINE_ADMIN_PASSWORD") ?? "";
        var admin = await accounts.FindAsync(adminUser);
        if (admin is null || !HotlineCrypto.VerifyPassword(admin.PasswordHash, adminPassword))
        {
            await error.WriteLineAsync("HOTLINE_ADMIN_USER and HOTLINE_ADMIN_PASSWORD must name an existing operator and their passphrase.");
            return 1;
        }
        var adminPrivate = HotlineCrypto.Unwrap(admin.WrappedPrivateKey, adminPassword);
        var teamPrivate = HotlineCrypto.Open(admin.SealedTeamKey, new KeyPairBytes(admin.PublicKey, adminPrivate));
        try
        {
            var password = env("HOTLINE_NEW_PASSWORD");
            var generated = string.IsNullOrEmpty(password);
            if (generated) password = NewPassword();
            if (!await accounts.CreateAsync(OperatorAccounts.Enrol(username, password!, roles, teamPrivate)))
            {
                await error.WriteLineAsync($"An account named '{username}' exists already.");
                return 1;
            }
            await output.WriteLineAsync(generated ? $"Created '{username}' with password: {password}" : $"Created '{username}'.");
            return 0;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(adminPrivate);
            CryptographicOperations.ZeroMemory(teamPrivate);
        }
    }

    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return string.Create(20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = i % 5 == 4 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
