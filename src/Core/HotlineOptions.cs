using System.ComponentModel.DataAnnotations;

namespace Hotline.Core;

/// <summary>Settings every service shares, bound from HOTLINE_* environment variables.</summary>
public sealed class HotlineOptions
{
    /// <summary>StackExchange.Redis connection string (HOTLINE_REDIS), e.g. 127.0.0.1:6390, or the cluster's nodes comma-separated.</summary>
    [Required(ErrorMessage = "HOTLINE_REDIS must name the Redis server, e.g. 127.0.0.1:6390")]
    public string Redis { get; set; } = "";

    /// <summary>Where keys and anything else the hotline writes live (HOTLINE_DATA_DIR).</summary>
    [Required(ErrorMessage = "HOTLINE_DATA_DIR must name the data folder")]
    public string DataDir { get; set; } = "";

    /// <summary>
    /// Passwords and the Bot's secrets (HOTLINE_SECRETS_DIR): a folder outside HOTLINE_DATA_DIR, so a copy of the data
    /// folder (the AOF, a backup) never carries what opens it.
    /// </summary>
    [Required(ErrorMessage = "HOTLINE_SECRETS_DIR must name the secrets folder (outside HOTLINE_DATA_DIR), e.g. .secrets; infra/up creates it")]
    public string SecretsDir { get; set; } = "";

    /// <summary>This service's Redis ACL user (HOTLINE_REDIS_USER); each service defaults to its own (bot, triage, operator).</summary>
    [Required(ErrorMessage = "HOTLINE_REDIS_USER must name this service's Redis user")]
    public string RedisUser { get; set; } = "";

    /// <summary>The file holding that user's password (HOTLINE_REDIS_PASSWORD_FILE); default HOTLINE_SECRETS_DIR/redis/USER.password.</summary>
    public string RedisPasswordFile { get; set; } = "";

    /// <summary>The password file actually read: the one named, or the default under the secrets folder.</summary>
    public string PasswordFilePath =>
        RedisPasswordFile.Length > 0 ? RedisPasswordFile : Path.Combine(SecretsDir, "redis", RedisUser + ".password");

    /// <summary>
    /// The team signing key's fingerprint (HOTLINE_TEAM_KEY_FINGERPRINT), as 'admin init-demo' printed it: a team key
    /// record in Redis that this key did not sign is refused, so nobody with Redis access can swap the team key.
    /// </summary>
    [Required(ErrorMessage = "HOTLINE_TEAM_KEY_FINGERPRINT must hold the team key fingerprint that 'admin init-demo' printed")]
    [RegularExpression("^[0-9a-f]{64}$", ErrorMessage = "HOTLINE_TEAM_KEY_FINGERPRINT must be the 64 lower-case hex digits that 'admin init-demo' printed")]
    public string TeamKeyFingerprint { get; set; } = "";

    /// <summary>
    /// Where this service's signing key file is (HOTLINE_SIGNING_KEYS_DIR; default HOTLINE_SECRETS_DIR/keys): outside the
    /// data folder, so a copy of it cannot sign entries the console would accept as genuine.
    /// </summary>
    public string SigningKeysDir { get; set; } = "";

    /// <summary>
    /// How often every service reads the team key record even when it has nothing to seal (HOTLINE_TEAM_KEY_CHECK_SECONDS,
    /// default 30): a rotation raises its floor (<see cref="Crypto.TeamKeyFloor"/>) soon, and a refused record is reported.
    /// </summary>
    [Range(1, 86400, ErrorMessage = "HOTLINE_TEAM_KEY_CHECK_SECONDS must be a whole number of seconds from 1 to 86400")]
    public int TeamKeyCheckSeconds { get; set; } = 30;

    public static string DefaultSigningKeysDir(string secretsDir) => Path.Combine(secretsDir, "keys");
}
