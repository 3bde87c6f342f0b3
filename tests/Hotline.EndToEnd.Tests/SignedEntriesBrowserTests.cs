using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// An attacker with Redis access appends an "operator" entry to a person's transcript, sealed to the real team key and
/// correctly chained. The console, in Debian's chromium, marks it as failing its signature and never shows its words.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignedEntriesBrowserTests(ConsoleStack stack)
{
    [Fact]
    public async Task Operator_entry_written_straight_into_Redis_shows_as_failed_not_as_genuine()
    {
        await using var browser = await Browser.LaunchAsync();
        const string words = "burri po me rreh tani, ndihme ju lutem";
        var (visitor, caseId) = await stack.OpenCaseAsync(words);
        using var _ = visitor;

        // The forged entry: chained to the tail and sealed to the team key from the record, signed with a key of the attacker's own.
        const string forgedWords = "Takohemi sonte te ura, eja vetem";
        await using (var redis = await stack.Redis.ConnectAsync())
        {
            var db = redis.GetDatabase();
            var key = RedisKeys.Transcript(visitor.ConversationId);
            var teamPublic = Convert.FromBase64String((string)(await db.HashGetAsync(RedisKeys.TeamKey, "public"))!);
            var attacker = new SigningIdentity(Signers.Operator, HotlineCrypto.NewSigningKeyPair());
            // Appended only if the Bot wrote nothing in between, as the hotline's own writers do, so the chain holds.
            for (var appended = false; !appended;)
            {
                var length = await db.ListLengthAsync(key);
                var tail = JsonSerializer.Deserialize<TranscriptEntry>((string)(await db.ListGetByIndexAsync(key, length - 1))!)!;
                var forged = TranscriptEntry.Seal(visitor.ConversationId, length, Author.Operator, "demo", tail.At + 1, tail.ChainHash(),
                    System.Text.Encoding.UTF8.GetBytes(forgedWords), teamPublic, attacker);
                appended = (long)await db.ScriptEvaluateAsync(
                    "if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return 0 end return redis.call('RPUSH', KEYS[1], ARGV[2])",
                    [key], [length, JsonSerializer.Serialize(forged)]) > 0;
            }
        }

        var page = await stack.OpenConsoleAsync(browser);
        // The console shows the fingerprint it verified the team key record against: the one the services pin.
        await Assertions.Expect(page.Locator("#team-fingerprint")).ToContainTextAsync(stack.Fingerprint[..4], new() { Timeout = 10_000 });
        await page.ClickAsync($"#queue button[data-case-id='{caseId}']");
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync(words, new() { Timeout = 10_000 });
        // The Bot may have written more since (a place in the queue): exactly the forged entry is marked, and only its words are missing.
        var broken = page.Locator("#transcript li.broken");
        await Assertions.Expect(broken).ToHaveCountAsync(1);
        await Assertions.Expect(broken).ToContainTextAsync("operator demo");
        await Assertions.Expect(broken).ToContainTextAsync("signature does not verify");
        await Assertions.Expect(page.Locator("#transcript")).Not.ToContainTextAsync(forgedWords);
        await Assertions.Expect(page.Locator("#transcript li:not(.broken)").Filter(new() { HasText = words })).ToHaveCountAsync(1);
    }
}
