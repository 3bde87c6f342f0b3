namespace Hotline.Infra.Tests;

/// <summary>
/// A data folder and a secrets folder of their own under /tmp (whose parents every user may pass through, as on a server),
/// set up by <c>infra/up --setup-only</c>: the Unix users, folders, Redis passwords and permissions infra/up gives the
/// services before it starts them. Deleted afterwards.
/// </summary>
public sealed class InfraSetup : IDisposable
{
    private readonly string root;

    public InfraSetup()
    {
        root = Path.Combine(Path.GetTempPath(), "hotline-infra-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101); // 755: the services' users pass through, as through /srv
    }

    public string DataDir => Path.Combine(root, "data");
    public string SecretsDir => Path.Combine(root, "secrets");

    /// <summary>A path under the secrets folder, e.g. <c>Secret("redis", "bot.password")</c>.</summary>
    public string Secret(params string[] parts) => Path.Combine([SecretsDir, .. parts]);

    /// <summary>Writes a file as an earlier infra/up (one Unix user, one shared keys folder) left it.</summary>
    public void Leave(string content, params string[] parts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Secret(parts))!);
        File.WriteAllText(Secret(parts), content);
    }

    /// <summary>A folder of its own under this set-up's folder, outside the data and secrets folders.</summary>
    public string Elsewhere(string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

    /// <summary>
    /// Runs <c>infra/up --setup-only</c> with these folders (and <paramref name="secretsDir"/> instead, when given; the
    /// Bot's secrets at <paramref name="botSecrets"/>, when given).
    /// </summary>
    public ShellResult Run(string? secretsDir = null, string? botSecrets = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOTLINE_DATA_DIR"] = DataDir,
            ["HOTLINE_SECRETS_DIR"] = secretsDir ?? SecretsDir,
        };
        if (botSecrets is not null) environment["HOTLINE_BOT_SECRETS"] = botSecrets;
        return Shell.Run(RepoPaths.Combine("infra", "up"), ["--setup-only"], environment);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
