using Hotline.Core.Crypto;
using StackExchange.Redis;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// A running hotline (Bot and Operator service) whose supervisor, demo, removed the operator "leaver" in the console in
/// Debian's chromium: the team key rotated to version 2, and demo's browser holds version 2 as its floor. Kept from before
/// the removal: what the leaver takes away (the version 1 team key their passphrase opens) and the version 1 record as
/// stored. <see cref="Redis"/> writes as the Operator service's own Redis user, who may write the record.
/// </summary>
public sealed class LeaverRemoved : IAsyncDisposable
{
    public const string DemoPassword = "correct horse battery staple";
    public const string LeaverPassword = "leaver long passphrase here";

    private LeaverRemoved(HotlineHost host, Browser browser, ServiceRedis redis)
    {
        Host = host;
        Browser = browser;
        Redis = redis;
    }

    public HotlineHost Host { get; }
    public Browser Browser { get; }
    public ServiceRedis Redis { get; }
    public KeyPairBytes LeaverTeamKey { get; private set; } = null!;
    public HashEntry[] Version1 { get; private set; } = [];

    /// <summary>demo's console, on the supervisor tab, where the removal was made.</summary>
    public IPage Lead { get; private set; } = null!;

    public static async Task<LeaverRemoved> StartAsync(string name)
    {
        var host = new HotlineHost(new HotlineHostOptions
        {
            Name = name,
            Bot = true,
            Operator = true,
            DemoPassword = DemoPassword,
            Accounts = [new(LeaverPassword, "add-operator", "leaver", "Operator")],
        });
        Browser? browser = null;
        ServiceRedis? redis = null;
        try
        {
            await host.InitializeAsync();
            browser = await Browser.LaunchAsync();
            redis = await host.ConnectAsAsync("operator");
            var removed = new LeaverRemoved(host, browser, redis);
            await removed.RemoveLeaverAsync();
            return removed;
        }
        catch
        {
            if (redis is not null) await redis.DisposeAsync();
            if (browser is not null) await browser.DisposeAsync();
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task RemoveLeaverAsync()
    {
        LeaverTeamKey = await TeamKeys.UnlockAsync(Host.Redis, "leaver", LeaverPassword);
        Version1 = await Redis.Db.HashGetAllAsync(RedisKeys.TeamKey);
        Assert.Equal(1, TeamKeyRecord.FromFields(Version1).Version);

        Lead = await ConsoleStack.OpenConsoleAsync(Browser, Host.OperatorUrl, "demo", DemoPassword);
        await Lead.ClickAsync("#tab-supervisor");
        Lead.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Lead.ClickAsync("#accounts-table button:has-text('Remove leaver')");
        await Assertions.Expect(Lead.Locator("#rotation-status")).ToContainTextAsync("Removed leaver.", new() { Timeout = 60_000 });
        await Lead.WaitForFunctionAsync("() => (JSON.parse(localStorage.getItem('hl-team-key-floor:demo') || 'null') || {}).version === 2", null, new() { Timeout = 30_000 });
    }

    /// <summary>demo signs in again on the same page (after signing out, or after the Operator service restarted).</summary>
    public async Task SignInAgainAsync()
    {
        await Lead.FillAsync("#username", "demo");
        await Lead.FillAsync("#password", DemoPassword);
        await Lead.ClickAsync("#signin button[type=submit]");
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }
}
