using System.Security.Cryptography;
using System.Text;

namespace Hotline.Testing;

/// <summary>
/// The Redis users of infra/redis-users.acl with fresh passwords, for one test server: the same ACL production runs,
/// plus one "inspector" user that only tests have (every key and command), for dumps, flushes and direct store access.
/// Writes SECRETS/redis/USER.password (mode 600) and SECRETS/redis/users.acl, as infra/up does into HOTLINE_SECRETS_DIR.
/// </summary>
public sealed class RedisUsers
{
    /// <summary>The users the hotline's ACL file declares (besides the disabled default user).</summary>
    public static readonly IReadOnlyList<string> Services = ["bot", "triage", "operator", "admin", "ops"];

    public const string Inspector = "inspector";

    private readonly Dictionary<string, string> passwords;

    private RedisUsers(string secretsDirectory, Dictionary<string, string> passwords)
    {
        SecretsDirectory = secretsDirectory;
        this.passwords = passwords;
    }

    /// <summary>What the services take as HOTLINE_SECRETS_DIR: redis/USER.password for each user.</summary>
    public string SecretsDirectory { get; }

    public string AclFile => Path.Combine(SecretsDirectory, "redis", "users.acl");

    public string Password(string user) => passwords[user];

    public string PasswordFile(string user) => Path.Combine(SecretsDirectory, "redis", user + ".password");

    /// <summary>Generates passwords and renders the ACL file into a new folder (mode 700).</summary>
    public static RedisUsers Create()
    {
        var dir = Directory.CreateTempSubdirectory("hotline-secrets-").FullName;
        var redisDir = Path.Combine(dir, "redis");
        Directory.CreateDirectory(redisDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(redisDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var passwords = Services.Append(Inspector).ToDictionary(u => u, _ => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
        var users = new RedisUsers(dir, passwords);
        foreach (var user in Services) WritePrivate(users.PasswordFile(user), passwords[user] + "\n");
        WritePrivate(users.AclFile, Render(File.ReadAllText(RepoPaths.Combine("infra", "redis-users.acl")), passwords)
            + $"user {Inspector} on #{Sha256(passwords[Inspector])} ~* &* +@all\n");
        return users;
    }

    /// <summary>
    /// The ACL file as redis-server loads it: comment and blank lines dropped (an ACL file has none), each @USER@ replaced by
    /// the SHA-256 of that user's password (Redis stores and compares only the hash). infra/up does the same with sed.
    /// </summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> passwords)
    {
        var output = new StringBuilder();
        foreach (var raw in template.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            foreach (var (user, password) in passwords) line = line.Replace($"@{user}@", Sha256(password), StringComparison.Ordinal);
            output.Append(line).Append('\n');
        }
        return output.ToString();
    }

    private static string Sha256(string password) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password))).ToLowerInvariant();

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Deletes the folder (on the server's dispose).</summary>
    public void Delete()
    {
        try { Directory.Delete(SecretsDirectory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
