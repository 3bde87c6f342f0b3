using System.CommandLine;
using System.CommandLine.Parsing;
using System.Security.Cryptography;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Operator.Accounts;
using StackExchange.Redis;
using Role = Hotline.Operator.Accounts.Role;

namespace Hotline.Operator.Admin;

/// <summary>
/// `Hotline.Operator admin …`: one-time set-up from the command line, against HOTLINE_REDIS (as the admin Redis user).
///   init-demo                      the team key, the services' signing keys (HOTLINE_SIGNING_KEYS_DIR, default HOTLINE_SECRETS_DIR/keys)
///                                  and an operator 'demo' (password HOTLINE_DEMO_PASSWORD, else generated and printed), printing
///                                  demo's recovery key once and HOTLINE_TEAM_KEY_FINGERPRINT=..., the value every service pins
///   add-operator NAME ROLE[,ROLE] [--languages sq,en] [--categories trafficking,...] [--capacity N]
///                                  enrols NAME (password HOTLINE_NEW_PASSWORD, else generated), unlocking the team key with
///                                  an existing operator's passphrase: HOTLINE_ADMIN_USER and HOTLINE_ADMIN_PASSWORD
///   remove-operator NAME           removes NAME and rotates the team key (unlocked the same way), showing its progress
///   set-profile NAME [--languages ..] [--categories ..] [--capacity N]   what routing offers an operator
///   add-unit NAME MUNICIPALITY[,MUNICIPALITY]   a mobile unit's account (no team key: it never reads a transcript)
///   audit-verify                   checks the audit log's hash chain; exit 1 if it was tampered with
/// Keys are made and unlocked here, in the admin's terminal, as the console does in a browser: the Operator service
/// never sees a passphrase. Everyone after the first is better enrolled from the console. Parsed by System.CommandLine:
/// bad input (a missing or unknown argument, a role, municipality or capacity that does not exist) exits with 2 before
/// anything connects to Redis; a refused operation exits with 1.
/// </summary>
public static class AdminCommands
{
    private const int UsageError = 2;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(string[] args, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = Commands(env).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync(problem.Message);
            await error.WriteLineAsync($"usage: {string.Join(' ', args.Take(2).Where(a => !a.StartsWith('-')))} --help");
            return UsageError;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static RootCommand Commands(Func<string, string?> env)
    {
        var initDemo = new Command("init-demo", "Create the team key and the operator 'demo' (HOTLINE_DEMO_PASSWORD, else a generated password); does nothing when 'demo' exists");
        initDemo.SetAction(WithRedis(env, (parsed, redis, accounts, output, error) => InitDemoAsync(redis, accounts, env, output, error)));

        var profile = new ProfileOptions();
        var name = NameArgument();
        var roles = new Argument<Role[]>("ROLE[,ROLE]") { Description = "Operator, Supervisor, MobileUnit, Admin", CustomParser = ParseRoles, Arity = ArgumentArity.ExactlyOne };
        var addOperator = new Command("add-operator", "Enrol an operator, unlocking the team key with HOTLINE_ADMIN_USER's passphrase HOTLINE_ADMIN_PASSWORD (new password HOTLINE_NEW_PASSWORD, else generated)")
        {
            name, roles, profile.Languages, profile.Categories, profile.Capacity,
        };
        addOperator.SetAction(WithRedis(env, async (parsed, redis, accounts, output, error) =>
        {
            var username = parsed.GetRequiredValue(name);
            var code = await AddOperatorAsync(redis, accounts, username, parsed.GetRequiredValue(roles), env, output, error);
            return code != 0 || !profile.AnyGiven(parsed) ? code : await SetProfileAsync(accounts, username, profile.From(parsed), output, error);
        }));

        var profileName = NameArgument();
        var setProfile = new Command("set-profile", "Set what routing offers an operator: languages, categories, how many cases at once")
        {
            profileName, profile.Languages, profile.Categories, profile.Capacity,
        };
        setProfile.SetAction(WithRedis(env, (parsed, redis, accounts, output, error) =>
            SetProfileAsync(accounts, parsed.GetRequiredValue(profileName), profile.From(parsed), output, error)));

        var removedName = new Argument<string>("NAME") { Description = "the account to remove" };
        var removeOperator = new Command("remove-operator", "Remove an account and rotate the team key (unlocked with HOTLINE_ADMIN_USER and HOTLINE_ADMIN_PASSWORD)") { removedName };
        removeOperator.SetAction(WithRedis(env, (parsed, redis, accounts, output, error) =>
            RemoveOperatorAsync(redis, accounts, parsed.GetRequiredValue(removedName), env, output, error)));

        var unitName = NameArgument();
        var municipalities = new Argument<string[]>("MUNICIPALITY[,MUNICIPALITY]") { Description = "the municipalities the unit covers", CustomParser = ParseMunicipalities, Arity = ArgumentArity.ExactlyOne };
        var addUnit = new Command("add-unit", "Create a mobile unit's account (password HOTLINE_NEW_PASSWORD, else generated); it holds no team key") { unitName, municipalities };
        addUnit.SetAction(WithRedis(env, (parsed, redis, accounts, output, error) =>
            AddUnitAsync(redis, accounts, parsed.GetRequiredValue(unitName), parsed.GetRequiredValue(municipalities), env, output, error)));

        var auditVerify = new Command("audit-verify", "Check the audit log's hash chain; exit 1 if it was tampered with");
        auditVerify.SetAction(WithRedis(env, (parsed, redis, accounts, output, error) => AuditVerifyAsync(redis, env, output, error)));

        var admin = new Command("admin", "Accounts, the team key, mobile units and the audit log") { initDemo, addOperator, setProfile, removeOperator, addUnit, auditVerify };
        return new RootCommand("Hotline.Operator") { admin };
    }

    private delegate Task<int> AdminAction(ParseResult parsed, HotlineRedis redis, OperatorAccounts accounts, TextWriter output, TextWriter error);

    /// <summary>Connects as the admin ACL user (accounts, the team key and units, nothing of conversations or cases), then runs the action.</summary>
    private static Func<ParseResult, CancellationToken, Task<int>> WithRedis(Func<string, string?> env, AdminAction action) => async (parsed, _) =>
    {
        var (output, error) = (parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        var redisAddress = env("HOTLINE_REDIS");
        if (string.IsNullOrEmpty(redisAddress))
        {
            await error.WriteLineAsync("HOTLINE_REDIS must name the Redis server, e.g. 127.0.0.1:6390");
            return UsageError;
        }
        var config = ConfigurationOptions.Parse(redisAddress);
        config.User = env("HOTLINE_REDIS_USER") is { Length: > 0 } user ? user : "admin";
        config.Password = RedisConnection.ReadPassword(env("HOTLINE_REDIS_PASSWORD_FILE") is { Length: > 0 } file ? file
            : Path.Combine(env("HOTLINE_SECRETS_DIR") ?? ".secrets", "redis", config.User + ".password"));
        using var mux = await ConnectionMultiplexer.ConnectAsync(config);
        var redis = new HotlineRedis(mux);
        if (await TeamKeysMove.RunAsync(redis.Db) is > 0 and var moved) await output.WriteLineAsync($"Moved {moved} team keys to their {{team}} names.");
        return await action(parsed, redis, new OperatorAccounts(redis), output, error);
    };

    private static Argument<string> NameArgument()
    {
        var argument = new Argument<string>("NAME") { Description = "the account's username" };
        argument.Validators.Add(result =>
        {
            if (!OperatorAccounts.IsValidUsername(result.GetValueOrDefault<string>()))
            {
                result.AddError("A username is 2-40 characters: lower-case letters, digits, '.', '-' or '_'.");
            }
        });
        return argument;
    }

    private static Role[] ParseRoles(ArgumentResult result)
    {
        var roles = new List<Role>();
        foreach (var name in CommaList(result))
        {
            if (!Enum.TryParse<Role>(name, ignoreCase: true, out var role) || !Enum.IsDefined(role) || char.IsDigit(name[0]))
            {
                result.AddError($"Unknown role '{name}'. Roles: Operator, Supervisor, MobileUnit, Admin.");
                return [];
            }
            roles.Add(role);
        }
        return [.. roles];
    }

    private static string[] ParseMunicipalities(ArgumentResult result)
    {
        var canonical = new List<string>();
        foreach (var name in CommaList(result))
        {
            if (Hotline.Core.Places.Municipalities.Canonical(name) is not { } known)
            {
                result.AddError($"Unknown municipality '{name}'.");
                return [];
            }
            canonical.Add(known);
        }
        if (canonical.Count == 0) result.AddError("Name at least one municipality the unit covers.");
        return [.. canonical];
    }

    internal static string[] CommaList(ArgumentResult result) =>
        result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    /// <summary>
    /// Checks the chain and, with the pinned fingerprint (HOTLINE_TEAM_KEY_FINGERPRINT, or the one init-demo wrote beside the
    /// signing keys), every head the Operator service signed and every head a supervisor's console countersigned: a cut or
    /// rewritten tail fails even if its hashes were recomputed and the signed heads deleted with it, once a console that
    /// countersigned a later head has shown the audit log again (it gives its head back).
    /// </summary>
    private static async Task<int> AuditVerifyAsync(HotlineRedis redis, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        var log = new Audit.AuditLog(redis, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Audit.AuditLog>.Instance);
        byte[]? operatorKey = null;
        IReadOnlyDictionary<string, Audit.AuditCountersigner>? countersigners = null;
        if (PinnedFingerprint(env) is { } pin)
        {
            var record = Hotline.Core.Crypto.TeamKeyRecord.FromFields(await redis.Db.HashGetAllAsync(RedisKeys.TeamKey));
            try
            {
                record.VerifyPinned(pin);
            }
            catch (CryptoFailure)
            {
                await output.WriteLineAsync("The audit log cannot be checked: the team key record is not signed by the pinned key.");
                return 1;
            }
            operatorKey = record.SignerKey(Signers.Operator);
            countersigners = Audit.AuditCountersigner.Certified(await new OperatorSigningKeys(redis, TimeProvider.System).AllAsync(), record);
        }
        else
        {
            await error.WriteLineAsync("No pinned fingerprint (HOTLINE_TEAM_KEY_FINGERPRINT): the signed heads and the seal over coarsened entries are not checked, only the chain (a coarsened entry's hash no longer covers what it reads: without the seal's signature a changed one goes unseen).");
        }
        var result = await log.VerifyAsync(operatorKey, countersigners);
        var signed = result.SignedEntries is { } n ? $", the first {n} vouched for by a signed head" : "";
        await output.WriteLineAsync(result.Intact ? $"The audit log is intact: {result.Entries} entries{signed}, head {result.Head}." : $"The audit log is BROKEN at {result.BrokenAt}.");
        return result.Intact ? 0 : 1;
    }

    private static string? PinnedFingerprint(Func<string, string?> env)
    {
        if (env("HOTLINE_TEAM_KEY_FINGERPRINT") is { Length: > 0 } pinned) return pinned;
        var keysDir = env("HOTLINE_SIGNING_KEYS_DIR") is { Length: > 0 } dir ? dir
            : env("HOTLINE_SECRETS_DIR") is { Length: > 0 } secrets ? Hotline.Core.HotlineOptions.DefaultSigningKeysDir(secrets) : null;
        var path = keysDir is null ? null : TeamKeyCeremony.FingerprintPath(keysDir);
        return path is not null && File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static async Task<int> InitDemoAsync(HotlineRedis redis, OperatorAccounts accounts, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        var keysDir = env("HOTLINE_SIGNING_KEYS_DIR") is { Length: > 0 } dir ? dir
            : env("HOTLINE_SECRETS_DIR") is { Length: > 0 } secrets ? Hotline.Core.HotlineOptions.DefaultSigningKeysDir(secrets) : null;
        if (keysDir is null)
        {
            await error.WriteLineAsync("HOTLINE_SIGNING_KEYS_DIR (or HOTLINE_SECRETS_DIR) must name where the services' signing keys are written");
            return 2;
        }
        if (await accounts.FindAsync("demo") is not null)
        {
            await output.WriteLineAsync("The demo operator 'demo' already exists; its password is unchanged.");
            // A deployment set up before case codes were kept as keyed hashes gets its case code key here.
            Hotline.Core.Conversations.CaseCodeKey.LoadOrCreate(keysDir);
            await PrintFingerprintAsync(keysDir, output);
            return 0;
        }
        if (await redis.Db.KeyExistsAsync(RedisKeys.TeamKey))
        {
            await error.WriteLineAsync("A team key exists already: add operators with 'admin add-operator', which needs an existing operator's passphrase.");
            return 1;
        }
        if (await NewPasswordAsync("HOTLINE_DEMO_PASSWORD", "demo", env, error) is not { } chosen) return 2;
        var (password, generated) = chosen;
        var team = HotlineCrypto.NewKeyPair();
        PreparedAccount prepared;
        try
        {
            prepared = ClientKeys.Prepare("demo", password, [Role.Operator, Role.Supervisor, Role.Admin], team.PrivateKey, 1, HotlineCrypto.HashAuthKey);
            if (await TeamKeyCeremony.CreateAsync(redis.Db, keysDir, team.PublicKey) is null)
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
        await PrintFingerprintAsync(keysDir, output);
        return 0;
    }

    /// <summary>The line start-up scripts read: every service must be given this value to pin the team key.</summary>
    private static async Task PrintFingerprintAsync(string keysDir, TextWriter output)
    {
        var path = TeamKeyCeremony.FingerprintPath(keysDir);
        if (File.Exists(path)) await output.WriteLineAsync($"HOTLINE_TEAM_KEY_FINGERPRINT={(await File.ReadAllTextAsync(path)).Trim()}");
    }

    private static async Task<int> AddOperatorAsync(HotlineRedis redis, OperatorAccounts accounts, string username, Role[] roles, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        var teamPrivate = await UnlockTeamKeyAsync(accounts, env, error);
        if (teamPrivate is null) return 1;
        try
        {
            if (await NewPasswordAsync("HOTLINE_NEW_PASSWORD", username, env, error) is not { } chosen) return 2;
            var (password, generated) = chosen;
            var team = await new TeamKeyring(redis, accounts, new OperatorSigningKeys(redis, TimeProvider.System)).CurrentAsync();
            var prepared = ClientKeys.Prepare(username, password, roles, teamPrivate, team.Version, HotlineCrypto.HashAuthKey);
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
        var keyring = new TeamKeyring(redis, accounts, new OperatorSigningKeys(redis, TimeProvider.System));
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
            var signed = Hotline.Core.Crypto.TeamKeyRecord.FromFields(await redis.Db.HashGetAllAsync(RedisKeys.TeamKey));
            var removals = await keyring.RemovalsAfterRemovingAsync(username, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), signed);
            var certified = await keyring.CertifiedAsync(signed.SigningPublicKey);
            var rotation = ClientKeys.PrepareRotation(username, current, teamPrivate, holders, signed, removals, certified, (done, total) => output.WriteLine($"  sealed to {done} of {total}"));
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

    private static async Task<int> SetProfileAsync(OperatorAccounts accounts, string username, OperatorProfile profile, TextWriter output, TextWriter error)
    {
        if (await accounts.FindAsync(username) is null)
        {
            await error.WriteLineAsync($"No account named '{username}'.");
            return 1;
        }
        await accounts.SetProfileAsync(username, profile);
        await output.WriteLineAsync($"Profile of '{username}': languages {string.Join(',', profile.Languages)}, categories {string.Join(',', profile.Categories)}, capacity {profile.Capacity}.");
        return 0;
    }

    private static async Task<int> AddUnitAsync(HotlineRedis redis, OperatorAccounts accounts, string username, string[] municipalities, Func<string, string?> env, TextWriter output, TextWriter error)
    {
        if (await NewPasswordAsync("HOTLINE_NEW_PASSWORD", username, env, error) is not { } chosen) return 2;
        var (password, generated) = chosen;
        var prepared = ClientKeys.Prepare(username, password, [Role.MobileUnit], null, 0, HotlineCrypto.HashAuthKey);
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

    /// <summary>
    /// A new account's password: the one in <paramref name="variable"/>, else a generated one; null, after saying why, when
    /// it is too weak.
    /// </summary>
    private static async Task<(string Password, bool Generated)?> NewPasswordAsync(string variable, string username, Func<string, string?> env, TextWriter error)
    {
        var password = env(variable);
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = NewPassword();
        if (PassphrasePolicy.Weakness(password!, username) is { } weakness)
        {
            await error.WriteLineAsync($"{variable} is too weak: {weakness}");
            return null;
        }
        return (password!, generated);
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
