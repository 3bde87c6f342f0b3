using Hotline.Core.Crypto;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// A removed operator who kept the team signing key and can write Redis, against the running hotline and the console in
/// Debian's chromium: before their removal they could open the team signing key (sealed to the team key they held). A
/// supervisor removes them in the console, which rotates the team signing key too; they then sign a record of a higher
/// version, with a team key of their own, and write it into Redis. The Bot seals nothing to it; the console refuses it,
/// even from an Operator service that lost its floor; and a Bot on a new host, pinned to the fingerprint the console shows
/// after the removal, refuses it with an empty floor.
/// </summary>
public sealed class TeamSigningKeyBrowserTests
{
    [Fact]
    public async Task A_record_a_removed_operator_signs_with_the_old_team_signing_key_gets_nothing_sealed_and_the_console_refuses_it()
    {
        await using var removed = await LeaverRemoved.StartAsync("hotline-signing-key");
        var (host, browser, redis, lead, leaverTeamKey) = (removed.Host, removed.Browser, removed.Redis, removed.Lead, removed.LeaverTeamKey);
        // Before the removal the leaver could open the team signing key sealed in the version 1 record.
        var v1 = TeamKeyRecord.FromFields(removed.Version1);
        Assert.Equal(v1.SigningPublicKey, HotlineCrypto.Open(v1.SealedSigningKey, leaverTeamKey)[32..]);

        // The console made a new team signing key, which the old one handed over to, and shows its fingerprint.
        var v2 = TeamKeyRecord.FromFields(await redis.Db.HashGetAllAsync(RedisKeys.TeamKey));
        Assert.Equal(2, v2.Version);
        Assert.NotEqual(v1.Fingerprint, v2.Fingerprint);
        Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(v2.SealedSigningKey, leaverTeamKey));
        var shown = string.Join(' ', v2.Fingerprint.Chunk(4).Select(c => new string(c)));
        await Assertions.Expect(lead.Locator("#team-fingerprint")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(shown)), new() { Timeout = 30_000 });

        using var visitor = await host.StartWebChatAsync();
        (await visitor.SayAsync("a message after the removal")).EnsureSuccessStatusCode();
        var transcript = RedisKeys.Transcript(visitor.ConversationId);
        var sealedAfterRemoval = await redis.Db.ListLengthAsync(transcript);
        Assert.True(sealedAfterRemoval > 0);
        await lead.ClickAsync("#signout");
        await Assertions.Expect(lead.Locator("#signin-view")).ToBeVisibleAsync();

        // The attack, as the Operator service's own Redis user may write the record: version 3, a team key of the leaver's,
        // signed by a key the old team signing key hands over to.
        var theirs = HotlineCrypto.NewKeyPair();
        var forged = v1.Rotate(3, theirs.PublicKey, leaverTeamKey, "");
        forged.VerifyPinned(host.Fingerprint); // it runs through the team's first key, which every service here pins
        await redis.Db.KeyDeleteAsync(RedisKeys.TeamKey);
        await redis.Db.HashSetAsync(RedisKeys.TeamKey, forged.ToFields());

        using (var refused = await visitor.SayAsync("a message after the forgery"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        Assert.Equal(sealedAfterRemoval, await redis.Db.ListLengthAsync(transcript));
        var keys = await redis.Db.HashGetAllAsync(RedisKeys.TranscriptKeys(visitor.ConversationId));
        Assert.All(keys, k => Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(Convert.FromBase64String((string)k.Value!), theirs)));
        using (var ready = await host.Bot.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("never handed over to", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The Operator service refuses it; brought back without its floor (another machine, pinned to the team's first key)
        // it serves it, and the supervisor's browser refuses it all the same, opening nothing.
        await removed.SignInAgainAsync();
        await Assertions.Expect(lead.Locator("#signin-error")).ToContainTextAsync("signed by a team signing key retired since", new() { Timeout = 60_000 });
        await host.RestartOperatorAsync(() =>
        {
            File.Delete(Path.Combine(host.SigningKeysDir, TeamKeyFloor.FileName));
            return Task.CompletedTask;
        });
        await removed.SignInAgainAsync();
        await Assertions.Expect(lead.Locator("#signin-error")).ToContainTextAsync("never handed over to", new() { Timeout = 60_000 });
        await Assertions.Expect(lead.Locator("#console-shell")).ToBeHiddenAsync();
        using (var demo = await host.SignInAsync("demo", LeaverRemoved.DemoPassword))
        {
            Assert.Equal(3, (await demo.GetFromJsonAsync<JsonElement>("/api/keys/team")).GetProperty("version").GetInt32());
        }

        // A Bot started on a new host (its signing keys copied, no floor), pinned to the fingerprint the console showed after
        // the removal: it refuses the forged record and seals nothing.
        var newHost = Directory.CreateTempSubdirectory("hotline-new-host-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(host.SigningKeysDir).Where(f => Path.GetFileName(f) is not TeamKeyFloor.FileName and not "audit.anchor" && !f.EndsWith(".lock", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(newHost, Path.GetFileName(file)));
            }
            var (bot, url) = await host.StartBotAsync(new Dictionary<string, string?> { ["HOTLINE_SIGNING_KEYS_DIR"] = newHost, ["HOTLINE_TEAM_KEY_FINGERPRINT"] = v2.Fingerprint });
            try
            {
                // The same web chat, through the new host's Bot.
                using var other = new WebChatVisitor(url, visitor.ConversationId, visitor.Token);
                using (var refused = await other.SayAsync("a message to the new host"))
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                }
                Assert.Equal(sealedAfterRemoval, await redis.Db.ListLengthAsync(transcript));
                using var client = new HttpClient { BaseAddress = url };
                using var ready = await client.GetAsync("/readyz");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                Assert.Contains("pinned", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            finally
            {
                await bot.StopAsync();
                await bot.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(newHost, recursive: true);
        }
        browser.AssertNoPageErrors();
    }
}
