using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Bot;
using Hotline.Core.Notices;
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
using Microsoft.Playwright;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// A clock the test moves: real time plus an offset the test adds to. Timers stay real, so the services' periodic work
/// (the escalation clock's tick) keeps running and sees the moved time at its next tick.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}

/// <summary>The SMS/WhatsApp notifier, faked locally: what would have been sent to staff.</summary>
public sealed class FakeNotifier : IOutboundNotifier
{
    public ConcurrentQueue<OutboundNotice> Sent { get; } = new();

    public Task SendAsync(OutboundNotice notice, CancellationToken cancellationToken)
    {
        Sent.Enqueue(notice);
        return Task.CompletedTask;
    }

    public async Task<OutboundNotice> WaitForAsync(Func<OutboundNotice, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Sent.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("No matching notice was sent in time");
    }
}

/// <summary>
/// The whole hotline for the console, escalation and dispatch tests: like <see cref="HotlineStack"/>, plus a clock the
/// tests move, a fake notifier, a duress phrase, an operator, a supervisor and three mobile units.
/// </summary>
public sealed class ConsoleStack : IAsyncLifetime
{
    public const string DemoPassword = HotlineStack.DemoPassword;
    public const string Operator2 = "nightshift";
    public const string Operator2Password = "another long passphrase";
    public const string Supervisor = "lead";
    public const string SupervisorPassword = "supervisor long passphrase";
    public const string UnitPassword = "unit long passphrase";
    public const string DuressPhrase = "blue umbrella";

    public RedisServer Redis { get; private set; } = null!;
    public string DataDir { get; } = Directory.CreateTempSubdirectory("hotline-console-").FullName;
    public CapturedLogs Logs { get; } = new();
    public TestClock Clock { get; } = new();
    public FakeNotifier Notifier { get; } = new();
    public Uri BotUrl { get; private set; } = null!;
    public Uri OperatorUrl { get; private set; } = null!;
    public HttpClient Bot { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

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
            ["HOTLINE_DURESS_PHRASES"] = DuressPhrase,
            ["HOTLINE_ROUTING:CriticalDeadlineSeconds"] = "60",
            ["HOTLINE_ROUTING:HighDeadlineSeconds"] = "300",
            ["HOTLINE_ROUTING:UnitAcknowledgeSeconds"] = "300",
            ["HOTLINE_ROUTING:TickMilliseconds"] = "100",
        };
        var env = new Dictionary<string, string?>(settings) { ["HOTLINE_DEMO_PASSWORD"] = DemoPassword };
        await AdminAsync(env, "admin", "init-demo");
        env["HOTLINE_ADMIN_USER"] = "demo";
        env["HOTLINE_ADMIN_PASSWORD"] = DemoPassword;
        env["HOTLINE_NEW_PASSWORD"] = Operator2Password;
        await AdminAsync(env, "admin", "add-operator", Operator2, "Operator", "--languages", "sq,en", "--capacity", "3");
        env["HOTLINE_NEW_PASSWORD"] = SupervisorPassword;
        await AdminAsync(env, "admin", "add-operator", Supervisor, "Supervisor");
        env["HOTLINE_NEW_PASSWORD"] = UnitPassword;
        await AdminAsync(env, "admin", "add-unit", "unit-durres", "Durrës,Shijak");
        await AdminAsync(env, "admin", "add-unit", "unit-durres-2", "durres");
        await AdminAsync(env, "admin", "add-unit", "unit-tirana", "Tiranë,Kamëz");

        triage = TriageHost.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Logging.AddProvider(Logs);
            AddFakes(b.Services);
        });
        await triage.StartAsync();
        bot = BotApp.Build([], b => Configure(b, settings));
        await bot.StartAsync();
        console = OperatorApp.Build([], b => Configure(b, settings));
        await console.StartAsync();
        BotUrl = AddressOf(bot);
        OperatorUrl = AddressOf(console);
        Bot = new HttpClient { BaseAddress = BotUrl, Timeout = TimeSpan.FromSeconds(30) };
        Anonymous = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = OperatorUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Bot?.Dispose();
        Anonymous?.Dispose();
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

    public async Task<HttpClient> SignInAsync(string username = "demo", string password = DemoPassword)
    {
        var token = await Hotline.Operator.Accounts.ClientKeys.SignInAsync(Anonymous, username, password);
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = OperatorUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async Task<WebChatVisitor> StartWebChatAsync()
    {
        var token = await (await Bot.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var visitor = new WebChatVisitor(BotUrl, token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
        (await visitor.Client.PostAsync("/v3/directline/conversations", null)).EnsureSuccessStatusCode();
        return visitor;
    }

    /// <summary>A person writes; returns the case the message opened, as GET /api/cases?status=open lists it.</summary>
    public async Task<(WebChatVisitor Visitor, string CaseId)> OpenCaseAsync(string text, HttpClient api)
    {
        var visitor = await StartWebChatAsync();
        (await visitor.SayAsync(text)).EnsureSuccessStatusCode();
        var listed = await WebChatToOperatorTests.WaitForCaseAsync(api, visitor.ConversationId, TimeSpan.FromSeconds(10));
        return (visitor, listed.GetProperty("id").GetString()!);
    }

    /// <summary>Opens the console in a page and signs in (the key unlock runs Argon2id in the page: allow for it).</summary>
    public async Task<IPage> OpenConsoleAsync(Browser browser, string username, string password)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(OperatorUrl.ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        return page;
    }

    public static async Task<JsonElement> DetailAsync(HttpClient api, string caseId) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/detail");

    /// <summary>Polls the case's detail until the condition holds.</summary>
    public static async Task<JsonElement> WaitForDetailAsync(HttpClient api, string caseId, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < until)
        {
            last = await DetailAsync(api, caseId);
            if (condition(last)) return last;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The case did not reach the expected state in time: {last}");
    }

    public static bool TimelineHas(JsonElement detail, string kind) =>
        detail.GetProperty("timeline").EnumerateArray().Any(t => t.GetProperty("kind").GetString() == kind);

    public async Task ClearSignInFailuresAsync()
    {
        await using var redis = await Redis.ConnectAsync();
        var server = redis.GetServer(Redis.ConnectionString);
        foreach (var key in server.Keys(pattern: "hl:signin:failures:*")) await redis.GetDatabase().KeyDeleteAsync(key);
    }

    /// <summary>Changes one audit entry's detail in place (an attacker with Redis access), runs the check, then puts it back.</summary>
    public async Task TamperWithAuditAsync(Func<Task> check)
    {
        await using var redis = await Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var last = (await db.StreamRangeAsync(Hotline.Core.Storage.RedisKeys.AuditLog, "-", "+", count: 1, messageOrder: StackExchange.Redis.Order.Descending))[0];
        await db.StreamDeleteAsync(Hotline.Core.Storage.RedisKeys.AuditLog, [last.Id]);
        var forged = last.Values.Select(v => v.Name == "detail" ? new StackExchange.Redis.NameValueEntry("detail", "nothing happened") : v).ToArray();
        var forgedId = await db.StreamAddAsync(Hotline.Core.Storage.RedisKeys.AuditLog, forged);
        try
        {
            await check();
        }
        finally
        {
            await db.StreamDeleteAsync(Hotline.Core.Storage.RedisKeys.AuditLog, [forgedId]);
            await db.StreamAddAsync(Hotline.Core.Storage.RedisKeys.AuditLog, last.Values);
        }
    }

    private void AddFakes(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IOutboundNotifier>(Notifier);
    }

    private void Configure(WebApplicationBuilder builder, Dictionary<string, string?> settings)
    {
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.AddProvider(Logs);
        AddFakes(builder.Services);
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task AdminAsync(Dictionary<string, string?> env, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AdminCommands.RunAsync(args, name => env.GetValueOrDefault(name), output, error);
        if (code != 0) throw new InvalidOperationException($"admin {string.Join(' ', args)} failed: {error}");
    }
}

/// <summary>Runs on its own, not beside the other collections: its browsers and moved clock would otherwise skew their timings (and theirs, its).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleStack>
{
    public const string Name = "console";
}
