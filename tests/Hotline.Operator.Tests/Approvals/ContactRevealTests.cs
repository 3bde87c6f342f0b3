using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Core;
using Hotline.Core.Cases;
using Hotline.Core.Dispatch;
using Hotline.Core.Identity;
using Hotline.Core.Notices;
using Hotline.Core.Storage;
using Hotline.Operator.Admin;
using Hotline.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotline.Operator.Tests.Approvals;

/// <summary>The Operator service on 127.0.0.1 over a real redis-server, with two operators made by the admin command line.</summary>
public sealed class ContactRevealConsole : IAsyncLifetime
{
    public const string DemoPassword = "demo long passphrase for tests";
    public const string Colleague = "nightshift";
    public const string ColleaguePassword = "another long passphrase";

    private readonly string dataDir = System.IO.Directory.CreateTempSubdirectory("hotline-approvals-").FullName;
    private WebApplication? app;

    public RedisServer Redis { get; private set; } = null!;
    public IServiceProvider Services => app!.Services;
    public HotlineRedis Store => Services.GetRequiredService<HotlineRedis>();
    public Uri Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var env = new Dictionary<string, string?> { ["HOTLINE_REDIS"] = Redis.ConnectionString, ["HOTLINE_DATA_DIR"] = dataDir, ["HOTLINE_DEMO_PASSWORD"] = DemoPassword };
        await AdminAsync(env, "admin", "init-demo");
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

    /// <summary>A client signed in as this account (bearer token from POST /api/auth/login).</summary>
    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        try { System.IO.Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }

    private static async Task AdminAsync(Dictionary<string, string?> env, params string[] args)
    {
        var error = new StringWriter();
        var code = await AdminCommands.RunAsync(args, name => env.GetValueOrDefault(name), new StringWriter(), error);
        if (code != 0) throw new InvalidOperationException($"admin {string.Join(' ', args)} failed: {error}");
    }
}

/// <summary>The four-eyes contact reveal through the console's API: one operator asks, another approves, the unit's notice is queued.</summary>
public sealed class ContactRevealTests(ContactRevealConsole console) : IClassFixture<ContactRevealConsole>
{
    [Fact]
    public async Task Approved_contact_reveal_queues_a_contact_notice_to_the_dispatched_unit_without_any_number()
    {
        var (caseId, code) = await CaseWithSentDispatchAsync("unit-durres");
        using var demo = await console.SignInAsync("demo", ContactRevealConsole.DemoPassword);
        using var colleague = await console.SignInAsync(ContactRevealConsole.Colleague, ContactRevealConsole.ColleaguePassword);
        var approvalId = await RequestRevealAsync(demo, caseId);
        Assert.Empty(await NoticesForAsync(caseId));

        (await colleague.PostAsync($"/api/approvals/{approvalId}/approve", null)).EnsureSuccessStatusCode();

        var detail = await demo.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/detail");
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "contact-cleared");
        var notice = Assert.Single(await NoticesForAsync(caseId));
        Assert.Equal("unit-durres", notice["recipient"]);
        Assert.Equal(NoticePurposes.Contact, notice["purpose"]);
        Assert.Contains(code, notice["text"], StringComparison.Ordinal);
        Assert.DoesNotContain('+', notice["text"]);
    }

    [Fact]
    public async Task Contact_reveal_the_requester_approves_alone_is_refused_and_queues_nothing()
    {
        var (caseId, _) = await CaseWithSentDispatchAsync("unit-shkoder");
        using var demo = await console.SignInAsync("demo", ContactRevealConsole.DemoPassword);
        var approvalId = await RequestRevealAsync(demo, caseId);

        var own = await demo.PostAsync($"/api/approvals/{approvalId}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.False((await console.Services.GetRequiredService<DispatchStore>().GetAsync(caseId))!.ContactApproved);
        Assert.Empty(await NoticesForAsync(caseId));
    }

    /// <summary>A critical case whose dispatch Triage sent to the unit.</summary>
    private async Task<(string CaseId, string Code)> CaseWithSentDispatchAsync(string unit)
    {
        var caseId = Ids.New("k", 16);
        await console.Services.GetRequiredService<CaseStore>().OpenAsync(caseId, Ids.New("c", 16), Severity.Critical, ["violence"], Language.Sq, Channel.Sms, minor: false);
        var dispatches = console.Services.GetRequiredService<DispatchStore>();
        var (dispatch, _) = await dispatches.ProposeAsync(caseId, unit, "Durrës", "violence", "critical");
        Assert.True(await dispatches.TransitionAsync(caseId, DispatchStatus.Proposed, DispatchStatus.Confirmed, "confirmedAt"));
        Assert.True(await dispatches.TransitionAsync(caseId, DispatchStatus.Confirmed, DispatchStatus.Sent, "sentAt"));
        return (caseId, dispatch.Code);
    }

    private static async Task<string> RequestRevealAsync(HttpClient client, string caseId)
    {
        var response = await client.PostAsJsonAsync($"/api/cases/{caseId}/approvals", new { action = "reveal-contact", personAgreed = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<List<Dictionary<string, string>>> NoticesForAsync(string caseId) =>
        (await console.Store.Db.StreamRangeAsync(RedisKeys.Notices))
            .Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()))
            .Where(n => n["caseId"] == caseId)
            .ToList();
}
