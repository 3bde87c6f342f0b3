using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hotline.Bot.Tests.Settings;

/// <summary>A Bot with a wrong setting refuses to start and names it, instead of failing on the first request.</summary>
public sealed class BotSettingsTests
{
    [Theory]
    [InlineData("HOTLINE_DIRECTLINE_SECRET", "short")]
    [InlineData("HOTLINE_WEBCHAT_ORIGINS", "https://ok.example.org, example.org")]
    [InlineData("HOTLINE_WEBCHAT_ORIGINS", "https://example.org/chat")]
    [InlineData("HOTLINE_DURESS_PHRASES", "blue umbrella, no")]
    [InlineData("HOTLINE_LIMIT_CASES_PER_ADDRESS", "0")]
    [InlineData("HOTLINE_LIMIT_SMS_PER_SENDER", "ten")]
    [InlineData("HOTLINE_MAX_CONVERSATION_AGE_HOURS", "1")]
    [InlineData("HOTLINE_TEAM_KEY_FINGERPRINT", "")]
    [InlineData("HOTLINE_TEAM_KEY_FINGERPRINT", "not-the-printed-fingerprint")]
    public async Task A_wrong_setting_stops_the_Bot_at_start_and_is_named(string name, string value)
    {
        await using var app = Build("127.0.0.1:1,abortConnect=false,connectTimeout=200", new() { [name] = value });
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(name, failure.Message);
    }

    [Fact]
    public async Task Signing_keys_inside_the_data_folder_stop_the_Bot_at_start()
    {
        var data = Directory.CreateTempSubdirectory("hotline-settings-").FullName;
        await using var app = Build("127.0.0.1:1,abortConnect=false,connectTimeout=200", new()
        {
            ["HOTLINE_DATA_DIR"] = data,
            ["HOTLINE_SIGNING_KEYS_DIR"] = Path.Combine(data, "keys"),
        });
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("HOTLINE_SIGNING_KEYS_DIR must lie outside HOTLINE_DATA_DIR", failure.Message);
        Assert.False(Directory.Exists(Path.Combine(data, "keys")), "nothing was written into the data folder");
    }

    [Fact]
    public async Task Usable_settings_start_the_Bot()
    {
        await using var redis = await RedisServer.StartAsync();
        var data = Directory.CreateTempSubdirectory("hotline-settings-").FullName;
        // What 'admin init-demo' leaves behind, as the admin Redis user: the signed team key record and the services' signing keys.
        await using var admin = await redis.ConnectAsAsync("admin");
        var team = await TestTeam.CreateAsync(admin.GetDatabase(), redis.SecretsDirectory);
        await using var app = Build(redis.ConnectionString, new()
        {
            ["HOTLINE_DATA_DIR"] = data,
            ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
            ["HOTLINE_TEAM_KEY_FINGERPRINT"] = team.Fingerprint,
            ["HOTLINE_DIRECTLINE_SECRET"] = "a-secret-of-sixteen-or-more",
            ["HOTLINE_WEBCHAT_ORIGINS"] = "https://hotline.example.org, http://127.0.0.1:8080",
            ["HOTLINE_DURESS_PHRASES"] = "blue umbrella",
        });
        await app.StartAsync();
        await app.StopAsync();
    }

    private static WebApplication Build(string redis, Dictionary<string, string?> settings)
    {
        settings["HOTLINE_REDIS"] = redis;
        settings.TryAdd("HOTLINE_DATA_DIR", Directory.CreateTempSubdirectory("hotline-settings-").FullName);
        // No team key answers here: a well-formed fingerprint, as 'admin init-demo' prints one, so only the setting under test is wrong.
        settings.TryAdd("HOTLINE_TEAM_KEY_FINGERPRINT", HotlineCrypto.Fingerprint(HotlineCrypto.NewSigningKeyPair().PublicKey));
        if (!settings.ContainsKey("HOTLINE_SECRETS_DIR"))
        {
            // No Redis answers here: a password file that opens nothing, so only the setting under test is wrong.
            var secrets = Directory.CreateTempSubdirectory("hotline-settings-secrets-").FullName;
            Directory.CreateDirectory(Path.Combine(secrets, "redis"));
            File.WriteAllText(Path.Combine(secrets, "redis", "bot.password"), "unused");
            // The keys 'admin init-demo' leaves beside each other: the Bot's signing key and the case code key.
            var keys = Hotline.Core.HotlineOptions.DefaultSigningKeysDir(secrets);
            SigningIdentity.LoadOrCreate(keys, Signers.Bot);
            Hotline.Core.Conversations.CaseCodeKey.LoadOrCreate(keys);
            settings["HOTLINE_SECRETS_DIR"] = secrets;
        }
        settings["urls"] = "http://127.0.0.1:0";
        return BotApp.Build([], b => b.Configuration.AddInMemoryCollection(settings));
    }
}
