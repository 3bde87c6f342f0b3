using Hotline.Core.Crypto;
using Hotline.Core.Transcripts;
using Hotline.Operator.Accounts;

namespace Hotline.EndToEnd.Tests;

/// <summary>
/// An attacker with Redis access (here the Bot's own Redis user and password, which may write transcripts) removes an
/// entry from the middle of a person's transcript, or swaps two entries. Every entry still carries a good signature, so
/// only the BLAKE2b chain shows it: the console, in Debian's chromium, marks the break where it is and shows none of the
/// entries from there on as genuine, whether it opens the case afterwards or has it on screen when it happens.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TranscriptChainBrowserTests(ConsoleStack stack)
{
    private const string First = "burri im me kercenon cdo nate";
    private const string Second = "ka marre telefonin tim dje";
    private const string Third = "tani jam te fqinja, a mund te me ndihmoni";
    private const string ChainBroken = "The transcript chain is broken here";

    [Fact]
    public async Task An_entry_removed_from_the_middle_of_a_transcript_is_marked_as_a_break_in_the_console()
    {
        await using var browser = await Browser.LaunchAsync();
        var (visitor, caseId) = await ThreeMessagesAsync();
        using var _ = visitor;
        var removed = await RemoveAsync(visitor.ConversationId, Second);

        var transcript = await ShowAsync(browser, caseId, First);
        // The break is marked at the entry that now follows the gap, and nothing after it is shown as genuine.
        var firstBroken = transcript.Locator("li.broken").First;
        await Assertions.Expect(firstBroken).ToContainTextAsync(ChainBroken);
        await Assertions.Expect(transcript.Locator("li:not(.broken)")).ToHaveCountAsync((int)removed.Sequence);
        await Assertions.Expect(transcript).Not.ToContainTextAsync(Second);
        await Assertions.Expect(transcript).Not.ToContainTextAsync(Third);
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Two_entries_swapped_in_redis_are_marked_and_neither_is_shown_as_genuine()
    {
        await using var browser = await Browser.LaunchAsync();
        var (visitor, caseId) = await ThreeMessagesAsync();
        using var _ = visitor;
        await SwapAsync(visitor.ConversationId, Second, Third);

        var transcript = await ShowAsync(browser, caseId, First);
        await Assertions.Expect(transcript.Locator("li.broken").First).ToContainTextAsync(ChainBroken);
        await Assertions.Expect(transcript).Not.ToContainTextAsync(Second);
        await Assertions.Expect(transcript).Not.ToContainTextAsync(Third);
        await Assertions.Expect(transcript.Locator("li.person:not(.broken)")).ToHaveCountAsync(1);
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task An_entry_removed_while_the_transcript_is_on_screen_is_marked_when_the_next_message_comes()
    {
        await using var browser = await Browser.LaunchAsync();
        var (visitor, caseId) = await ThreeMessagesAsync();
        using var _ = visitor;
        var transcript = await ShowAsync(browser, caseId, Third);
        await Assertions.Expect(transcript.Locator("li.broken")).ToHaveCountAsync(0);

        await RemoveAsync(visitor.ConversationId, Second);
        // The person writes again: the console fetches what is new, finds the entries under the ones on screen changed,
        // and reads and checks the whole transcript again.
        const string fourth = "jam ende ketu";
        (await visitor.SayAsync(fourth)).EnsureSuccessStatusCode();
        await Assertions.Expect(transcript.Locator("li.broken").First).ToContainTextAsync(ChainBroken, new() { Timeout = 15_000 });
        await Assertions.Expect(transcript).Not.ToContainTextAsync(Second);
        await Assertions.Expect(transcript).Not.ToContainTextAsync(Third);
        await Assertions.Expect(transcript).Not.ToContainTextAsync(fourth);
        await Assertions.Expect(transcript.Locator("li:not(.broken)").Filter(new() { HasText = First })).ToHaveCountAsync(1);
        browser.AssertNoPageErrors();
    }

    [Fact]
    public async Task Entries_cut_from_the_end_while_the_transcript_is_on_screen_are_marked_when_the_next_message_comes()
    {
        await using var browser = await Browser.LaunchAsync();
        var (visitor, caseId) = await ThreeMessagesAsync();
        using var _ = visitor;
        var transcript = await ShowAsync(browser, caseId, Third);

        // The attacker cuts the transcript from the third message on (whatever the Bot wrote after it goes too): the chain
        // that is left holds, and the next entry is appended after it, in the place of what the console showed.
        var (raw, third) = await EntryWithAsync(visitor.ConversationId, Third);
        await using (var redis = await stack.ConnectAsAsync("bot"))
        {
            Assert.Equal(1, (long)await redis.Db.ScriptEvaluateAsync(
                "if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1) return 1",
                [RedisKeys.Transcript(visitor.ConversationId)], [third.Sequence, raw]));
        }
        const string fourth = "jam ende ketu";
        (await visitor.SayAsync(fourth)).EnsureSuccessStatusCode();
        var gone = transcript.Locator("li.broken.gone");
        await Assertions.Expect(gone).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(gone).ToContainTextAsync("no longer in the transcript as it was");
        await Assertions.Expect(transcript.Locator("li:not(.broken)").Filter(new() { HasText = First })).ToHaveCountAsync(1);

        // Each later message reads the transcript again: the break stays marked.
        const string fifth = "a me degjon njeri";
        (await visitor.SayAsync(fifth)).EnsureSuccessStatusCode();
        await Assertions.Expect(transcript.Locator("li.person").Filter(new() { HasText = fifth })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(gone).ToHaveCountAsync(1);
        browser.AssertNoPageErrors();
    }

    /// <summary>Opens the case in demo's console and waits until its transcript shows these words as a genuine entry.</summary>
    private async Task<ILocator> ShowAsync(Browser browser, string caseId, string words)
    {
        var transcript = (await stack.OpenCaseInConsoleAsync(browser, caseId, words)).Locator("#transcript");
        await Assertions.Expect(transcript.Locator("li:not(.broken)").Filter(new() { HasText = words })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        return transcript;
    }

    /// <summary>A case whose transcript holds the person's three messages, each stored before the next is written.</summary>
    private async Task<(WebChatVisitor Visitor, string CaseId)> ThreeMessagesAsync()
    {
        var (visitor, caseId) = await stack.OpenCaseAsync(First);
        (await visitor.SayAsync(Second)).EnsureSuccessStatusCode();
        (await visitor.SayAsync(Third)).EnsureSuccessStatusCode();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await stack.StoredTranscriptAsync(visitor.ConversationId)).Count(e => e.Entry.Author == "person") < 3)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The person's three messages did not reach the transcript");
            await Task.Delay(50);
        }
        return (visitor, caseId);
    }

    /// <summary>The stored entry that holds these words, found by opening each with the team key unlocked by demo's passphrase.</summary>
    private async Task<(string Raw, TranscriptEntry Entry)> EntryWithAsync(string conversationId, string words)
    {
        await using var redis = await stack.ConnectAsAsync("operator");
        var account = await new OperatorAccounts(redis.Store).FindAsync("demo") ?? throw new InvalidOperationException("no demo account");
        var teamPublic = Convert.FromBase64String((string)(await redis.Db.HashGetAsync(RedisKeys.TeamKey, "public"))!);
        var team = new KeyPairBytes(teamPublic, ClientKeys.UnlockTeamKey(account, ConsoleStack.DemoPassword));
        var dataKeys = (await redis.Db.HashGetAllAsync(RedisKeys.TranscriptKeys(conversationId))).ToDictionary(k => k.Name.ToString(), k => k.Value.ToString());
        foreach (var (raw, entry) in await stack.StoredTranscriptAsync(conversationId))
        {
            if (entry.Author != "person") continue;
            var opened = entry with { DataKey = dataKeys.GetValueOrDefault(entry.SealedKey) };
            if (System.Text.Encoding.UTF8.GetString(opened.Open(conversationId, team)) == words) return (raw, entry);
        }
        throw new InvalidOperationException("no entry holds those words");
    }

    /// <summary>What the attacker does: removes that one entry, by its exact stored value, as the Bot's Redis user.</summary>
    private async Task<TranscriptEntry> RemoveAsync(string conversationId, string words)
    {
        var (raw, entry) = await EntryWithAsync(conversationId, words);
        await using var redis = await stack.ConnectAsAsync("bot");
        Assert.Equal(1, await redis.Db.ListRemoveAsync(RedisKeys.Transcript(conversationId), raw));
        return entry;
    }

    /// <summary>Swaps two entries in one step, each checked to be still where it was (the Bot may append meanwhile, never move them).</summary>
    private async Task SwapAsync(string conversationId, string a, string b)
    {
        var (rawA, entryA) = await EntryWithAsync(conversationId, a);
        var (rawB, entryB) = await EntryWithAsync(conversationId, b);
        await using var redis = await stack.ConnectAsAsync("bot");
        var swapped = (long)await redis.Db.ScriptEvaluateAsync(
            "if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[3] or redis.call('LINDEX', KEYS[1], ARGV[2]) ~= ARGV[4] then return 0 end " +
            "redis.call('LSET', KEYS[1], ARGV[1], ARGV[4]) redis.call('LSET', KEYS[1], ARGV[2], ARGV[3]) return 1",
            [RedisKeys.Transcript(conversationId)], [entryA.Sequence, entryB.Sequence, rawA, rawB]);
        Assert.Equal(1, swapped);
    }
}
