using StackExchange.Redis;

namespace Hotline.Core.Storage;

/// <summary>
/// How a service connects: as its own ACL user (infra/redis-users.acl), with the password infra/up generated into the
/// secrets folder. The Redis port refuses any command without them.
/// </summary>
public static class RedisConnection
{
    /// <summary>The client settings for HOTLINE_REDIS as this service's user.</summary>
    /// <exception cref="InvalidOperationException">The password file is missing or empty.</exception>
    public static ConfigurationOptions Options(HotlineOptions options)
    {
        var config = ConfigurationOptions.Parse(options.Redis);
        config.User = options.RedisUser;
        config.Password = ReadPassword(options.PasswordFilePath);
        config.AbortOnConnectFail = false;
        config.ClientName = "hotline-" + options.RedisUser;
        return config;
    }

    /// <summary>The password in a file (one line, surrounding white space ignored), or an error that says what to do.</summary>
    public static string ReadPassword(string path)
    {
        var password = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        if (password.Length == 0)
        {
            throw new InvalidOperationException(
                $"The Redis password file {path} is missing or empty: infra/up generates it (HOTLINE_SECRETS_DIR/redis/USER.password), or set HOTLINE_REDIS_PASSWORD_FILE");
        }
        return password;
    }

    /// <summary>True when the file exists and holds a password (for option validation at start).</summary>
    public static bool HasPassword(string path) => File.Exists(path) && new FileInfo(path).Length > 0;
}
