using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Hotline.Testing;

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
    public async Task A_wrong_setting_stops_the_Bot_at_start_and_is_named(string name, string value)
    {
        await using var app = Build("127.0.0.1:1,abortConnect=false,connectTimeout=200", new() { [name] = value });
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(name, failure.Message);
    }

    [Fact]
    public async Task Usable_settings_start_the_Bot()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var app = Build(redis.ConnectionString, new()
        {
            ["HOTLINE_SECRETS_DIR"] = redis.SecretsDirectory,
            ["HOTLINE_DIRECTLINE_SECRET"] = "a-secret-of-sixteen-or-more",
            ["HOTLINE_WEBCHAT_ORIGINS"] = "https://hotline.example.org, http://127.0.0.1:8080",
            ["HOTLINE_DURESS_PHRASES"] = "blue umbrella",
        });
        await app.StartAsync();
        await app.StopAsync();
    }

    private static WebApplication Build(string redis, Dictionary<string, string?> settings)
    {
        var data = Directory.CreateTempSubdirectory("hotline-settings-").FullName;
        settings["HOTLINE_REDIS"] = redis;
        settings["HOTLINE_DATA_DIR"] = data;
        if (!settings.ContainsKey("HOTLINE_SECRETS_DIR"))
        {
            // No Redis answers here: a password file that opens nothing, so only the setting under test is wrong.
            var secrets = Directory.CreateTempSubdirectory("hotline-settings-secrets-").FullName;
            Directory.CreateDirectory(Path.Combine(secrets, "redis"));
            File.WriteAllText(Path.Combine(secrets, "redis", "bot.password"), "unused");
            settings["HOTLINE_SECRETS_DIR"] = secrets;
        }
        settings["urls"] = "http://127.0.0.1:0";
        return BotApp.Build([], b => b.Configuration.AddInMemoryCollection(settings));
    }
}
