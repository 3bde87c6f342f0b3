using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Bot;
using Hotline.Core.Crypto;
using Hotline.Core.Storage;
using Hotline.Operator;
using Hotline.Operator.Admin;
using Hotline.Triage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Xunit;

namespace Hotline.Testing;

/// <summary>
/// The hotline on this machine, as much of it as a suite needs: a real redis-server on a free loopback port with the
/// production ACL, accounts made by the admin command line, the Triage worker in process, and the Bot and Operator
/// services on real Kestrel sockets at 127.0.0.1, every log line captured. Every test host of the repository is this
/// class with its own <see cref="HotlineHostOptions"/>; a fixture derives from it to add its own fakes and helpers.
/// </summary>
public class HotlineHost(HotlineHostOptions options) : IAsyncLifetime, IAsyncDisposable
{
    private readonly Dictionary<string, string?> settings = new();

    public HotlineHostOptions Options { get; } = options;
    public RedisServer Redis { get; private set; } = null!;
    public string DataDir { get; } = Directory.CreateTempSubdirectory(options.Name + "-").FullName;
    public CapturedLogs Logs { get; } = new();

    /// <summary>What every service was started with (Redis, secrets, data folder, the options' settings, a subclass's fakes).</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    /// <summary>The team's keys made in the test when no init-demo ran (null after init-demo: only operators hold them then).</summary>
    public TestTeam? TeamKeys { get; private set; }

    /// <summary>The team key pair made in the test when no init-demo ran (null after init-demo: only operators hold it then).</summary>
    public KeyPairBytes? Team => TeamKeys?.Box;

    /// <summary>The team key fingerprint every service pins (HOTLINE_TEAM_KEY_FINGERPRINT), as init-demo printed it.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>Where the services' signing keys are (HOTLINE_SECRETS_DIR/keys), as init-demo wrote them.</summary>
    public string SigningKeysDir => Hotline.Core.HotlineOptions.DefaultSigningKeysDir(Redis.SecretsDirectory);

    /// <summary>A service's signing key (bot, operator, triage): a test that stands in for that service signs with it.</summary>
    public SigningIdentity ServiceSigningKey(string service) => SigningIdentity.Load(SigningKeysDir, service);

    /// <summary>The services' signing public keys, as the team key record lists them: what a reader verifies entries with.</summary>
    public IReadOnlyDictionary<string, byte[]> ServiceSigners =>
        Signers.Services.ToDictionary(name => name, name => ServiceSigningKey(name).PublicKey, StringComparer.Ordinal);

    /// <summary>The recovery key init-demo printed for 'demo'.</summary>
    public string DemoRecoveryKey { get; private set; } = "";

    public WebApplication? BotHost { get; private set; }
    public WebApplication? OperatorHost { get; private set; }
    public IHost? TriageWorker { get; private set; }
    public Uri BotUrl { get; private set; } = null!;
    public Uri OperatorUrl { get; private set; } = null!;

    /// <summary>A client of the Bot.</summary>
    public HttpClient Bot { get; private set; } = null!;

    /// <summary>A client of the Operator service with no cookie jar: it stays anonymous after someone signs in through it.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>
    /// True when this host runs as `infra/up --cluster` does: a Redis Cluster of three primaries, and two of each service it
    /// starts. <see cref="Bot"/> then talks to the first Bot and the Operator clients to the second Operator service, so
    /// every message crosses processes on its way to a console.
    /// </summary>
    public bool Clustered => Options.Cluster ?? RedisServer.ClusterRequested;

    /// <summary>Every Bot, Operator service and Triage worker the host started (two of each when <see cref="Clustered"/>).</summary>
    public IReadOnlyList<WebApplication> BotHosts => bots;

    public IReadOnlyList<WebApplication> OperatorHosts => operators;

    public IReadOnlyList<IHost> TriageWorkers => workers;

    private readonly List<WebApplication> bots = [];
    private readonly List<WebApplication> operators = [];
    private readonly List<IHost> workers = [];

    public async Task InitializeAsync()
    {
        Redis = Clustered ? await RedisServer.StartClusterAsync(Options.RedisMaxMemory) : await RedisServer.StartAsync(Options.RedisMaxMemory);
        var copies = Clustered ? 2 : 1;
        settings["HOTLINE_REDIS"] = Redis.ConnectionString;
        settings["HOTLINE_SECRETS_DIR"] = Redis.SecretsDirectory;
        settings["HOTLINE_DATA_DIR"] = DataDir;
        // Every test talks from 127.0.0.1: the Bot's abuse limits are raised unless a test sets its own.
        foreach (var (name, value) in TestLimits.Raised) settings[name] = value;
        foreach (var (name, value) in Options.Settings) settings[name] = value;
        await StartFakesAsync(settings);
        await CreateAccountsAsync();
        settings["HOTLINE_TEAM_KEY_FINGERPRINT"] = Fingerprint;

        for (var n = 0; Options.Triage && n < copies; n++)
        {
            // A port is one process's: the second worker of a cluster serves no metrics port of its own here (infra/up gives
            // it the next port, which this host cannot know to be free).
            var own = n == 0 ? settings : settings.Where(setting => setting.Key != TriageMetricsOptions.PortVariable).ToDictionary();
            var worker = TriageHost.Build([], b =>
            {
                b.Configuration.AddInMemoryCollection(own);
                ConfigureLogging(b.Logging);
                Options.Services?.Invoke(b.Services);
            });
            try
            {
                await worker.StartAsync();
            }
            catch
            {
                // A worker that did not start cannot be stopped: the start's error is what the test must show.
                worker.Dispose();
                throw;
            }
            workers.Add(worker);
            TriageWorker ??= worker;
        }
        for (var n = 0; Options.Bot && n < copies; n++) bots.Add(await StartAsync(BotApp.Build([], b => Configure(b, settings))));
        if (Options.Bot)
        {
            BotHost = bots[0];
            BotUrl = AddressOf(BotHost);
            Bot = new HttpClient { BaseAddress = BotUrl, Timeout = TimeSpan.FromSeconds(30) };
        }
        for (var n = 0; Options.Operator && n < copies; n++) operators.Add(await StartAsync(OperatorApp.Build([], b => Configure(b, settings))));
        if (Options.Operator)
        {
            OperatorHost = operators[^1];
            OperatorUrl = AddressOf(OperatorHost);
            Anonymous = NewOperatorClient();
        }
    }

    /// <summary>Starts what a subclass fakes (a Twilio, a Bot Framework cloud) before the services, adding their settings.</summary>
    protected virtual Task StartFakesAsync(Dictionary<string, string?> settings) => Task.CompletedTask;

    /// <summary>
    /// Another copy of the Bot on its own port, sharing Redis and the data folder, as a scaled-out deployment runs it, with
    /// these settings over the host's (a null value removes one). The caller stops it.
    /// </summary>
    public async Task<(WebApplication App, Uri Url)> StartBotAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var merged = new Dictionary<string, string?>(settings);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>()) merged[name] = value;
        var app = await StartAsync(BotApp.Build([], b => Configure(b, merged.Where(s => s.Value is not null))));
        return (app, AddressOf(app));
    }

    /// <summary>
    /// Stops the Operator service and starts it again at the same address (the console's origin, so a browser keeps what it
    /// stored), running <paramref name="whileStopped"/> in between: the service as it comes back on another machine.
    /// </summary>
    public async Task RestartOperatorAsync(Func<Task>? whileStopped = null)
    {
        var stopped = OperatorHost ?? throw new InvalidOperationException("This host runs no Operator service");
        operators.Remove(stopped);
        await stopped.StopAsync();
        await stopped.DisposeAsync();
        if (whileStopped is not null) await whileStopped();
        var address = OperatorUrl.GetLeftPart(UriPartial.Authority);
        OperatorHost = await StartAsync(OperatorApp.Build([], b =>
        {
            Configure(b, settings);
            b.WebHost.UseUrls(address);
        }));
        operators.Add(OperatorHost);
    }

    /// <summary>A client signed in through the API as any client does it (prelogin, derive, login).</summary>
    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var token = await Hotline.Operator.Accounts.ClientKeys.SignInAsync(Anonymous, username, password);
        var client = NewOperatorClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A web chat visitor: token, conversation, greeting.</summary>
    public async Task<WebChatVisitor> StartWebChatAsync()
    {
        var token = await (await Bot.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var visitor = new WebChatVisitor(BotUrl, token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
        (await visitor.Client.PostAsync("/v3/directline/conversations", null)).EnsureSuccessStatusCode();
        return visitor;
    }

    /// <summary>A web chat visitor of this Bot connecting from another loopback address (127.0.0.2, …), as people behind one shared network address do.</summary>
    public static async Task<WebChatVisitor> StartWebChatAsync(Uri bot, string fromAddress)
    {
        var client = LoopbackClients.From(fromAddress, bot);
        try
        {
            var response = await client.PostAsync("/api/webchat/token", null);
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<JsonElement>();
            var visitor = new WebChatVisitor(client, token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
            (await visitor.Client.PostAsync("/v3/directline/conversations", null)).EnsureSuccessStatusCode();
            return visitor;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until Triage has handled every event written so far (its group read and acknowledged them all), so whatever a
    /// message the Bot answered changes on its case is done; a bot's answer alone does not say so, nor does an earlier one.
    /// </summary>
    public async Task WaitForTriageAsync(TimeSpan? timeout = null)
    {
        await using var redis = await Redis.ConnectAsync();
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await StreamGroups.CaughtUpAsync(redis.GetDatabase(), RedisKeys.Events, Hotline.Triage.Routing.CaseRouter.GroupName))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Triage did not handle every event in time");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Undoes what a test of a shared stack leaves that changes what the next one observes: the consoles it opened are gone
    /// (waited for, so that a late disconnect cannot set an operator offline in the next test), nobody is on shift (every
    /// operator's presence forgotten, as before anyone signed in: the next "online" starts a shift afresh, with no critical
    /// cases counted from earlier tests) and no failed sign-in counts against 127.0.0.1. A test class whose tests change
    /// presence, or observe who is online, runs it before and after each test (<c>IAsyncLifetime</c>).
    /// </summary>
    public async Task ResetTeamAsync()
    {
        await using var redis = await Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await db.HashLengthAsync(RedisKeys.PresenceConnections) > 0)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("A console an earlier test opened is still connected");
            await Task.Delay(50);
        }
        await db.KeyDeleteAsync(RedisKeys.Presence);
        await ClearSignInFailuresAsync(redis);
    }

    /// <summary>Forgets the failed sign-ins from every network address (a test that made some, before it signs in again).</summary>
    public async Task ClearSignInFailuresAsync()
    {
        await using var redis = await Redis.ConnectAsync();
        await ClearSignInFailuresAsync(redis);
    }

    private async Task ClearSignInFailuresAsync(ConnectionMultiplexer redis)
    {
        foreach (var server in Redis.Servers(redis))
        {
            foreach (var key in server.Keys(pattern: RedisKeys.SignInFailures("*"))) await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    /// <summary>
    /// Redis as one of the hotline's services writes it, under that service's ACL user (bot, triage, operator, admin, ops):
    /// a test that seeds what Triage would write does it as Triage may, so a missing ACL rule fails the test.
    /// </summary>
    public async Task<ServiceRedis> ConnectAsAsync(string user) => new(await Redis.ConnectAsAsync(user));

    /// <summary>Runs `admin …` as infra scripts do, with these environment variables besides Redis and the data folder; returns what it printed.</summary>
    public async Task<string> AdminAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var env = new Dictionary<string, string?>(settings);
        foreach (var (name, value) in environment) env[name] = value;
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AdminCommands.RunAsync(args, name => env.GetValueOrDefault(name), output, error);
        if (code != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed: {error}");
        return output.ToString();
    }

    /// <summary>The value 'admin init-demo' prints for the services to pin, as infra/up reads it.</summary>
    public static string PinnedFingerprint(string initDemoOutput) =>
        initDemoOutput.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("HOTLINE_TEAM_KEY_FINGERPRINT=", StringComparison.Ordinal))?["HOTLINE_TEAM_KEY_FINGERPRINT=".Length..]
            ?? throw new InvalidOperationException("admin init-demo printed no HOTLINE_TEAM_KEY_FINGERPRINT line");

    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task DisposeAsync()
    {
        Bot?.Dispose();
        Anonymous?.Dispose();
        foreach (var app in bots.Concat(operators)) await app.DisposeAsync();
        foreach (var worker in workers)
        {
            await worker.StopAsync();
            worker.Dispose();
        }
        await StopFakesAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>Stops what <see cref="StartFakesAsync"/> started, after the services.</summary>
    protected virtual Task StopFakesAsync() => Task.CompletedTask;

    private async Task CreateAccountsAsync()
    {
        if (Options.DemoPassword is not { } demoPassword)
        {
            // What `admin init-demo` leaves for a Bot: the signed team key record and the services' signing keys, the
            // team's private half kept by the test.
            await using var admin = await Redis.ConnectAsAsync("admin");
            TeamKeys = await TestTeam.CreateAsync(admin.GetDatabase(), Redis.SecretsDirectory);
            Fingerprint = TeamKeys.Fingerprint;
            return;
        }
        var printed = await AdminAsync(new Dictionary<string, string?> { ["HOTLINE_DEMO_PASSWORD"] = demoPassword }, "admin", "init-demo");
        DemoRecoveryKey = printed.Split('\n').Single(l => l.Contains("recovery key", StringComparison.Ordinal)).Split(": ")[1].Trim();
        Fingerprint = PinnedFingerprint(printed);
        foreach (var account in Options.Accounts)
        {
            await AdminAsync(new Dictionary<string, string?>
            {
                ["HOTLINE_ADMIN_USER"] = "demo",
                ["HOTLINE_ADMIN_PASSWORD"] = demoPassword,
                ["HOTLINE_NEW_PASSWORD"] = account.Password,
            }, ["admin", .. account.Arguments]);
        }
    }

    private HttpClient NewOperatorClient() =>
        new(new HttpClientHandler { UseCookies = false }) { BaseAddress = OperatorUrl, Timeout = TimeSpan.FromSeconds(60) };

    private void Configure(WebApplicationBuilder builder, IEnumerable<KeyValuePair<string, string?>> values)
    {
        builder.Configuration.AddInMemoryCollection(values);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        ConfigureLogging(builder.Logging);
        Options.Services?.Invoke(builder.Services);
    }

    private void ConfigureLogging(ILoggingBuilder logging)
    {
        if (!Options.ConsoleLogs) logging.ClearProviders();
        logging.AddProvider(Logs);
    }

    private static async Task<WebApplication> StartAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
