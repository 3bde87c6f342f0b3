using System.Text.RegularExpressions;
using Hotline.Operator.Admin;
using Hotline.Operator.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hotline.Operator.Tests.Audit;

/// <summary>
/// Someone with Redis access cuts the audit log's tail, moves its head back so the chain holds, and deletes every head the
/// Operator service signed and every countersigned head with it. A supervisor's console, in Debian's chromium, had
/// countersigned a later head with the supervisor's own key and kept it in the browser: showing the audit log again, it
/// gives that head back, marks the log as broken, and `admin audit-verify` fails. Its own Operator service and redis-server,
/// so that cutting the log disturbs no other test.
/// </summary>
public sealed class AuditAnchorBrowserTests(OperatorConsole console) : IClassFixture<OperatorConsole>
{
    [Fact]
    public async Task Cutting_the_audit_tail_and_every_signed_head_is_caught_by_the_head_a_supervisors_console_countersigned()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(console.Url.ToString());
        await page.FillAsync("#username", "demo");
        await page.FillAsync("#password", OperatorConsole.DemoPassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });

        await page.ClickAsync("#tab-supervisor");
        var status = page.Locator("#audit-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-countersigned", new Regex("^[0-9]+$"), new() { Timeout = 30_000 });
        await Assertions.Expect(status).ToHaveAttributeAsync("data-intact", "true");
        // What the browser holds is what it stored last: the highest head demo countersigned.
        var log = console.Services.GetRequiredService<AuditLog>();
        var countersigned = (await log.CountersignedHeadsAsync()).Single(c => c.Signer == "demo").Count;
        Assert.True(countersigned >= long.Parse((await status.GetAttributeAsync("data-countersigned"))!, System.Globalization.CultureInfo.InvariantCulture));
        var (intact, _) = await AuditVerifyAsync();
        Assert.Equal(0, intact);
        Assert.True(countersigned >= 2, $"the console countersigned a head after {countersigned} entries");

        // The attack, as the Operator service's Redis user: keep the first entries only, point the head at the last one kept
        // (the chain alone holds), and delete the signed and the countersigned heads.
        await using (var redis = await console.ConnectAsAsync("operator"))
        {
            await redis.Db.ScriptEvaluateAsync(
                "local all = redis.call('XRANGE', KEYS[1], '-', '+') local keep = tonumber(ARGV[1]) " +
                "for i = keep + 1, #all do redis.call('XDEL', KEYS[1], all[i][1]) end " +
                "local fields = all[keep][2] for j = 1, #fields, 2 do if fields[j] == 'hash' then redis.call('SET', KEYS[2], fields[j + 1]) end end " +
                "redis.call('DEL', KEYS[3], KEYS[4]) return keep",
                [RedisKeys.AuditLog, RedisKeys.AuditHead, RedisKeys.AuditSignedHeads, RedisKeys.AuditCountersignedHeads], [countersigned - 1]);
        }

        // The supervisor shows the audit log again: this browser gives its countersigned head back, and the cut shows.
        await page.ClickAsync("#tabs button[data-view='work']");
        await page.ClickAsync("#tab-supervisor");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-intact", "false", new() { Timeout = 30_000 });
        await Assertions.Expect(status).ToContainTextAsync(new Regex($"CHAIN BROKEN.*(countersigned head {countersigned} \\(by demo\\)|fewer than the {countersigned} this browser countersigned)"));
        var (broken, output) = await AuditVerifyAsync();
        Assert.Equal(1, broken);
        Assert.Contains($"The audit log is BROKEN at countersigned head {countersigned} (by demo)", output, StringComparison.Ordinal);
        browser.AssertNoPageErrors();
    }

    /// <summary>`admin audit-verify` as an administrator runs it, with the pinned fingerprint the services have.</summary>
    private async Task<(int Code, string Output)> AuditVerifyAsync()
    {
        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(["admin", "audit-verify"], name => console.Settings.GetValueOrDefault(name), output, new StringWriter());
        return (code, output.ToString());
    }
}
