using System.Text;
using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// The rollback of someone who can write Redis, against the running hotline and the console in Debian's chromium: after a
/// supervisor removed an operator (the team key rotated to version 2), they put back the version 1 record, genuinely
/// signed, whose key the removed operator still holds. The Bot seals nothing more and says so on /readyz and /metrics;
/// the Operator service refuses the record; and when the Operator service comes back without its floor (another machine),
/// the supervisor's browser still refuses it, opens nothing and says why.
/// </summary>
public sealed class TeamKeyRollbackBrowserTests
{
    [Fact]
    public async Task An_older_team_key_record_put_back_in_redis_gets_nothing_sealed_and_the_console_refuses_it_even_from_a_service_without_its_floor()
    {
        await using var removed = await LeaverRemoved.StartAsync("hotline-rollback");
        var (host, browser, redis, lead, leaverTeamKey, v1) = (removed.Host, removed.Browser, removed.Redis, removed.Lead, removed.LeaverTeamKey, removed.Version1);

        using var visitor = await host.StartWebChatAsync();
        (await visitor.SayAsync("a message after the rotation")).EnsureSuccessStatusCode();
        var transcript = RedisKeys.Transcript(visitor.ConversationId);
        var sealedAfterRotation = await redis.Db.ListLengthAsync(transcript);
        Assert.True(sealedAfterRotation > 0);

        // (A console open during the rollback gets 503 from whatever needs the key; this one signs out first.)
        await lead.ClickAsync("#signout");
        await Assertions.Expect(lead.Locator("#signin-view")).ToBeVisibleAsync();

        // The rollback, as the Operator service's own Redis user may write the record.
        await redis.Db.KeyDeleteAsync(RedisKeys.TeamKey);
        await redis.Db.HashSetAsync(RedisKeys.TeamKey, v1);

        using (var refused = await visitor.SayAsync("a message after the rollback"))
        {
            Assert.False(refused.IsSuccessStatusCode);
        }
        Assert.Equal(sealedAfterRotation, await redis.Db.ListLengthAsync(transcript));
        var entries = (await redis.Db.ListRangeAsync(transcript)).Select(v => JsonSerializer.Deserialize<TranscriptEntry>((string)v!)!).ToList();
        var keys = await redis.Db.HashGetAllAsync(RedisKeys.TranscriptKeys(visitor.ConversationId));
        Assert.All(keys, k => Assert.Throws<CryptoFailure>(() => HotlineCrypto.Open(Convert.FromBase64String((string)k.Value!), leaverTeamKey)));
        Assert.All(entries.Where(e => !e.UsesDataKey), e => Assert.Throws<CryptoFailure>(() => e.Open(visitor.ConversationId, leaverTeamKey)));

        // Raised without anyone looking: /readyz, the metric, the log; the Operator service refuses the record too.
        using (var ready = await host.Bot.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("older than version 2", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var scrape = "";
        for (var i = 0; i < 120 && !scrape.Contains("reason=\"rollback\"", StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(250);
            scrape = await host.Bot.GetStringAsync("/metrics");
        }
        Assert.Contains("hotline_team_key_refused_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("reason=\"rollback\"", scrape, StringComparison.Ordinal);
        using (var served = await host.Anonymous.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, served.StatusCode);
        }

        await removed.SignInAgainAsync();
        await Assertions.Expect(lead.Locator("#signin-error")).ToContainTextAsync("older than one this service accepted before", new() { Timeout = 60_000 });
        await Assertions.Expect(lead.Locator("#console-shell")).ToBeHiddenAsync();

        // The Operator service comes back on another machine: its floor is gone, and it accepts version 1 again.
        await host.RestartOperatorAsync(() =>
        {
            File.Delete(Path.Combine(host.SigningKeysDir, TeamKeyFloor.FileName));
            return Task.CompletedTask;
        });
        // The same page signs in again (its storage is this origin's, kept across the restart).
        await removed.SignInAgainAsync();
        await Assertions.Expect(lead.Locator("#signin-error")).ToContainTextAsync("version 1, older than version 2 this browser accepted before", new() { Timeout = 60_000 });
        await Assertions.Expect(lead.Locator("#console-shell")).ToBeHiddenAsync();
        var team = await (await host.SignInAsync("demo", LeaverRemoved.DemoPassword)).GetFromJsonAsync<JsonElement>("/api/keys/team");
        Assert.Equal(1, team.GetProperty("version").GetInt32()); // what the service without its floor served, and the browser refused
        browser.AssertNoPageErrors();
    }
}
