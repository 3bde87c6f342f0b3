using System.Security.Cryptography;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Operator.Accounts;
using StackExchange.Redis;
using Role = Hotline.Operator.Accounts.Role;

namespace Hotline.Operator.Admin;

/// <summary>
/// `Hotline.Operator admin …`: one-time set-up from the command line, against HOTLINE_REDIS.
///   init-demo                      the team key and an operator 'demo' (password HOTLINE_DEMO_PASSWORD, else generated and printed),
///                                  printing demo's recovery key once
///   add-operator NAME ROLE[,ROLE] [--languages sq,en] [--categories trafficking,...] [--capacity N]
///                                  enrols NAME (password HOTLINE_NEW_PASSWORD, else generated), unlocking the team key with
///                                  an existing operator's passphrase: HOTLINE_ADMIN_USER and HOTLINE_ADMIN_PASSWORD
///   remove-operator NAME           removes NAME and rotates the team key (unlocked the same way), showing its progress
/// Keys are made and unlocked here, in the admin's terminal, as the console does in a browser: the Operator service
/// never sees a passphrase. Everyone after the first is better enrolled from the console.
///   set-profile NAME [--languages ..] [--categories ..] [--capacity N]   what routing offers an operator
///   add-unit NAME MUNICIPALITY[,MUNICIPALITY]   a mobile unit's account (no team key: it never reads a transcript)
///   audit-verify                   checks the audit log's hash chain; exit 1 if it was tampered with
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
        // As the admin ACL user: accounts, the team key and units, nothing of conversations or cases.
        var config = ConfigurationOptions.Parse(redisAddress);
        config.User = env("HOTLINE_REDIS_USER") is { Length: > 0 } user ? user : "admin";
        config.Password = RedisConnection.ReadPassword(env("HOTLINE_REDIS_PASSWORD_FILE") is { Length: > 0 } file ? file
            : Path.Combine(env("HOTLINE_SECRETS_DIR") ?? ".secrets", "redis", config.User + ".password"));
        using var mux = await ConnectionMultiplexer.ConnectAsync(config);
        var redis = new HotlineRedis(mux);
        var accounts = new OperatorAccounts(redis);
        switch (args.Skip(1).FirstOrDefault())
        {
            case "init-demo":
                return await InitDemoAsync(redis, accounts, env, output, error);
            case "add-operator" when args.Length >= 4:
                var code = await AddOperatorAsync(redis, accounts, args[2], args[3], env, output, error);
                return code != 0 || args.Length == 4 ? code : await SetProfileAsync(accounts, args[2], args[4..], output, error);
            case "set-profile" when args.Length >= 3:
                return await SetProfileAsync(accounts, args[2], args[3..], output, error);
            case "remove-operator" when args.Length >= 3:
                return await RemoveOperatorAsync(redis, accounts, args[2], env, output, error);
            case "add-unit" when args.Length >= 4:
                return await AddUnitAsync(redis, accounts, args[2], args[3], env, output, error);
            case "audit-verify":
                var result = await new Audit.AuditLog(redis, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Audit.AuditLog>.Instance).VerifyAsync();
                await output.WriteLineAsync(result.Intact ? $"The audit log is intact: {result.Entries} entries, head {result.Head}." : $"The audit log is BROKEN at {result.BrokenAt}.");
                return result.Intact ? 0 : 1;
            default:
                await error.WriteLineAsync("usage: admin init-demo | add-operator NAME ROLE[,ROLE] [--languages L,..] [--categories C,..] [--capacity N] | remove-operator NAME | set-profile NAME [...] | add-unit NAME MUNICIPALITY[,..] | audit-verify   (roles: Operator, Supervisor, MobileUnit, Admin)");
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
        if (PassphrasePolicy.Weakness(password!, "demo") is { } weakness)
        {
            await error.WriteLineAsync($"HOTLINE_DEMO_PASSWORD is too weak: {weakness}");
            return 2;
        }
        var team = HotlineCrypto.NewKeyPair();
        PreparedAccount prepared;
        try
        {
            prepared = ClientKeys.Prepare("demo", password!, [Role.Operator, Role.Supervisor, Role.Admin], team.PrivateKey, 1, HotlineCrypto.HashAuthKey);
            var tx = redis.Db.CreateTransaction();
            tx.AddCondition(Condition.KeyNotExists(RedisKeys.TeamKey));
            _ = tx.HashSetAsync(RedisKeys.TeamKey, [new HashEntry("public", Convert.ToBase64String(team.PublicKey)), new HashEntry("version", "1")]);
            if (!await tx.ExecuteAsync())
            {
                await error.WriteLineAsync("Another set-up created the team key at the same time; run init-demo again.");
                return 1;
            }
            await accounts.CreateAsync(prepared.Account);
        }
        finally
        {
            // The team private key lives on only inside operators' sealed copies.
            CryptographicOperations.ZeroMemory(team.PrivateKey);
        }
        await output.WriteLineAsync(generated
            ? $"Created the team key and the demo operator 'demo' with password: {password}"
            : "Created the team key and the demo operator 'demo' with the password from HOTLINE_DEMO_PASSWORD.");
        await output.WriteLineAsync($"demo's recovery key (shown this once; it resets the passphrase): {prepared.RecoveryKey}");
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
        var teamPrivate = await UnlockTeamKeyAsync(accounts, env, error);
        if (teamPrivate is null) return 1;
        try
        {
            var password = env("HOTLINE_NEW_PASSWORD");
            var generated = string.IsNullOrEmpty(password);
            if (generated) password = NewPassword();
            if (PassphrasePolicy.Weakness(password!, username) is { } weakness)
            {
                await error.WriteLineAsync($"HOTLINE_NEW_PASSWORD is too weak: {weakness}");
                return 2;
            }
            var team = await new TeamKeyring(redis, accounts).CurrentAsync();
            var prepared = ClientKeys.Prepare(username, password!, roles, teamPrivate, team.Version, HotlineCrypto.HashAuthKey);
            if (!await accounts.CreateAsync(prepared.Account, team.Version))
            {
                await error.WriteLineAsync($"An account named '{username}' exists already (or the team key changed meanwhile).");
                return 1;
            }
            await output.WriteLineAsync(generated ? $"Created '{username}' with password: {password}" : $"Created '{username}'.");
            await output.WriteLineAsync($"{username}'s recovery key (shown this once; it resets the passphrase): {prepared.RecoveryKey}");
            return 0;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(teamPrivate);
        }
    }

    private static async Task<int> RemoveOperatorAsync(HotlineRedis redis, OperatorAccounts accounts, string username, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        var account = await accounts.FindAsync(username);
        if (account is null)
        {
            await error.WriteLineAsync($"No account named '{username}'.");
            return 1;
        }
        var keyring = new TeamKeyring(redis, accounts);
        if (!account.HasTeamKey)
        {
            await keyring.RemoveWithoutKeyAsync(username);
            await output.WriteLineAsync($"Removed '{username}' (it held no team key: nothing to rotate).");
            return 0;
        }
        var teamPrivate = await UnlockTeamKeyAsync(accounts, env, error);
        if (teamPrivate is null) return 1;
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var current = await keyring.CurrentAsync();
            var holders = await keyring.HoldersAfterRemovingAsync(username);
            await output.WriteLineAsync($"Rotating the team key from version {current.Version}: sealing the new key to {holders.Count} operators…");
            var rotation = ClientKeys.PrepareRotation(username, current, teamPrivate, holders, (done, total) => output.WriteLine($"  sealed to {done} of {total}"));
            await output.WriteLineAsync("  sealed the old key under the new one; saving…");
            if (await keyring.RemoveAndRotateAsync(rotation) != RotationOutcome.Done)
            {
                await error.WriteLineAsync("The team key or the operators changed meanwhile; run remove-operator again.");
                return 1;
            }
            await output.WriteLineAsync($"Removed '{username}'. The team key is now version {current.Version + 1}; services seal to it from their next entry. ({watch.ElapsedMilliseconds} ms)");
            return 0;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(teamPrivate);
        }
    }

    /// <summary>The team private key, unlocked here with HOTLINE_ADMIN_USER's passphrase HOTLINE_ADMIN_PASSWORD.</summary>
    private static async Task<byte[]?> UnlockTeamKeyAsync(OperatorAccounts accounts, Func<string, string?> env, TextWriter error)
    {
        var admin = await accounts.FindAsync(env("HOTLINE_ADMIN_USER") ?? "");
        var adminPassword = env("HOTLINE_ADMIN_PASSWORD") ?? "";
        if (admin is { HasTeamKey: true } && adminPassword.Length > 0)
        {
            try
            {
                return ClientKeys.UnlockTeamKey(admin, adminPassword);
            }
            catch (CryptoFailure)
            {
            }
        }
        await error.WriteLineAsync("HOTLINE_ADMIN_USER and HOTLINE_ADMIN_PASSWORD must name an existing operator who holds the team key, and their passphrase.");
        return null;
    }

    private static async Task<int> SetProfileAsync(OperatorAccounts accounts, string username, string[] options, TextWriter output, TextWriter error)
    {
        if (await accounts.FindAsync(username) is null)
        {
            await error.WriteLineAsync($"No account named '{username}'.");
            return 1;
        }
        string[] languages = [], categories = [];
        var capacity = Hotline.Core.Team.TeamDirectory.DefaultCapacity;
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            var value = options[i + 1];
            switch (options[i])
            {
                case "--languages": languages = value.Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--categories": categories = value.Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--capacity" when int.TryParse(value, out var n) && n is > 0 and <= 20: capacity = n; break;
                default:
                    await error.WriteLineAsync($"Unknown option or value: {options[i]} {value}");
                    return 2;
            }
        }
        await accounts.SetProfileAsync(username, new OperatorProfile(languages, categories, capacity));
        await output.WriteLineAsync($"Profile of '{username}': languages {string.Join(',', languages)}, categories {string.Join(',', categories)}, capacity {capacity}.");
        return 0;
    }

    private static async Task<int> AddUnitAsync(HotlineRedis redis, OperatorAccounts accounts, string username, string municipalityList, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        if (!OperatorAccounts.IsValidUsername(username))
        {
            await error.WriteLineAsync("A username is 2-40 characters: lower-case letters, digits, '.', '-' or '_'.");
            return 2;
        }
        var municipalities = new List<string>();
        foreach (var name in municipalityList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Hotline.Core.Places.Municipalities.Canonical(name) is not { } canonical)
            {
                await error.WriteLineAsync($"Unknown municipality '{name}'.");
                return 2;
            }
            municipalities.Add(canonical);
        }
        var password = env("HOTLINE_NEW_PASSWORD");
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = NewPassword();
        if (PassphrasePolicy.Weakness(password!, username) is { } weakness)
        {
            await error.WriteLineAsync($"HOTLINE_NEW_PASSWORD is too weak: {weakness}");
            return 2;
        }
        var prepared = ClientKeys.Prepare(username, password!, [Role.MobileUnit], null, 0, HotlineCrypto.HashAuthKey);
        if (!await accounts.CreateAsync(prepared.Account))
        {
            await error.WriteLineAsync($"An account named '{username}' exists already.");
            return 1;
        }
        await new Hotline.Core.Dispatch.MobileUnits(redis).SaveAsync(new Hotline.Core.Dispatch.MobileUnit(username, municipalities, Available: true));
        await output.WriteLineAsync((generated ? $"Created unit '{username}' with password: {password}" : $"Created unit '{username}'.") + $" Covers {string.Join(", ", municipalities)}.");
        await output.WriteLineAsync($"{username}'s recovery key (shown this once; it resets the passphrase): {prepared.RecoveryKey}");
        return 0;
    }

    /// <summary>Five groups of four from an unambiguous alphabet (about 99 bits), easy to read out: "abcd-efgh-jkmn-pqrs-tuvw".</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return string.Create(24, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = i % 5 == 4 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
