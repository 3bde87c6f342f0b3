using System.Text;
using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;
using Hotline.Operator.Accounts;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// Whose signing key was removed, and when, is signed by the team into the team key record when the supervisor's browser
/// removes the operator. A Redis writer who erases the removal mark in hl:{team}:keys:operators does not let the removed
/// operator's later words count again, and one who forges a mark on a working operator does not hide their words: the
/// console, in Debian's chromium, goes by the signed record.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RemovalMarkBrowserTests(ConsoleStack stack)
{
    [Fact]
    public async Task Erasing_a_removal_mark_or_forging_one_in_redis_changes_nothing_the_console_shows()
    {
        await using var browser = await Browser.LaunchAsync();
        var lead = await stack.OpenConsoleAsync(browser);
        var leaver = "leaver-" + Guid.NewGuid().ToString("N")[..6];
        const string passphrase = "leaver long passphrase here";
        await lead.ClickAsync("#tab-supervisor");
        await lead.FillAsync("#enrol-username", leaver);
        await lead.SelectOptionAsync("#enrol-roles", "Operator");
        await lead.FillAsync("#enrol-password", passphrase);
        await lead.FillAsync("#enrol-password2", passphrase);
        await lead.ClickAsync("#enrol-form button[type=submit]");
        await Assertions.Expect(lead.Locator("#enrol-recovery")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // What the leaver takes away: their own signing key, which their passphrase opens.
        var leaverKey = await SigningSecretAsync(leaver, passphrase);
        var demoKey = await SigningSecretAsync("demo", ConsoleStack.DemoPassword);

        lead.Dialog += (_, dialog) => dialog.AcceptAsync();
        await lead.ClickAsync($"#accounts-table button:has-text('Remove {leaver}')");
        await Assertions.Expect(lead.Locator("#rotation-status")).ToContainTextAsync($"Removed {leaver}.", new() { Timeout = 30_000 });

        await using var redis = await stack.ConnectAsAsync("operator");
        var roster = new OperatorSigningKeys(redis.Store, TimeProvider.System);
        var removed = (await roster.FindAsync(leaver))!;
        var demo = (await roster.FindAsync("demo"))!;
        var record = TeamKeyRecord.FromFields(await redis.Db.HashGetAllAsync(RedisKeys.TeamKey));
        record.VerifyPinned(stack.Fingerprint);
        var removedAt = record.RemovedAt(removed);
        Assert.NotNull(removedAt);
        try
        {
            // The attacker erases the leaver's mark and writes one on demo, dated long before.
            await redis.Db.HashSetAsync(RedisKeys.OperatorSigningKeys, [OperatorSigningKeys.Entry(removed with { RemovedAt = null })]);
            await redis.Db.HashSetAsync(RedisKeys.OperatorSigningKeys, [OperatorSigningKeys.Entry(demo with { RemovedAt = 1 })]);

            var api = await stack.SignInAsync();
            var (visitor, caseId) = await stack.OpenCaseAsync("me kercenon ish-burri", api);
            using var _ = visitor;
            // Each entry carries its operator's genuine signature over the words, dated after the leaver's removal.
            const string leaverWords = "Takohemi sonte te ura, eja vetem";
            const string demoWords = "Jam këtu me ju, jeni të sigurt tani?";
            await stack.AppendAsOperatorServiceAsync(visitor.ConversationId, leaver, leaverWords, Sign(visitor.ConversationId, leaver, leaverWords, leaverKey), removedAt!.Value + 1);
            await stack.AppendAsOperatorServiceAsync(visitor.ConversationId, "demo", demoWords, Sign(visitor.ConversationId, "demo", demoWords, demoKey), removedAt.Value + 2);

            // A console opened now reads the tampered roster.
            var page = await stack.OpenConsoleAsync(browser, ConsoleStack.Operator2, ConsoleStack.Operator2Password);
            await page.FillAsync("#search", caseId);
            await page.ClickAsync($"#queue button[data-case-id='{caseId}']", new() { Timeout = 15_000 });
            var transcript = page.Locator("#transcript");
            var mine = transcript.Locator("li.entry.operator").Filter(new() { HasText = demoWords });
            await Assertions.Expect(mine.Locator(".signer.verified[data-signer='demo']")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            var refused = transcript.Locator("li.entry.operator.broken");
            await Assertions.Expect(refused).ToHaveCountAsync(1);
            await Assertions.Expect(refused).ToContainTextAsync($"dated after {leaver} was removed");
            await Assertions.Expect(transcript).Not.ToContainTextAsync(leaverWords);
            browser.AssertNoPageErrors();
        }
        finally
        {
            await redis.Db.HashSetAsync(RedisKeys.OperatorSigningKeys, [OperatorSigningKeys.Entry(demo), OperatorSigningKeys.Entry(removed)]);
        }
    }

    /// <summary>An operator's signing secret, opened with their passphrase as their browser opens it.</summary>
    private async Task<byte[]> SigningSecretAsync(string username, string passphrase)
    {
        await using var redis = await stack.ConnectAsAsync("operator");
        var accounts = new OperatorAccounts(redis.Store);
        // An account enrolled before signing keys gets one at its first unlock in a browser, posted as the console opens.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        OperatorAccount account;
        while ((account = (await accounts.FindAsync(username))!).SealedSigningKey is null)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{username} has no signing key");
            await Task.Delay(50);
        }
        var own = HotlineCrypto.UnwrapKey(account.WrappedPrivateKey, ClientKeys.Derive(passphrase, account.Kdf).WrappingKey);
        return HotlineCrypto.Open(account.SealedSigningKey!, new KeyPairBytes(account.PublicKey, own));
    }

    private static OperatorSignature Sign(string conversationId, string by, string text, byte[] signSecret)
    {
        var id = Convert.ToBase64String(HotlineCrypto.RandomBytes(OperatorSignature.IdBytes));
        return new OperatorSignature(id, HotlineCrypto.Sign(Encoding.UTF8.GetBytes(OperatorSignature.Message(conversationId, by, id, text)), signSecret));
    }
}
