using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Operator.Tests.Accounts;

/// <summary>
/// Enrolling, changing and resetting passphrases, and removing an operator, each done by the console's own key code
/// (auth-keys.js under Node) against the service over HTTP; what the accounts can then open is checked in C#.
/// </summary>
public sealed class EnrolmentAndRotationTests(OperatorConsole console) : IClassFixture<OperatorConsole>
{
    private const string Script = "tests/Hotline.Operator.Tests/Accounts/browser-keys.cjs";

    [Fact]
    public async Task An_operator_enrolled_in_an_unlocked_browser_signs_in_and_reads_what_was_written_before()
    {
        var conversation = "before-" + Guid.NewGuid().ToString("N")[..8];
        await console.Transcripts.AppendAsync(conversation, Author.Person, null, "written before she joined", CancellationToken.None);

        var enrolled = await BrowserAsync("enrol", ["demo", "newcomer", "Operator"], new { adminPassphrase = OperatorConsole.DemoPassword, passphrase = "newcomer long passphrase" });
        Assert.Equal(201, enrolled.GetProperty("status").GetInt32());
        Assert.Matches("^([0-9a-f]{8}-){7}[0-9a-f]{8}$", enrolled.GetProperty("recoveryKey").GetString());

        var account = (await console.AccountAsync("newcomer"))!;
        var team = await Keyring().CurrentAsync();
        var entries = await console.Transcripts.ReadAsync(conversation, CancellationToken.None);
        Assert.Equal("written before she joined", TranscriptStore.OpenAll(conversation, entries, new KeyPairBytes(team.PublicKey, ClientKeys.UnlockTeamKey(account, "newcomer long passphrase")), console.SignerKeys)[0]);
        using var client = await console.SignInAsync("newcomer", "newcomer long passphrase");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/keys/me")).StatusCode);
        // She may read, not enrol.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/operators")).StatusCode);
    }

    [Fact]
    public async Task Enrolment_refuses_bad_keys_a_stale_team_key_a_taken_name_and_a_weak_passphrase()
    {
        using var admin = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        var team = await Keyring().CurrentAsync();
        var teamPrivate = ClientKeys.UnlockTeamKey((await console.AccountAsync("demo"))!, OperatorConsole.DemoPassword);
        object Body(string name, int version, string? authKey = null)
        {
            var p = ClientKeys.Prepare(name, "a fine long passphrase", [Role.Operator], teamPrivate, version, _ => "");
            var a = p.Account;
            return new
            {
                username = name, roles = new[] { "Operator" },
                kdf = KdfDto.From(a.Kdf), authKey = authKey ?? Convert.ToBase64String(p.AuthKey), publicKey = Convert.ToBase64String(a.PublicKey),
                wrappedPrivateKey = WrappedKeyDto.From(a.WrappedPrivateKey), sealedTeamKey = Convert.ToBase64String(a.SealedTeamKey), teamKeyVersion = version,
                recovery = new { authKey = Convert.ToBase64String(p.RecoveryAuthKey), wrappedPrivateKey = WrappedKeyDto.From(a.Recovery!.WrappedPrivateKey) },
            };
        }
        var malformed = await admin.PostAsJsonAsync("/api/operators", Body("bad-key", team.Version, authKey: "c2hvcnQ="));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("authKey", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/operators", Body("stale", team.Version - 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/operators", Body(OperatorConsole.Colleague, team.Version))).StatusCode);
        Assert.Null(await console.AccountAsync("bad-key"));
        Assert.Null(await console.AccountAsync("stale"));
        using var colleague = await console.SignInAsync(OperatorConsole.Colleague, OperatorConsole.ColleaguePassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsJsonAsync("/api/operators", Body("by-colleague", team.Version))).StatusCode);

        var weak = await BrowserAsync("enrol", ["demo", "weakling", "Operator"], new { adminPassphrase = OperatorConsole.DemoPassword, passphrase = "password1234", common = new[] { "password1234" } });
        Assert.Contains("common", weak.GetProperty("refused").GetString());
        var shortOne = await BrowserAsync("enrol", ["demo", "weakling", "Operator"], new { adminPassphrase = OperatorConsole.DemoPassword, passphrase = "short pass" });
        Assert.Contains("12 characters", shortOne.GetProperty("refused").GetString());
        Assert.Null(await console.AccountAsync("weakling"));
    }

    [Fact]
    public async Task A_new_passphrase_set_in_the_browser_replaces_the_old_one_and_still_unlocks_the_team_key()
    {
        await BrowserAsync("enrol", ["demo", "changer", "Operator"], new { adminPassphrase = OperatorConsole.DemoPassword, passphrase = "the first long passphrase" });
        var changed = await BrowserAsync("change", ["changer"], new { current = "the first long passphrase", next = "the second long passphrase" });
        Assert.Equal(204, changed.GetProperty("status").GetInt32());
        await AssertSignInRefusedAsync("changer", "the first long passphrase");
        var signedIn = await BrowserAsync("sign-in", ["changer"], new { passphrase = "the second long passphrase" });
        Assert.True(signedIn.GetProperty("teamKeyOpens").GetBoolean());
        // Without proof of the current passphrase, nothing changes.
        using var client = await console.SignInAsync("changer", "the second long passphrase");
        var other = ClientKeys.Prepare("changer", "a third long passphrase", [Role.Operator], null, 0, _ => "");
        var refused = await client.PostAsJsonAsync("/api/auth/passphrase", new
        {
            currentAuthKey = Convert.ToBase64String(HotlineCrypto.RandomBytes(32)), kdf = KdfDto.From(other.Account.Kdf),
            authKey = Convert.ToBase64String(other.AuthKey), wrappedPrivateKey = WrappedKeyDto.From(other.Account.WrappedPrivateKey),
        });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True((await BrowserAsync("sign-in", ["changer"], new { passphrase = "the second long passphrase" })).GetProperty("teamKeyOpens").GetBoolean());
    }

    [Fact]
    public async Task A_forgotten_passphrase_is_reset_with_the_recovery_key_in_the_browser()
    {
        var enrolled = await BrowserAsync("enrol", ["demo", "forgetful", "Operator"], new { adminPassphrase = OperatorConsole.DemoPassword, passphrase = "a passphrase soon forgotten" });
        var recoveryKey = enrolled.GetProperty("recoveryKey").GetString()!;
        // A wrong recovery key gets nothing.
        var wrong = await Node.RunAsync(Script, ["reset", console.Url.ToString(), "forgetful"],
            stdin: JsonSerializer.Serialize(new { recoveryKey = new string('0', 64), passphrase = "a brand new long passphrase" }), timeout: TimeSpan.FromMinutes(2));
        Assert.NotEqual(0, wrong.ExitCode);
        await BrowserAsync("reset", ["forgetful"], new { recoveryKey, passphrase = "a brand new long passphrase" });
        await AssertSignInRefusedAsync("forgetful", "a passphrase soon forgotten");
        var signedIn = await BrowserAsync("sign-in", ["forgetful"], new { passphrase = "a brand new long passphrase" });
        Assert.True(signedIn.GetProperty("teamKeyOpens").GetBoolean());
        await ClearThrottleAsync();
    }

    [Fact]
    public async Task Removing_an_operator_rotates_the_team_key_old_entries_stay_readable_and_the_removed_one_opens_nothing_new()
    {
        var conversation = "rotation-" + Guid.NewGuid().ToString("N")[..8];
        await BrowserAsync("enrol", ["demo", "leaver", "Operator"], new { adminPassphrase = OperatorConsole.DemoPassword, passphrase = "leaver long passphrase", signing = true });
        // What the leaver could take away: their own private key and the team key of the day, plus all of Redis later.
        var leaverAccount = (await console.AccountAsync("leaver"))!;
        var leaverPrivate = HotlineCrypto.UnwrapKey(leaverAccount.WrappedPrivateKey, ClientKeys.Derive("leaver long passphrase", leaverAccount.Kdf).WrappingKey);
        var before = await Keyring().CurrentAsync();
        var leaverTeam = new KeyPairBytes(before.PublicKey, ClientKeys.UnlockTeamKey(leaverAccount, "leaver long passphrase"));
        var signedBefore = Hotline.Core.Crypto.TeamKeyRecord.FromFields(await console.Store.Db.HashGetAllAsync(RedisKeys.TeamKey));
        await console.Transcripts.AppendAsync(conversation, Author.Person, null, "before the removal", CancellationToken.None);

        var removal = await Node.RunAsync(Script, ["remove", console.Url.ToString(), "demo", "leaver"],
            stdin: JsonSerializer.Serialize(new { adminPassphrase = OperatorConsole.DemoPassword }), timeout: TimeSpan.FromMinutes(2));
        var lines = removal.EnsureSuccess().StdOut.Trim().Split('\n');
        var holders = (await Keyring().HoldersAfterRemovingAsync("leaver")).Count;
        Assert.Equal(Enumerable.Range(1, holders).Select(i => $"progress seal {i}/{holders}").Append("progress chain 1/1"), lines[..^1]);
        var result = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.Equal(before.Version + 1, result.GetProperty("body").GetProperty("teamKeyVersion").GetInt32());

        // The browser signed the leaver's removal into the new team key record: a Redis writer who erases the roster's own
        // mark changes nothing the services or consoles go by.
        var leaverKey = (await new OperatorSigningKeys(console.Store, TimeProvider.System).FindAsync("leaver"))!;
        var record = await console.Services.GetRequiredService<TeamKeyDirectory>().RecordAsync(CancellationToken.None);
        Assert.NotNull(record.RemovedAt(leaverKey));
        await console.Store.Db.HashSetAsync(RedisKeys.OperatorSigningKeys, [OperatorSigningKeys.Entry(leaverKey with { RemovedAt = null })]);
        Assert.Equal(record.RemovedAt(leaverKey), record.RemovedAt((await new OperatorSigningKeys(console.Store, TimeProvider.System).FindAsync("leaver"))!));

        // Services seal to the new key from the next entry on.
        await console.Transcripts.AppendAsync(conversation, Author.Operator, "demo", "after the removal", CancellationToken.None);
        var entries = await console.Transcripts.ReadAsync(conversation, CancellationToken.None);
        var after = await Keyring().CurrentAsync();
        Assert.NotEqual(before.PublicKey, after.PublicKey);

        // A remaining operator opens the new key, and through the chain the old one: both entries read.
        var colleague = await BrowserAsync("sign-in", [OperatorConsole.Colleague], new { passphrase = OperatorConsole.ColleaguePassword });
        Assert.Equal(after.Version, colleague.GetProperty("teamKeyVersion").GetInt32());
        Assert.True(colleague.GetProperty("teamKeyOpens").GetBoolean());
        Assert.Equal([before.Version], colleague.GetProperty("olderKeys").EnumerateArray().Where(k => k.GetProperty("opens").GetBoolean()).Select(k => k.GetProperty("version").GetInt32()));
        var colleagueAccount = (await console.AccountAsync(OperatorConsole.Colleague))!;
        var current = new KeyPairBytes(after.PublicKey, ClientKeys.UnlockTeamKey(colleagueAccount, OperatorConsole.ColleaguePassword));
        var link = (await Keyring().ChainAsync()).Single(k => k.Version == before.Version);
        var retired = new KeyPairBytes(before.PublicKey, HotlineCrypto.Open(Convert.FromBase64String(link.SealedPrivateKey), current));
        Assert.Equal("before the removal", TranscriptStore.OpenAll(conversation, entries.Take(1).ToList(), retired, console.SignerKeys)[0]);
        Assert.Equal("after the removal", Open(conversation, entries[1], current));

        // The removed operator, with everything they kept and all of Redis, opens nothing written since.
        Assert.Null(await console.AccountAsync("leaver"));
        await AssertSignInRefusedAsync("leaver", "leaver long passphrase");
        Assert.Throws<CryptoFailure>(() => Open(conversation, entries[1], leaverTeam));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(Convert.FromBase64String(link.SealedPrivateKey), leaverTeam));
        foreach (var account in await new OperatorAccounts(console.Store).AllAsync())
        {
            if (!account.HasTeamKey) continue;
            Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(account.SealedTeamKey, new KeyPairBytes(leaverAccount.PublicKey, leaverPrivate)));
            Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(account.SealedTeamKey, leaverTeam));
        }
        // The team signing key rotated with it: the new one is handed over to by the old, sealed to the new team key alone,
        // and every operator's key the old one certified (the leaver's too, so their earlier words stay theirs) is certified
        // again under it.
        Assert.NotEqual(signedBefore.SigningPublicKey, record.SigningPublicKey);
        Assert.Equal(signedBefore.SigningChain.Keys.Append(record.SigningPublicKey).Select(Convert.ToBase64String), record.SigningChain.Keys.Select(Convert.ToBase64String));
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(record.SealedSigningKey, leaverTeam));
        Assert.Equal(record.SigningPublicKey, HotlineCrypto.Open(record.SealedSigningKey, current)[32..]);
        var roster = await new OperatorSigningKeys(console.Store, TimeProvider.System).AllAsync();
        Assert.Contains(roster, c => c.Username == "leaver");
        foreach (var certificate in roster) certificate.Verify(record.SigningPublicKey);

        // The leaver signs a record of a higher version, with a team key of their own, with the signing key they could open,
        // and writes it into Redis: the service refuses it (the console gets 409) and seals nothing to it.
        using var demo = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        var genuine = await console.Store.Db.HashGetAllAsync(RedisKeys.TeamKey);
        var theirs = HotlineCrypto.NewKeyPair();
        await console.Store.Db.HashSetAsync(RedisKeys.TeamKey, signedBefore.Rotate(after.Version + 1, theirs.PublicKey, leaverTeam).ToFields());
        Assert.Equal(HttpStatusCode.Conflict, (await demo.GetAsync("/api/keys/team")).StatusCode);
        await Assert.ThrowsAnyAsync<CryptoFailure>(() => console.Transcripts.AppendAsync(conversation, Author.Operator, "demo", "after the forgery", CancellationToken.None));
        Assert.Equal(2, (await console.Transcripts.ReadAsync(conversation, CancellationToken.None)).Count);
        await console.Store.Db.KeyDeleteAsync(RedisKeys.TeamKey);
        await console.Store.Db.HashSetAsync(RedisKeys.TeamKey, genuine);
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("/api/keys/team")).StatusCode);

        // A rotation prepared against the old version is refused and changes nothing.
        var stale = await demo.PostAsJsonAsync($"/api/operators/{OperatorConsole.Colleague}/removal", new
        {
            teamKey = new { fromVersion = before.Version, publicKey = Convert.ToBase64String(before.PublicKey), sealedPrevious = Convert.ToBase64String(new byte[KeyInput.SealedKeyBytes]), sealedTo = new Dictionary<string, string>() },
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.NotNull(await console.AccountAsync(OperatorConsole.Colleague));
        Assert.Equal(after.Version, (await Keyring().CurrentAsync()).Version);
    }

    [Fact]
    public async Task Removing_a_key_holder_without_a_new_team_key_is_refused()
    {
        await BrowserAsync("enrol", ["demo", "stayer", "Operator"], new { adminPassphrase = OperatorConsole.DemoPassword, passphrase = "stayer long passphrase" });
        using var demo = await console.SignInAsync("demo", OperatorConsole.DemoPassword);
        var refused = await demo.PostAsJsonAsync("/api/operators/stayer/removal", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(await console.AccountAsync("stayer"));
        Assert.Equal(HttpStatusCode.Conflict, (await demo.PostAsJsonAsync("/api/operators/demo/removal", new { })).StatusCode);
    }

    private static string Open(string conversation, TranscriptEntry e, KeyPairBytes team) =>
        System.Text.Encoding.UTF8.GetString(e.Open(conversation, team));

    private TeamKeyring Keyring() => new(console.Store, new OperatorAccounts(console.Store), new OperatorSigningKeys(console.Store, TimeProvider.System));

    /// <summary>The sign-in fails with 401; the address's failure count is cleared so later sign-ins here are not slowed.</summary>
    private async Task AssertSignInRefusedAsync(string username, string passphrase)
    {
        using var client = console.NewAnonymous();
        var login = await ClientKeys.PrepareLoginAsync(client, username, passphrase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { username, authKey = login.AuthKey })).StatusCode);
        await ClearThrottleAsync();
    }

    private async Task ClearThrottleAsync()
    {
        await using var redis = await console.Redis.ConnectAsync();
        // Every primary's: on a Redis Cluster the counters lie on the nodes of their slots.
        foreach (var server in redis.GetServers().Where(server => !server.IsReplica))
        {
            foreach (var key in server.Keys(pattern: "hl:signin:failures:*")) await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    private async Task<JsonElement> BrowserAsync(string command, string[] args, object secrets)
    {
        var result = await Node.RunAsync(Script, [command, console.Url.ToString(), .. args], stdin: JsonSerializer.Serialize(secrets), timeout: TimeSpan.FromMinutes(3));
        return JsonDocument.Parse(result.EnsureSuccess().StdOut.Trim().Split('\n')[^1]).RootElement;
    }
}
