namespace Hotline.EndToEnd.Tests;

/// <summary>The console's keys in Debian's chromium: what the sign-in sends, the idle lock, enrolment and removal.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleKeysTests(ConsoleStack stack)
{
    private const string Words = "burri po me rreh tani, ka thike ne dore, ndihme";

    [Fact]
    public async Task The_console_sends_only_the_authentication_key_and_locks_itself_after_ten_idle_minutes()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.Clock.InstallAsync();
        var bodies = new List<string>();
        page.Request += (_, r) => { if (r.Url.EndsWith("/api/auth/login", StringComparison.Ordinal)) bodies.Add(r.PostData ?? ""); };
        await page.GotoAsync(stack.OperatorUrl.ToString());
        await page.FillAsync("#username", "demo");
        await page.FillAsync("#password", ConsoleStack.DemoPassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });

        var login = JsonDocument.Parse(Assert.Single(bodies)).RootElement;
        Assert.Equal(["username", "authKey"], login.EnumerateObject().Select(p => p.Name));
        Assert.Equal(32, Convert.FromBase64String(login.GetProperty("authKey").GetString()!).Length);
        Assert.DoesNotContain(ConsoleStack.DemoPassword, bodies[0], StringComparison.Ordinal);

        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync(Words, api);
        using var _ = visitor;
        await page.ClickAsync($"#queue button[data-case-id='{caseId}']", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync(Words, new() { Timeout = 10_000 });

        // The page's clock jumps ahead (its timers keep their own pace, so the live connection is not disturbed).
        var start = DateTime.UtcNow;
        await page.Clock.SetSystemTimeAsync(start + TimeSpan.FromMinutes(9));
        await page.WaitForTimeoutAsync(6_000);
        await Assertions.Expect(page.Locator("#console-shell")).ToBeVisibleAsync();
        await page.Clock.SetSystemTimeAsync(start + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));
        await Assertions.Expect(page.Locator("#signin-view")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#console-shell")).ToBeHiddenAsync();
        Assert.Equal("", await page.Locator("#transcript").TextContentAsync());
        await Assertions.Expect(page.Locator("#username")).ToHaveValueAsync("demo");
        await Assertions.Expect(page.Locator("#username")).ToHaveAttributeAsync("readonly", "");
        await Assertions.Expect(page.Locator("#signin-error")).ToContainTextAsync("Locked");

        // Only the passphrase, and the console is back.
        await page.FillAsync("#password", ConsoleStack.DemoPassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
        await page.ClickAsync($"#queue button[data-case-id='{caseId}']", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync(Words, new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task A_supervisor_enrols_and_removes_an_operator_in_the_console_and_the_rotation_shows_its_progress()
    {
        await using var browser = await Browser.LaunchAsync();
        var lead = await stack.OpenConsoleAsync(browser);
        var name = "temp-" + Guid.NewGuid().ToString("N")[..6];
        const string passphrase = "temporary long passphrase";
        await lead.ClickAsync("#tab-supervisor");
        await Assertions.Expect(lead.Locator("#accounts-table")).ToContainTextAsync(ConsoleStack.Operator2, new() { Timeout = 10_000 });

        await lead.FillAsync("#enrol-username", name);
        await lead.SelectOptionAsync("#enrol-roles", "Operator");
        await lead.FillAsync("#enrol-password", "password1234");
        await lead.FillAsync("#enrol-password2", "password1234");
        await lead.ClickAsync("#enrol-form button[type=submit]");
        await Assertions.Expect(lead.Locator("#enrol-status")).ToContainTextAsync("common", new() { Timeout = 10_000 });
        await lead.FillAsync("#enrol-password", passphrase);
        await lead.FillAsync("#enrol-password2", passphrase);
        await lead.ClickAsync("#enrol-form button[type=submit]");
        await Assertions.Expect(lead.Locator("#enrol-recovery")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Matches("([0-9a-f]{8}-){7}[0-9a-f]{8}", await lead.Locator("#enrol-recovery").TextContentAsync());
        await Assertions.Expect(lead.Locator("#accounts-table")).ToContainTextAsync(name);
        // The team key the page sealed to the new operator opens with their passphrase.
        await using (var redis = await stack.Redis.ConnectAsync())
        {
            var accounts = new Hotline.Operator.Accounts.OperatorAccounts(new Hotline.Core.Storage.HotlineRedis(redis));
            var account = (await accounts.FindAsync(name))!;
            Assert.Equal(32, Hotline.Operator.Accounts.ClientKeys.UnlockTeamKey(account, passphrase).Length);
            // The page also made the new operator's signing key: certified by the team signing key, its secret half sealed to
            // the new operator's own key, which only their passphrase unwraps.
            var store = new Hotline.Core.Storage.HotlineRedis(redis);
            var certificate = await new Hotline.Operator.Accounts.OperatorSigningKeys(store, TimeProvider.System).FindAsync(name);
            Assert.NotNull(certificate);
            certificate.Verify(Hotline.Core.Crypto.TeamKeyRecord.FromFields(await store.Db.HashGetAllAsync(Hotline.Core.Storage.RedisKeys.TeamKey)).SigningPublicKey);
            var own = Hotline.Core.Crypto.HotlineCrypto.UnwrapKey(account.WrappedPrivateKey, Hotline.Operator.Accounts.ClientKeys.Derive(passphrase, account.Kdf).WrappingKey);
            var signSecret = Hotline.Core.Crypto.HotlineCrypto.Open(account.SealedSigningKey!, new Hotline.Core.Crypto.KeyPairBytes(account.PublicKey, own));
            Assert.Equal(certificate.SignPublic, signSecret[32..]);
            Assert.Null(certificate.RemovedAt);
        }
        Assert.NotNull(await stack.SignInAsync(name, passphrase));

        lead.Dialog += (_, dialog) => dialog.AcceptAsync();
        await lead.ClickAsync($"#accounts-table button:has-text('Remove {name}')");
        await Assertions.Expect(lead.Locator("#rotation-status")).ToContainTextAsync($"Removed {name}. The team key is version", new() { Timeout = 30_000 });
        Assert.Equal(await lead.Locator("#rotation-progress").GetAttributeAsync("max"), await lead.Locator("#rotation-progress").EvaluateAsync<string>("p => String(p.value)"));
        await Assertions.Expect(lead.Locator("#accounts-table")).Not.ToContainTextAsync(name);
        // The removed operator's signing key stays in the roster (what they signed before still verifies), marked removed:
        // consoles refuse words in their name dated from then on.
        await using (var redis = await stack.Redis.ConnectAsync())
        {
            var removed = await new Hotline.Operator.Accounts.OperatorSigningKeys(new Hotline.Core.Storage.HotlineRedis(redis), TimeProvider.System).FindAsync(name);
            Assert.NotNull(removed?.RemovedAt);
        }
        var refused = await Hotline.Operator.Accounts.ClientKeys.PrepareLoginAsync(stack.Anonymous, name, passphrase);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await stack.Anonymous.PostAsJsonAsync("/api/auth/login", new { username = name, authKey = refused.AuthKey })).StatusCode);
        await stack.ClearSignInFailuresAsync();

        // The same page reads what is written after the rotation, sealed to the new key.
        var api = await stack.SignInAsync();
        var (visitor, caseId) = await stack.OpenCaseAsync(Words, api);
        using var _ = visitor;
        await lead.ClickAsync("#tabs button[data-view='work']");
        await lead.ClickAsync($"#queue button[data-case-id='{caseId}']", new() { Timeout = 15_000 });
        await Assertions.Expect(lead.Locator("#transcript")).ToContainTextAsync(Words, new() { Timeout = 10_000 });
    }
}
