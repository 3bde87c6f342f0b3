using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Bot;
using Hotline.Operator;
using Hotline.Operator.Admin;
using Hotline.Testing;
using Hotline.Triage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The whole hotline on this machine: a real redis-server on a free loopback port, the Triage worker, and the
/// Bot and Operator services on real Kestrel sockets at 127.0.0.1, with their logs captured.
/// </summary>
public sealed class HotlineStack : IAsyncLifetime
{
    public const string DemoPassword = "correct horse battery staple";
    public const string SecondOperator = "nightshift";
    public const string SecondPassword = "another long passphrase";
    public const string DirectLineSecret = "a-partner-site-direct-line-secret-0123456789";

    public RedisServer Redis { get; private set; } = null!;
    public string DataDir { get; } = Directory.CreateTempSubdirectory("hotline-e2e-").FullName;
    public CapturedLogs Logs { get; } = new();
    public Uri BotUrl { get; private set; } = null!;
    public Uri OperatorUrl { get; private set; } = null!;
    public HttpClient Bot { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;

    private WebApplication? bot;
    private WebApplication? console;
    private IHost? triage;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["HOTLINE_REDIS"] = Redis.ConnectionString,
            ["HOTLINE_SECRETS_DIR"] = Redis.SecretsDirectory,
            ["HOTLINE_DATA_DIR"] = DataDir,
            ["HOTLINE_DIRECTLINE_SECRET"] = DirectLineSecret,
        };
        var env = new Dictionary<string, string?>(settings) { ["HOTLINE_DEMO_PASSWORD"] = DemoPassword };
        await RunAdminAsync(env, "admin", "init-demo");
        env["HOTLINE_ADMIN_USER"] = "demo";
        env["HOTLINE_ADMIN_PASSWORD"] = DemoPassword;
        env["HOTLINE_NEW_PASSWORD"] = SecondPassword;
        await RunAdminAsync(env, "admin", "add-operator", SecondOperator, "Operator");

        triage = TriageHost.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Logging.AddProvider(Logs);
        });
        await triage.StartAsync();
        bot = BotApp.Build([], b => Configure(b, settings));
        await bot.StartAsync();
        console = OperatorApp.Build([], b => Configure(b, settings));
        await console.StartAsync();
        BotUrl = AddressOf(bot);
        OperatorUrl = AddressOf(console);
        Bot = new HttpClient { BaseAddress = BotUrl, Timeout = TimeSpan.FromSeconds(30) };
        // No cookie jar: an anonymous client stays anonymous after someone signs in through it.
        Operator = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = OperatorUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Bot?.Dispose();
        Operator?.Dispose();
        foreach (var app in new IAsyncDisposable?[] { bot, console })
        {
            if (app is not null) await app.DisposeAsync();
        }
        if (triage is not null)
        {
            await triage.StopAsync();
            triage.Dispose();
        }
        await Redis.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Signs in through the API as a user's client would, returning an authorised client.</summary>
    /// <summary>Another copy of the Bot on its own port, sharing Redis and the data folder, as a scaled-out deployment runs it.</summary>
    public async Task<(WebApplication App, Uri Url)> StartAnotherBotAsync()
    {
        var app = BotApp.Build([], b => Configure(b, new Dictionary<string, string?>
        {
            ["HOTLINE_REDIS"] = Redis.ConnectionString,
            ["HOTLINE_SECRETS_DIR"] = Redis.SecretsDirectory,
            ["HOTLINE_DATA_DIR"] = DataDir,
        }));
        await app.StartAsync();
        return (app, AddressOf(app));
    }

    public async Task<HttpClient> SignInAsync(string username = "demo", string password = DemoPassword)
    {
        var token = await Hotline.Operator.Accounts.ClientKeys.SignInAsync(Operator, username, password);
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = OperatorUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A web chat visitor: token, conversation, greeting.</summary>
    public async Task<WebChatVisitor> StartWebChatAsync()
    {
        var token = await (await Bot.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var visitor = new WebChatVisitor(BotUrl, token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
        var started = await visitor.Client.PostAsync("/v3/directline/conversations", null);
        started.EnsureSuccessStatusCode();
        return visitor;
    }

    private void Configure(WebApplicationBuilder builder, Dictionary<string, string?> settings)
    {
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.AddProvider(Logs);
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task RunAdminAsync(Dictionary<string, string?> env, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AdminCommands.RunAsync(args, name => env.GetValueOrDefault(name), output, error);
        if (code != 0) throw new InvalidOperationException($"admin {string.Join(' ', args)} failed: {error}");
    }
}

[CollectionDefinition(Name)]
public sealed class HotlineCollection : ICollectionFixture<HotlineStack>
{
    public const string Name = "hotline";
}
