using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hotline.Operator.Audit;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace Hotline.Operator.Tests.Audit;

/// <summary>
/// Someone with Redis access cuts the audit log's tail, appends entries of their own with correctly recomputed links, moves
/// the head, and deletes every signed and countersigned head. Nobody opens the audit view: the Operator service finds the
/// cut itself, against the anchor it keeps outside Redis, and says so on /metrics, in its log and in every supervisor's
/// console (Debian's chromium), and signs nothing over the cut. Its own Operator service and redis-server.
/// </summary>
public sealed class AuditWatchTests
{
    private const string DemoPassword = "demo long passphrase for tests";

    /// <summary>An Operator service alone, checking and signing the audit log every second.</summary>
    private static readonly HotlineHostOptions Checking = new()
    {
        Name = "hotline-audit-watch", Operator = true, DemoPassword = DemoPassword, ConsoleLogs = false,
        Settings = new Dictionary<string, string?> { ["HOTLINE_AUDIT:SignHeadSeconds"] = "1", ["HOTLINE_AUDIT:CheckSeconds"] = "1" },
    };

    [Fact]
    public async Task An_audit_log_cut_and_rewritten_in_redis_is_reported_by_the_service_without_a_supervisor_opening_it()
    {
        await using var host = new HotlineHost(Checking);
        await host.InitializeAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.OperatorUrl.ToString());
        await page.FillAsync("#username", "demo");
        await page.FillAsync("#password", DemoPassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });

        // Audited calls: each appends to the chain.
        using var api = await host.SignInAsync("demo", DemoPassword);
        foreach (var status in new[] { "away", "online", "away", "online" })
        {
            (await api.PostAsJsonAsync("/api/me/presence", new { status })).EnsureSuccessStatusCode();
        }
        await using var redis = await host.ConnectAsAsync("operator");
        var written = await redis.Db.StreamLengthAsync(RedisKeys.AuditLog);
        Assert.True(written >= 4);

        // The service checks the chain every second and anchors what it found intact outside Redis: wait until that covers our calls.
        var anchorFile = new Hotline.Core.Crypto.ForwardOnlyFile<AuditAnchor.Mark>(Path.Combine(host.SigningKeysDir, AuditAnchor.FileName));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((anchorFile.Read()?.Count ?? 0) < written && DateTime.UtcNow < deadline) await Task.Delay(100);
        var anchored = anchorFile.Read()!;
        Assert.True(anchored.Count >= written, $"anchored {anchored.Count} of {written} entries");
        Assert.Equal(Path.Combine(host.SigningKeysDir, AuditAnchor.FileName), anchorFile.Path);

        // The attack, as the Operator service's Redis user: keep the entries before the anchored one, append three of one's own
        // with links recomputed so the chain holds, move the head, and delete the signed and countersigned heads.
        // One script, so that no append of the service's falls between reading the chain and rewriting it.
        var all = await redis.Db.StreamRangeAsync(RedisKeys.AuditLog);
        var keep = (int)anchored.Count - 2;
        var head = (string)all[keep - 1].Values.Single(v => v.Name == "hash").Value!;
        var forged = new List<object>();
        for (var i = 0; i < 3; i++)
        {
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + i;
            var hash = AuditLog.Hash(head, at, "demo", "viewed the dashboard", null, null);
            forged.Add(new { at, prev = head, hash });
            head = hash;
        }
        var done = (long)await redis.Db.ScriptEvaluateAsync(
            "if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end " +
            "local all = redis.call('XRANGE', KEYS[1], '-', '+') local keep = tonumber(ARGV[2]) " +
            "for i = keep + 1, #all do redis.call('XDEL', KEYS[1], all[i][1]) end " +
            "local last = '' for _, e in ipairs(cjson.decode(ARGV[3])) do " +
            "redis.call('XADD', KEYS[1], '*', 'at', e.at, 'actor', 'demo', 'action', 'viewed the dashboard', 'caseId', '', 'detail', '', 'prev', e.prev, 'hash', e.hash) last = e.hash end " +
            "redis.call('SET', KEYS[2], last) redis.call('DEL', KEYS[3], KEYS[4]) return 1",
            [RedisKeys.AuditLog, RedisKeys.AuditHead, RedisKeys.AuditSignedHeads, RedisKeys.AuditCountersignedHeads],
            [(string)all[^1].Values.Single(v => v.Name == "hash").Value!, keep, JsonSerializer.Serialize(forged)]);
        Assert.Equal(1, done);
        Assert.True(await redis.Db.StreamLengthAsync(RedisKeys.AuditLog) >= anchored.Count);

        // The supervisor, on the work view, gets the alert; nobody opened the audit log.
        var alert = page.Locator("#alerts li.alert.audit");
        await Assertions.Expect(alert).ToContainTextAsync($"AUDIT LOG BROKEN at anchored head {anchored.Count.ToString(CultureInfo.InvariantCulture)}", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#tab-supervisor[aria-pressed='true']")).ToHaveCountAsync(0);

        var scrape = "";
        for (var i = 0; i < 240 && !Regex.IsMatch(scrape, @"^hotline_audit_intact(\{[^}]*\})? 0\b", RegexOptions.Multiline); i++)
        {
            if (i > 0) await Task.Delay(250);
            scrape = await host.Anonymous.GetStringAsync("/metrics");
        }
        Assert.Matches(new Regex(@"^hotline_audit_intact(\{[^}]*\})? 0\b", RegexOptions.Multiline), scrape);
        Assert.Contains(host.Logs.Lines, l => l.Contains($"The audit log is broken at anchored head {anchored.Count.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
        // Nothing was signed over the cut, and the anchor outside Redis did not move to the forged head.
        Assert.Equal(0, await redis.Db.ListLengthAsync(RedisKeys.AuditSignedHeads));
        Assert.Equal(anchored.Count, anchorFile.Read()!.Count);
        browser.AssertNoPageErrors();
    }
}
