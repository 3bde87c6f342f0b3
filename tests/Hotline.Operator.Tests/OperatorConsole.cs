using System.Net.Http.Headers;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Core.Transcripts;
using Hotline.Operator.Accounts;
using Hotline.Operator.Admin;
using Hotline.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.Operator.Tests;

/// <summary>
/// The Operator service on 127.0.0.1 over its own redis-server, with 'demo' (operator, supervisor, admin) and a
/// colleague made by the admin command line, and a transcript writer holding only the team public key, as the Bot does.
/// </summary>
public sealed class OperatorConsole : IAsyncLifetime
{
    public const string DemoPassword = "demo long passphrase for tests";
    public const string Colleague = "nightshift";
    public const string ColleaguePassword = "another long passphrase";

    private readonly string dataDir = System.IO.Directory.CreateTempSubdirectory("hotline-accounts-").FullName;
    private WebApplication? app;

    public RedisServer Redis { get; private set; } = null!;
    public IServiceProvider Services => app!.Services;
    public HotlineRedis Store => Services.GetRequiredService<HotlineRedis>();
    public Uri Url { get; private set; } = null!;
    public string DemoRecoveryKey { get; private set; } = "";

    /// <summary>Writes entries as a service does: sealed to whatever team public key Redis holds now.</summary>
    public TranscriptStore Transcripts => new(Store, new TeamKeyDirectory(Store), TimeProvider.System);

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var env = new Dictionary<string, string?> { ["HOTLINE_REDIS"] = Redis.ConnectionString, ["HOTLINE_SECRETS_DIR"] = Redis.SecretsDirectory, ["HOTLINE_DATA_DIR"] = dataDir, ["HOTLINE_DEMO_PASSWORD"] = DemoPassword };
        var printed = await AdminAsync(env, "admin", "init-demo");
        DemoRecoveryKey = printed.Split('\n').Single(l => l.Contains("recovery key", StringComparison.Ordinal)).Split(": ")[1].Trim();
        env["HOTLINE_ADMIN_USER"] = "demo";
        env["HOTLINE_ADMIN_PASSWORD"] = DemoPassword;
        env["HOTLINE_NEW_PASSWORD"] = ColleaguePassword;
        await AdminAsync(env, "admin", "add-operator", Colleague, "Operator");
        app = OperatorApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(env);
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders();
        });
        await app.StartAsync();
        Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public HttpClient Anonymous() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client signed in as this account, as any client does it (prelogin, derive, login).</summary>
    public async Task<HttpClient> SignInAsync(string username, string passphrase)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ClientKeys.SignInAsync(client, username, passphrase));
        return client;
    }

    public Task<OperatorAccount?> AccountAsync(string username) => new OperatorAccounts(Store).FindAsync(username);

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        await Redis.DisposeAsync();
        try { System.IO.Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }

    private static async Task<string> AdminAsync(Dictionary<string, string?> env, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AdminCommands.RunAsync(args, name => env.GetValueOrDefault(name), output, error);
        if (code != 0) throw new InvalidOperationException($"admin {string.Join(' ', args)} failed: {error}");
        return output.ToString();
    }
}
