using Hotline.Bot;
using Hotline.Bot.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Tests.Secrets;

/// <summary>
/// Finding 2 of the privacy review: keys/bot.json sat next to the AOF, so a copy of the data folder opened web chat.
/// The Bot's secrets now live in HOTLINE_BOT_SECRETS (default HOTLINE_SECRETS_DIR/bot.json), outside the data folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BotSecretsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task The_Bot_keeps_its_secrets_outside_the_data_folder_readable_by_its_owner_only()
    {
        var dataDir = Directory.CreateTempSubdirectory("hotline-bot-data-").FullName;
        var secrets = Path.Combine(Directory.CreateTempSubdirectory("hotline-bot-secrets-").FullName, "bot.json");
        // What 'admin init-demo' leaves behind: the signed team key record, and the services' signing keys in the secrets folder.
        await using var admin = await redis.Server.ConnectAsAsync("admin");
        var team = await TestTeam.CreateAsync(admin.GetDatabase(), redis.SecretsDirectory);
        try
        {
            await using (var app = Build(dataDir, ("HOTLINE_BOT_SECRETS", secrets), ("HOTLINE_TEAM_KEY_FINGERPRINT", team.Fingerprint)))
            {
                await app.StartAsync();
                await app.StopAsync();
            }

            Assert.True(File.Exists(secrets), "the Bot created its secrets where HOTLINE_BOT_SECRETS says");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets));
            Assert.Empty(Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
            Directory.Delete(Path.GetDirectoryName(secrets)!, recursive: true);
        }
    }

    [Fact]
    public async Task The_Bot_refuses_to_start_with_its_secrets_inside_the_data_folder()
    {
        var dataDir = Directory.CreateTempSubdirectory("hotline-bot-data-").FullName;
        try
        {
            // The Bot stops before it reads any key: a well-formed pin, as 'admin init-demo' prints one, is all it needs here.
            var pin = HotlineCrypto.Fingerprint(HotlineCrypto.NewSigningKeyPair().PublicKey);
            await using var app = Build(dataDir, ("HOTLINE_BOT_SECRETS", Path.Combine(dataDir, "keys", "bot.json")), ("HOTLINE_TEAM_KEY_FINGERPRINT", pin));
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("HOTLINE_BOT_SECRETS must lie outside HOTLINE_DATA_DIR", error.Message);
            Assert.False(File.Exists(Path.Combine(dataDir, "keys", "bot.json")));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void Secrets_that_others_can_read_are_refused()
    {
        var dir = Directory.CreateTempSubdirectory("hotline-bot-secrets-").FullName;
        try
        {
            var path = Path.Combine(dir, "bot.json");
            var created = BotSecrets.LoadOrCreate(path);
            Assert.Equal(created.DeliveryKey, BotSecrets.LoadOrCreate(path).DeliveryKey);

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var error = Assert.Throws<InvalidOperationException>(() => BotSecrets.LoadOrCreate(path));
            Assert.Contains("chmod 600", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private WebApplication Build(string dataDir, params (string Name, string Value)[] settings) =>
        BotApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HOTLINE_REDIS"] = redis.ConnectionString,
                ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
                ["HOTLINE_DATA_DIR"] = dataDir,
            }.Concat(settings.Select(s => KeyValuePair.Create(s.Name, (string?)s.Value))));
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
}
